"""Small helpers shared by the SVG pictures: escaping, numbers in the active language."""

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.utils.formats import number_format

SVG_NS = "http://www.w3.org/2000/svg"


def text(value: object) -> str:
    """``value`` escaped for SVG text and attribute values."""
    return escape(str(value), quote=True)


def number(value: int | Decimal | float, decimals: int = 0) -> str:
    """1234 → "1.234" in Vietnamese, "1,234" in English; rounded half up."""
    # number_format cuts extra decimals off: round first, as people read figures.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(rounded, decimals, force_grouping=True)


def percent(value: int | Decimal | float | None, decimals: int = 1) -> str:
    """18.18 → "18,2%"; None → "—"."""
    if value is None:
        return "—"
    return f"{number(value, decimals)}%"


def coordinate(value: float) -> str:
    """A coordinate to a tenth of a unit, without trailing zeros: 12.0 → "12", 3.25 → "3.2"."""
    rounded = round(value, 1)
    return f"{rounded:.1f}".removesuffix(".0") if rounded else "0"


def truncate(value: str, length: int) -> str:
    """``value`` cut to ``length`` characters, with an ellipsis when cut."""
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"
