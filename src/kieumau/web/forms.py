"""What every page's forms share: numbers and dates typed the Vietnamese way, the version."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def decimal_parse(text: str) -> Decimal | None:
    """ "85,5", "85.5", "1.234,5" or "1 234" → Decimal; "" → None; ValueError otherwise.

    A comma is the decimal mark. Without a comma, a dot followed by exactly three digits groups
    thousands (1.234 = 1234), as Vietnamese writes; any other dot is a decimal point.
    """
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".", 1)
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


class DecimalTextField(forms.CharField):
    """A number in a text box (decimal comma accepted), cleaned to a Decimal or None."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return decimal_parse(text)
        except ValueError:
            raise ValidationError(_("Enter a number, e.g. 85 or 85,5."), code="invalid") from None


class DateTextField(forms.DateField):
    """A date typed as dd/mm/yyyy (the browser's date picker shows the US order on some PCs)."""

    widget = forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
    )


class VersionForm(forms.Form):
    """The assessment version the page was built from (optimistic locking)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
