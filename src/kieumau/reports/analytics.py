"""The programme's figures for a round, nationally or for one province: what the dashboards show
and the Word/PDF/Excel reports reuse.

Every figure is a database aggregate: a selector runs a fixed number of queries whatever the
number of provinces, units or results. Definitions used throughout:

- *registered*: units enrolled in the round; *assessed*: their assessments past the draft
  (submitted at least once: submitted, returned, approved, recognised or rejected);
- verdict levels (đạt / đạt cơ bản / chưa đạt) are counted among the assessed units, from the
  verdict the services keep on each assessment; drafts count as *not assessed*;
- *progress*: the share of the province's phường recognised in the round, against the target
  (minimum and stretch %) of the target year.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import CriterionResult, State
from kieumau.context.selectors import IssuerCount, documents_by_issuer_and_kind
from kieumau.criteria.types import Comparator, Kind, Level
from kieumau.programme.models import Quota, Registration, Round, Target
from kieumau.programme.selectors import ProvinceProgress, provinces_with_targets, quota_totals

# Past the draft: the ward has submitted at least once.
ASSESSED_STATES = tuple(state.value for state in State if state != State.DRAFT)
_ASSESSED = Q(assessment__state__in=ASSESSED_STATES)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.01"))


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
        return _percent(self.registered, self.quota)


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
        assessed=Count("pk", filter=_ASSESSED),
        **{f"state_{s}": Count("pk", filter=Q(assessment__state=s)) for s in State.values},
        **{
            f"level_{lv}": Count("pk", filter=_ASSESSED & Q(assessment__level=lv))
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


def directive_documents_summary(round: Round) -> list[IssuerCount]:
    """Per issuer, the provinces of the round's map with directive documents, by kind."""
    return documents_by_issuer_and_kind(round.admin_map)


def target_year(round: Round) -> int:
    """The year whose target the round is measured against: the first target year not before
    the round's year (2023 and 2025 → 2025), else the round's own year. One query."""
    year = Target.objects.filter(year__gte=round.year).order_by("year").values_list("year").first()
    return year[0] if year else round.year


@dataclass(frozen=True)
class NationalTarget:
    year: int
    minimum: Decimal | None  # %, None without a national target for the year
    stretch: Decimal | None


def national_target(year: int) -> NationalTarget:
    """The national default target of ``year``. One query."""
    target = Target.objects.filter(year=year, province__isnull=True).first()
    return NationalTarget(
        year=year,
        minimum=target.minimum_percent if target else None,
        stretch=target.stretch_percent if target else None,
    )


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
        return _percent(self.registered, self.wards)

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
            assessed=Count("pk", filter=_ASSESSED),
            basic=Count("pk", filter=_ASSESSED & Q(assessment__level=Level.BASIC)),
            full=Count("pk", filter=_ASSESSED & Q(assessment__level=Level.FULL)),
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
class TargetProgress:
    """How far a province's recognised phường are from one year's target."""

    year: int
    wards: int
    recognised: int
    minimum: Decimal | None
    stretch: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.recognised, self.wards)

    @property
    def minimum_wards(self) -> int | None:
        """Phường needed to reach the minimum (rounded up)."""
        return None if self.minimum is None else math.ceil(self.minimum * self.wards / 100)

    @property
    def stretch_wards(self) -> int | None:
        return None if self.stretch is None else math.ceil(self.stretch * self.wards / 100)

    @property
    def missing(self) -> int | None:
        """Phường still to recognise for the minimum; 0 once reached."""
        needed = self.minimum_wards
        return None if needed is None else max(needed - self.recognised, 0)


def province_target_progress(
    round: Round, province: AdminUnit, *, years: tuple[int, ...], wards: int, recognised: int
) -> list[TargetProgress]:
    """The province's progress toward the targets of ``years`` (its own, else the national
    one), given its phường and those recognised. One query."""
    targets = {}
    for target in Target.objects.filter(year__in=years).filter(
        Q(province=province) | Q(province__isnull=True)
    ):
        if target.province_id is not None or target.year not in targets:
            targets[target.year] = target
    return [
        TargetProgress(
            year=year,
            wards=wards,
            recognised=recognised,
            minimum=targets[year].minimum_percent if year in targets else None,
            stretch=targets[year].stretch_percent if year in targets else None,
        )
        for year in years
    ]


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
        return _percent(self.unmet, self.assessed)


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
