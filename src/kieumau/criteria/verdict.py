"""The verdict engine: which criteria a unit meets and its level. Pure: no database.

Đạt (FULL) when every criterion is met; đạt cơ bản (BASIC) when at least ``basic_min_met``
are met and no mandatory one is unmet; otherwise chưa đạt (NOT_MET). The numbers come from
the criteria set (``VerdictRule``), never from here.
"""

import operator
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kieumau.criteria.types import Comparator, Kind, Level

_COMPARE = {
    Comparator.GE: operator.ge,
    Comparator.GT: operator.gt,
    Comparator.LE: operator.le,
    Comparator.LT: operator.lt,
    Comparator.EQ: operator.eq,
}


@dataclass(frozen=True)
class CriterionRule:
    code: str
    kind: Kind
    comparator: Comparator | None = None  # None for yes/no criteria
    threshold: Decimal | None = None
    mandatory: bool = False

    def __post_init__(self) -> None:
        given = (self.comparator is not None, self.threshold is not None)
        if given != ((False, False) if self.kind == Kind.BOOL else (True, True)):
            raise ValueError(f"{self.code}: comparator and threshold go with measured kinds only")


@dataclass(frozen=True)
class VerdictRule:
    criteria: tuple[CriterionRule, ...]
    basic_min_met: int

    def __post_init__(self) -> None:
        codes = [rule.code for rule in self.criteria]
        if not codes:
            raise ValueError("a verdict rule needs criteria")
        if len(set(codes)) != len(codes):
            raise ValueError("criterion codes repeat")
        if not 0 <= self.basic_min_met <= len(codes):
            raise ValueError(f"basic_min_met {self.basic_min_met} outside 0..{len(codes)}")

    @property
    def total(self) -> int:
        return len(self.criteria)

    @property
    def mandatory(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.criteria if rule.mandatory)


@dataclass(frozen=True)
class Verdict:
    met: tuple[str, ...]
    unmet: tuple[str, ...]  # includes the missing ones
    missing: tuple[str, ...]  # no value given
    mandatory_failures: tuple[str, ...]
    level: Level

    @property
    def met_count(self) -> int:
        return len(self.met)

    @property
    def total(self) -> int:
        return len(self.met) + len(self.unmet)


def is_met(rule: CriterionRule, value: Decimal | None) -> bool:
    """Whether ``value`` meets ``rule``; no value is not met. Yes/no values are 1 or 0."""
    if value is None:
        return False
    if rule.kind == Kind.BOOL:
        if value not in (0, 1):
            raise ValueError(f"{rule.code}: a yes/no value is 1 or 0, not {value}")
        return value == 1
    return _COMPARE[rule.comparator](value, rule.threshold)


def evaluate(rule: VerdictRule, values: Mapping[str, Decimal | None]) -> Verdict:
    """The verdict of ``values`` (criterion code → value); codes not in the rule are ignored."""
    met, unmet, missing, failures = [], [], [], []
    for criterion in rule.criteria:
        value = values.get(criterion.code)
        if is_met(criterion, value):
            met.append(criterion.code)
            continue
        unmet.append(criterion.code)
        if value is None:
            missing.append(criterion.code)
        if criterion.mandatory:
            failures.append(criterion.code)
    if not unmet:
        level = Level.FULL
    elif len(met) >= rule.basic_min_met and not failures:
        level = Level.BASIC
    else:
        level = Level.NOT_MET
    return Verdict(
        met=tuple(met),
        unmet=tuple(unmet),
        missing=tuple(missing),
        mandatory_failures=tuple(failures),
        level=level,
    )
