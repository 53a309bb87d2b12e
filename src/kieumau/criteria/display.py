"""How criteria read to people: requirements like "≥ 90 %" and the verdict rule in words."""

from decimal import Decimal

from kieumau.criteria.types import Comparator, Kind
from kieumau.criteria.verdict import VerdictRule


def number_text(value: Decimal) -> str:
    """90.00 → "90", 0.50 → "0,5" (Vietnamese decimal comma)."""
    return f"{value.normalize():f}".replace(".", ",")


def requirement_text(*, kind: str, comparator: str, threshold: Decimal | None, unit: str) -> str:
    """What a value must be to meet the criterion: "có/không", "≥ 90 %", "≤ 0 %"."""
    if kind == Kind.BOOL:
        return "có/không"
    text = f"{Comparator(comparator).label} {number_text(threshold)}"
    return f"{text} {unit}" if unit else text


def verdict_rule_lines(rule: VerdictRule) -> list[str]:
    mandatory = ", ".join(rule.mandatory)
    basic = f"Đạt cơ bản: ít nhất {rule.basic_min_met}/{rule.total} tiêu chí"
    return [
        f"Đạt: đủ {rule.total}/{rule.total} tiêu chí.",
        basic + (f" và mọi tiêu chí bắt buộc ({mandatory})." if mandatory else "."),
        "Chưa đạt: các trường hợp còn lại.",
    ]
