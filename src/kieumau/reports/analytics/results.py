"""Registrations, verdicts and unmet criteria of a round, nationally or per province."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import CriterionResult, State
from kieumau.criteria.types import Comparator, Kind, Level
from kieumau.programme.models import Quota, Registration, Round
from kieumau.programme.selectors import ProvinceProgress, provinces_with_targets, quota_totals
from kieumau.reports.analytics.base import ASSESSED, ASSESSED_STATES, percent_of


@dataclass(frozen=True)
class RoundFigures:
    """Totals of a round (nationally or in one province)."""

    quota: int
    registered: int
    over_quota: int  # registrations beyond each province's quota, summed over provinces
    assessed: int
    by_level: dict[str, int]  # every verdict level → assessed units at that level
    by_state: dict[str, int]  # every workflow state → units in it
    recognised: int

    @property
    def not_assessed(self) -> int:
        return self.registered - self.assessed

    @property
    def full(self) -> int:
        return self.by_level[Level.FULL]

    @property
    def basic(self) -> int:
        return self.by_level[Level.BASIC]

    @property
    def not_met(self) -> int:
        return self.by_level[Level.NOT_MET]

    @property
    def registered_percent_of_quota(self) -> Decimal | None:
        return percent_of(self.registered, self.quota)


def round_figures(round: Round, *, province: AdminUnit | None = None) -> RoundFigures:
    """Quota, registrations, assessments by state and verdict of ``round``. Two queries.

    ``province`` (a province of the round's map) narrows every figure to it.
    """
    if province is None:
        quotas = quota_totals(round)
        quota, over = quotas.effective, quotas.over
    else:
        quota = (
            Quota.objects.filter(round=round, province=province)
            .values_list(Coalesce("override", "computed"), flat=True)
            .first()
        ) or 0
    registrations = Registration.objects.filter(round=round).order_by()
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    counts = registrations.aggregate(
        registered=Count("pk"),
        assessed=Count("pk", filter=ASSESSED),
        **{f"state_{s}": Count("pk", filter=Q(assessment__state=s)) for s in State.values},
        **{
            f"level_{lv}": Count("pk", filter=ASSESSED & Q(assessment__level=lv))
            for lv in Level.values
        },
    )
    if province is not None:
        over = max(counts["registered"] - quota, 0)
    return RoundFigures(
        quota=quota,
        registered=counts["registered"],
        over_quota=over,
        assessed=counts["assessed"],
        by_level={lv: counts[f"level_{lv}"] for lv in Level.values},
        by_state={s: counts[f"state_{s}"] for s in State.values},
        recognised=counts[f"state_{State.RECOGNISED}"],
    )


def criteria_total(round: Round) -> int:
    """How many criteria the round's set has (22 in the default set). One query."""
    return round.criteria_set.criteria.count()


@dataclass(frozen=True)
class ProvinceFigures(ProvinceProgress):
    """A province's figures in a round and its progress toward the target year's target."""

    quota: int
    registered: int
    assessed: int
    basic: int
    full: int

    @property
    def over_quota(self) -> int:
        return max(self.registered - self.quota, 0)

    @property
    def registered_percent(self) -> Decimal | None:
        return percent_of(self.registered, self.wards)

    @property
    def target_ratio(self) -> Decimal | None:
        """Progress as a share of the minimum target (1 = reached); None if it cannot be said."""
        if self.percent is None or self.minimum is None:
            return None
        if not self.minimum:
            return Decimal(1)
        return self.percent / self.minimum


def province_figures(
    round: Round, *, year: int, province: AdminUnit | None = None
) -> list[ProvinceFigures]:
    """Figures of every province of the round's map (or only ``province``), by code.

    Targets are those of ``year``. Two queries: the provinces with their phường, quota and
    targets; the registrations counted per province.
    """
    provinces = _provinces_with_targets(round, year=year)
    if province is not None:
        provinces = provinces.filter(pk=province.pk)
    registrations = Registration.objects.filter(round=round).order_by()
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    counts = {
        row["unit__province"]: row
        for row in registrations.values("unit__province").annotate(
            registered=Count("pk"),
            assessed=Count("pk", filter=ASSESSED),
            basic=Count("pk", filter=ASSESSED & Q(assessment__level=Level.BASIC)),
            full=Count("pk", filter=ASSESSED & Q(assessment__level=Level.FULL)),
            recognised=Count("pk", filter=Q(assessment__state=State.RECOGNISED)),
        )
    }
    empty = {"registered": 0, "assessed": 0, "basic": 0, "full": 0, "recognised": 0}
    figures = []
    for unit in provinces:
        row = counts.get(unit.pk, empty)
        figures.append(
            ProvinceFigures(
                province=unit,
                wards=unit.ward_count,
                quota=unit.quota,
                registered=row["registered"],
                assessed=row["assessed"],
                basic=row["basic"],
                full=row["full"],
                recognised=row["recognised"],
                minimum=unit.minimum,
                stretch=unit.stretch,
            )
        )
    return figures


def _provinces_with_targets(round: Round, *, year: int):
    """The map's provinces annotated with ward_count, quota, minimum and stretch of ``year``."""
    quota = Quota.objects.filter(round=round, province=OuterRef("pk")).values(
        total=Coalesce("override", "computed")
    )
    return provinces_with_targets(round, year).annotate(
        quota=Coalesce(Subquery(quota, output_field=IntegerField()), Value(0))
    )


@dataclass(frozen=True)
class CriterionUnmet:
    """How many assessed units do not meet one criterion (a missing value is not met)."""

    code: str
    title: str
    position: int
    mandatory: bool
    unmet: int
    assessed: int

    @property
    def percent(self) -> Decimal | None:
        return percent_of(self.unmet, self.assessed)


def _met() -> Q:
    """Whether the effective value meets the criterion: the verdict engine's ``is_met`` in SQL.

    NULL values compare as unknown, so a missing value is never met, as in ``is_met``.
    """
    compare = {
        Comparator.GE: "gte",
        Comparator.GT: "gt",
        Comparator.LE: "lte",
        Comparator.LT: "lt",
        Comparator.EQ: "exact",
    }
    met = Q(criterion__kind=Kind.BOOL, effective=1)
    for comparator, lookup in compare.items():
        met |= Q(
            criterion__comparator=comparator,
            **{f"effective__{lookup}": F("criterion__threshold")},
        )
    return met


def criteria_unmet(
    round: Round, *, province: AdminUnit | None = None, limit: int | None = None
) -> list[CriterionUnmet]:
    """The round's criteria, most often unmet first (then in set order), among assessed units.

    The effective value is the province's reviewed value if present, else the ward's own;
    met means what the verdict engine says. One query; criteria of a round without any
    assessed unit are not listed.
    """
    results = CriterionResult.objects.filter(
        assessment__registration__round=round, assessment__state__in=ASSESSED_STATES
    )
    if province is not None:
        results = results.filter(assessment__registration__unit__province=province)
    rows = (
        results.annotate(effective=Coalesce("review_value", "self_value"))
        .order_by()
        .values(
            "criterion__code", "criterion__title", "criterion__position", "criterion__mandatory"
        )
        .annotate(assessed=Count("pk"), met=Count("pk", filter=_met()))
        .annotate(unmet=F("assessed") - F("met"))
        .order_by("-unmet", "criterion__position")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        CriterionUnmet(
            code=row["criterion__code"],
            title=row["criterion__title"],
            position=row["criterion__position"],
            mandatory=row["criterion__mandatory"],
            unmet=row["unmet"],
            assessed=row["assessed"],
        )
        for row in rows
    ]


def units_meeting(round: Round, *, minimum: int, province: AdminUnit | None = None) -> int:
    """Assessed units of the round (of ``province``) meeting at least ``minimum`` criteria
    ("144 of the 172 met at least 20 of the 22 criteria"). One query."""
    registrations = Registration.objects.filter(
        round=round, assessment__state__in=ASSESSED_STATES, assessment__met_count__gte=minimum
    )
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    return registrations.count()
