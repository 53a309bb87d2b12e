"""Display helpers shared by every page: money, percentages, page links."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def vnd(amount: int | Decimal | None) -> str:
    """1234000 → "1.234.000 đồng" in Vietnamese, "1,234,000 VND" in English; None → "—"."""
    if amount is None or amount == "":
        return "—"
    return _("%(amount)s VND") % {"amount": number_format(amount, 0, force_grouping=True)}


@register.filter
def percent(value: int | float | Decimal | None, decimals: int = 1) -> str:
    """45.46 → "45,5%" (Vietnamese separators); None → "—"."""
    if value is None or value == "":
        return "—"
    # number_format cuts extra decimals off; round half up first, as people read percentages.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return f"{number_format(rounded, decimals, force_grouping=True)}%"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL with ``page`` set to ``number``, keeping the other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"
