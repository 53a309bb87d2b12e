from datetime import date
from decimal import Decimal

import pytest
from django import forms

from kieumau.web.forms import DateTextField, DecimalTextField, decimal_parse


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("85,5", Decimal("85.5")),
        ("85.5", Decimal("85.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234", Decimal("1234")),
        ("1.234.567", Decimal("1234567")),
        ("1 234", Decimal("1234")),
        ("12.34", Decimal("12.34")),
        ("  7 ", Decimal("7")),
        ("", None),
    ],
)
def test_numbers_are_read_the_vietnamese_way(text, number):
    assert decimal_parse(text) == number


@pytest.mark.parametrize("text", ["abc", "1,2,3", "NaN", "Infinity", "1e5x"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        decimal_parse(text)


class _Form(forms.Form):
    value = DecimalTextField(required=False)
    due = DateTextField(required=False)


def test_the_form_fields_clean_to_decimals_and_dates_with_messages_in_vietnamese():
    good = _Form({"value": "85,5", "due": "31/12/2025"})
    bad = _Form({"value": "tám mươi", "due": "31/02/2025"})

    assert good.is_valid()
    assert good.cleaned_data == {"value": Decimal("85.5"), "due": date(2025, 12, 31)}
    assert not bad.is_valid()
    assert bad.errors["value"] == ["Nhập một số, ví dụ 85 hoặc 85,5."]
    assert bad.errors["due"] == ["Nhập một ngày hợp lệ."]


def test_a_date_is_shown_day_first():
    html = str(_Form(initial={"due": date(2025, 12, 31)})["due"])

    assert 'value="31/12/2025"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
