from decimal import Decimal

from django.template import Context, Template
from django.utils import translation


def _render(source: str, **context) -> str:
    return Template("{% load kieumau_web %}" + source).render(Context(context))


def test_money_is_shown_in_dong_with_vietnamese_grouping():
    assert _render("{{ v|vnd }}", v=1234000) == "1.234.000 đồng"
    assert _render("{{ v|vnd }}", v=None) == "—"
    with translation.override("en"):
        assert _render("{{ v|vnd }}", v=1234000) == "1,234,000 VND"


def test_percentages_use_a_decimal_comma():
    assert _render("{{ v|percent }}", v=Decimal("45.46")) == "45,5%"
    assert _render("{{ v|percent:0 }}", v=30) == "30%"
    assert _render("{{ v|percent }}", v=None) == "—"
