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
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.types import PREFIX_OF_TYPE, UnitType
from kieumau.adminunits.types import Level as AdminLevel
from kieumau.assessments.models import CriterionResult, State
from kieumau.context.models import DirectiveDocument, GoodPractice
from kieumau.context.selectors import (
    IssuerCount,
    StaffingSummary,
    documents_by_issuer_and_kind,
    staffing_summary_of,
)
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


# ---- leadership, resources, exemplary units, deadlines, trend and forecast --------------------
# What the summary reports (narrative.py) add to the dashboards' figures. Each selector runs a
# fixed number of queries; Python loops only over provinces (at most 63) or rounds.

PARTY_KINDS = (
    DirectiveDocument.Kind.RESOLUTION,
    DirectiveDocument.Kind.DIRECTIVE,
    DirectiveDocument.Kind.CONCLUSION,
)
PLAN_KINDS = (
    DirectiveDocument.Kind.PROGRAMME,
    DirectiveDocument.Kind.OFFICIAL_LETTER,
    DirectiveDocument.Kind.PLAN,
)
FINAL_TARGET_YEAR = 2030


def _provinces_of(round: Round, province: AdminUnit | None = None) -> list[AdminUnit]:
    """The provinces of the round's map (or only ``province``), by code. One query."""
    provinces = AdminUnit.objects.filter(admin_map=round.admin_map, level=AdminLevel.PROVINCE)
    if province is not None:
        provinces = provinces.filter(pk=province.pk)
    return list(provinces.order_by("code"))


@dataclass(frozen=True)
class DocumentFigures:
    """Directive documents of a round's map: provinces counted, as the ministry reports them."""

    provinces: int  # provinces of the map (or 1 for a province)
    by_issuer: list[IssuerCount]  # per issuer, provinces with a document, in all and by kind
    party_resolutions: int  # party committee resolution / directive / conclusion
    plans_only: int  # programme / letter / plan (any issuer), without a party resolution
    plans_any: int  # programme / letter / plan (any issuer)
    schemes: int  # People's Committee scheme (đề án)
    documents: int  # documents in all
    with_any: int  # provinces with at least one document
    without: list[str]  # names of the provinces without any document


def document_figures(round: Round, *, province: AdminUnit | None = None) -> DocumentFigures:
    """Directive documents of the round's map (or of ``province``). Four queries."""
    provinces = _provinces_of(round, province)
    documents = DirectiveDocument.objects.filter(province__admin_map=round.admin_map).order_by()
    if province is not None:
        documents = documents.filter(province=province)
    party = Q(issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE, kind__in=PARTY_KINDS)
    rows = {
        row["province"]: row
        for row in documents.values("province").annotate(
            documents=Count("pk"),
            party=Count("pk", filter=party),
            plans=Count("pk", filter=Q(kind__in=PLAN_KINDS)),
            schemes=Count(
                "pk",
                filter=Q(
                    issuer=DirectiveDocument.Issuer.PEOPLES_COMMITTEE,
                    kind=DirectiveDocument.Kind.SCHEME,
                ),
            ),
        )
    }
    if province is None:
        by_issuer = documents_by_issuer_and_kind(round.admin_map)
    else:  # the same counts, for one province
        kinds = set(documents.values_list("issuer", "kind").distinct())
        by_issuer = [
            IssuerCount(
                issuer=issuer,
                provinces=int(any(i == issuer for i, _k in kinds)),
                by_kind={k: 1 for k in DirectiveDocument.Kind.values if (issuer, k) in kinds},
            )
            for issuer in DirectiveDocument.Issuer.values
        ]
    values = list(rows.values())
    return DocumentFigures(
        provinces=len(provinces),
        by_issuer=by_issuer,
        party_resolutions=sum(1 for row in values if row["party"]),
        plans_only=sum(1 for row in values if row["plans"] and not row["party"]),
        plans_any=sum(1 for row in values if row["plans"]),
        schemes=sum(1 for row in values if row["schemes"]),
        documents=sum(row["documents"] for row in values),
        with_any=len(values),
        without=[unit.name for unit in provinces if unit.pk not in rows],
    )


@dataclass(frozen=True)
class ProvinceResources:
    """A province's registered units and their recorded resources in a round."""

    province: AdminUnit
    units: int
    reported: int  # units with resources recorded
    fully_staffed: int  # staff in post ≥ staff norm
    staff_norm: int
    staff_actual: int
    funding_planned_vnd: int
    funding_disbursed_vnd: int

    @property
    def all_staffed(self) -> bool:
        """Every registered unit recorded its staff and meets the norm (and there is one)."""
        return self.units > 0 and self.fully_staffed == self.units

    @property
    def funding_gap_vnd(self) -> int:
        return max(self.funding_planned_vnd - self.funding_disbursed_vnd, 0)


@dataclass(frozen=True)
class ResourceFigures:
    """Staffing, headquarters and funding of a round (national or one province)."""

    summary: StaffingSummary
    provinces: list[ProvinceResources]  # provinces with registered units, by code

    @property
    def provinces_with_units(self) -> int:
        return len(self.provinces)

    @property
    def provinces_fully_staffed(self) -> int:
        return sum(1 for row in self.provinces if row.all_staffed)

    @property
    def provinces_short_staffed(self) -> list[ProvinceResources]:
        return [row for row in self.provinces if not row.all_staffed]

    @property
    def funding_gap_vnd(self) -> int:
        return max(self.summary.funding_planned_vnd - self.summary.funding_disbursed_vnd, 0)

    @property
    def provinces_with_funding_gap(self) -> list[ProvinceResources]:
        """Provinces that disbursed less than they planned, largest gap first."""
        gaps = [row for row in self.provinces if row.funding_gap_vnd]
        return sorted(gaps, key=lambda row: (-row.funding_gap_vnd, row.province.code))

    @property
    def disbursed_percent(self) -> Decimal | None:
        return _percent(self.summary.funding_disbursed_vnd, self.summary.funding_planned_vnd)


def resource_figures(round: Round, *, province: AdminUnit | None = None) -> ResourceFigures:
    """Staffing sufficiency, headquarters and funding of the round's registered units (of
    ``province`` if given). Totals from ``context.selectors.staffing_summary``; per province
    one grouped query. Four queries."""
    registrations = Registration.objects.filter(round=round).order_by()
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    summary = staffing_summary_of(registrations)
    rows = (
        registrations.values("unit__province")
        .annotate(
            units=Count("pk"),
            reported=Count("resources"),
            fully_staffed=Count(
                "resources", filter=Q(resources__staff_actual__gte=F("resources__staff_norm"))
            ),
            staff_norm=Sum("resources__staff_norm", default=0),
            staff_actual=Sum("resources__staff_actual", default=0),
            funding_planned_vnd=Sum("resources__funding_planned_vnd", default=0),
            funding_disbursed_vnd=Sum("resources__funding_disbursed_vnd", default=0),
        )
        .order_by("unit__province")
    )
    by_province = {row.pop("unit__province"): row for row in rows}
    units = AdminUnit.objects.filter(pk__in=by_province).order_by("code")
    return ResourceFigures(
        summary=summary,
        provinces=[
            ProvinceResources(
                province=unit, **{key: int(value) for key, value in by_province[unit.pk].items()}
            )
            for unit in units
        ],
    )


@dataclass(frozen=True)
class UnitResult:
    """One registered unit's result in a round (a line of the annex, or an exemplary unit)."""

    unit: str  # "Phường Nhật Tân"
    code: str
    province: str
    province_code: str
    state: str
    met_count: int | None  # None while a draft (not assessed)
    level: str | None  # verdict level, None while a draft
    decision_number: str = ""
    decision_date: date | None = None
    practices: tuple[str, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.state == State.RECOGNISED


def _unit_results(registrations) -> list[UnitResult]:
    rows = registrations.values(
        "unit__type",
        "unit__name",
        "unit__code",
        "unit__province__name",
        "unit__province__code",
        "assessment__state",
        "assessment__met_count",
        "assessment__level",
        "assessment__recognition__decision_number",
        "assessment__recognition__decision_date",
    )
    results = []
    for row in rows:
        assessed = row["assessment__state"] in ASSESSED_STATES
        results.append(
            UnitResult(
                unit=f"{PREFIX_OF_TYPE[UnitType(row['unit__type'])]} {row['unit__name']}",
                code=row["unit__code"],
                province=row["unit__province__name"],
                province_code=row["unit__province__code"],
                state=row["assessment__state"] or State.DRAFT,
                met_count=row["assessment__met_count"] if assessed else None,
                level=row["assessment__level"] if assessed else None,
                decision_number=row["assessment__recognition__decision_number"] or "",
                decision_date=row["assessment__recognition__decision_date"],
            )
        )
    return results


def unit_results(round: Round, *, province: AdminUnit | None = None) -> list[UnitResult]:
    """Every registered unit of the round (of ``province``) with its verdict, by province and
    unit code. One query."""
    registrations = Registration.objects.filter(round=round)
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    return _unit_results(registrations.order_by("unit__province__code", "unit__code"))


@dataclass(frozen=True)
class Practice:
    """A good practice (mô hình hay) and the unit that shares it."""

    title: str
    description: str
    unit: str
    province: str


def good_practices(round: Round, *, province: AdminUnit | None = None) -> list[Practice]:
    """The good practices of the round's units, by province, unit and title. One query."""
    practices = GoodPractice.objects.filter(registration__round=round)
    if province is not None:
        practices = practices.filter(registration__unit__province=province)
    rows = practices.order_by(
        "registration__unit__province__code", "registration__unit__code", "title"
    ).values(
        "title",
        "description",
        "registration__unit__type",
        "registration__unit__name",
        "registration__unit__province__name",
    )
    return [
        Practice(
            title=row["title"],
            description=row["description"],
            unit=(
                f"{PREFIX_OF_TYPE[UnitType(row['registration__unit__type'])]}"
                f" {row['registration__unit__name']}"
            ),
            province=row["registration__unit__province__name"],
        )
        for row in rows
    ]


def exemplary_units(
    round: Round, *, province: AdminUnit | None = None, limit: int | None = None
) -> list[UnitResult]:
    """The round's exemplary units, each with its good practices: every recognised unit (most
    criteria met first, then by province and unit code); while none is recognised, the assessed
    units at "đạt cơ bản" or better with the most criteria met, at most ``limit`` (15 unless
    given). Three queries."""
    registrations = Registration.objects.filter(
        round=round,
        assessment__state__in=ASSESSED_STATES,
        assessment__level__in=(Level.FULL, Level.BASIC),
    )
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    recognised = registrations.filter(assessment__state=State.RECOGNISED)
    if recognised.exists():
        registrations = recognised
    else:
        limit = limit or 15
    ranked = registrations.order_by("-assessment__met_count", "unit__province__code", "unit__code")
    if limit is not None:
        ranked = ranked[:limit]
    units = _unit_results(ranked)
    titles: dict[str, list[str]] = {}
    for code, title in (
        GoodPractice.objects.filter(
            registration__round=round, registration__unit__code__in=[u.code for u in units]
        )
        .order_by("title")
        .values_list("registration__unit__code", "title")
    ):
        titles.setdefault(code, []).append(title)
    return [replace(unit, practices=tuple(titles.get(unit.code, ()))) for unit in units]


@dataclass(frozen=True)
class ProvinceDelays:
    province: str
    not_submitted: int
    not_reviewed: int


@dataclass(frozen=True)
class Delays:
    """Units behind the round's deadlines on a given day.

    *Not submitted*: still a draft, or returned and not resubmitted, after the self-assessment
    deadline. *Not reviewed*: submitted and not yet approved or rejected after the review
    deadline. Before a deadline nobody is late for it.
    """

    on: date
    self_assessment_deadline: date
    review_deadline: date
    not_submitted: int
    not_reviewed: int
    provinces: list[ProvinceDelays]  # provinces with a late unit, by code


def delays(round: Round, *, on: date, province: AdminUnit | None = None) -> Delays:
    """Units behind the deadlines of ``round`` on day ``on``. One query."""
    late_submit = on > round.self_assessment_deadline
    late_review = on > round.review_deadline
    unsubmitted = Q(assessment__state__in=(State.DRAFT, State.RETURNED)) | Q(
        assessment__isnull=True
    )
    registrations = Registration.objects.filter(round=round).order_by()
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    rows = [
        ProvinceDelays(
            province=row["unit__province__name"],
            not_submitted=row["not_submitted"] if late_submit else 0,
            not_reviewed=row["not_reviewed"] if late_review else 0,
        )
        for row in registrations.values("unit__province__code", "unit__province__name")
        .annotate(
            not_submitted=Count("pk", filter=unsubmitted),
            not_reviewed=Count("pk", filter=Q(assessment__state=State.SUBMITTED)),
        )
        .order_by("unit__province__code")
    ]
    rows = [row for row in rows if row.not_submitted or row.not_reviewed]
    return Delays(
        on=on,
        self_assessment_deadline=round.self_assessment_deadline,
        review_deadline=round.review_deadline,
        not_submitted=sum(row.not_submitted for row in rows),
        not_reviewed=sum(row.not_reviewed for row in rows),
        provinces=rows,
    )


@dataclass(frozen=True)
class TrendPoint:
    """A round's figures (nationally, or for a province rolled up across maps)."""

    year: int
    wards: int  # phường on the round's map
    registered: int
    at_least_basic: int  # assessed units at đạt or đạt cơ bản
    recognised: int  # recognised in this round
    recognised_so_far: int  # recognised in this round and every earlier one

    @property
    def percent(self) -> Decimal | None:
        """Phường recognised so far against the phường of the round's map (at most 100)."""
        value = _percent(self.recognised_so_far, self.wards)
        return None if value is None else min(value, Decimal(100))


def _rounds_until(round: Round) -> list[Round]:
    return list(
        Round.objects.filter(year__lte=round.year).select_related("admin_map").order_by("year")
    )


def _counts_by_round_and_province(rounds: list[Round]) -> dict[tuple[int, int], dict]:
    """(round pk, province pk) → registered / at_least_basic / recognised. One query."""
    rows = (
        Registration.objects.filter(round__in=rounds)
        .order_by()
        .values("round", "unit__province")
        .annotate(
            registered=Count("pk"),
            at_least_basic=Count(
                "pk", filter=_ASSESSED & Q(assessment__level__in=(Level.FULL, Level.BASIC))
            ),
            recognised=Count("pk", filter=Q(assessment__state=State.RECOGNISED)),
        )
    )
    return {(row.pop("round"), row.pop("unit__province")): row for row in rows}


def _wards_by_province(maps: set[int]) -> dict[int, int]:
    """Province pk → its phường, for the provinces of ``maps``. One query."""
    return dict(
        AdminUnit.objects.filter(admin_map__in=maps, type=UnitType.WARD)
        .order_by()
        .values("province")
        .annotate(wards=Count("pk"))
        .values_list("province", "wards")
    )


def province_correspondence(source_map, target_map) -> dict[int, set[int]]:
    """Each province of ``source_map`` → the provinces of ``target_map`` it became, following
    the recorded successions through any maps in between (63 → 34). One query per map crossed;
    provinces whose successor is unknown map to nothing."""
    provinces = AdminUnit.objects.filter(admin_map=source_map, level=AdminLevel.PROVINCE)
    if source_map.pk == target_map.pk:
        return {pk: {pk} for pk in provinces.values_list("pk", flat=True)}
    current = {pk: {pk} for pk in provinces.values_list("pk", flat=True)}
    found: dict[int, set[int]] = {pk: set() for pk in current}
    for _step in range(AdminMap.objects.count()):
        frontier = set().union(*current.values())
        if not frontier:
            break
        links: dict[int, list[tuple[int, int, date]]] = {}
        for predecessor, successor, map_id, effective in Succession.objects.filter(
            predecessor_id__in=frontier, successor__isnull=False
        ).values_list(
            "predecessor_id",
            "successor_id",
            "successor__admin_map_id",
            "successor__admin_map__effective_date",
        ):
            links.setdefault(predecessor, []).append((successor, map_id, effective))
        next_current: dict[int, set[int]] = {}
        for origin, units in current.items():
            for unit in units:
                for successor, map_id, effective in links.get(unit, ()):
                    if map_id == target_map.pk:
                        found[origin].add(successor)
                    elif effective < target_map.effective_date:
                        next_current.setdefault(origin, set()).add(successor)
        current = next_current
    return found


def national_trend(round: Round) -> list[TrendPoint]:
    """The national figures of every round up to ``round``'s year, oldest first. Three
    queries."""
    rounds = _rounds_until(round)
    counts = _counts_by_round_and_province(rounds)
    wards = _wards_by_province({r.admin_map_id for r in rounds})
    ward_map = dict(
        AdminUnit.objects.filter(pk__in=wards).values_list("pk", "admin_map_id")
    )  # one more query: which map each province belongs to
    points, so_far = [], 0
    for each in rounds:
        rows = [row for (r, _p), row in counts.items() if r == each.pk]
        recognised = sum(row["recognised"] for row in rows)
        so_far += recognised
        points.append(
            TrendPoint(
                year=each.year,
                wards=sum(n for pk, n in wards.items() if ward_map[pk] == each.admin_map_id),
                registered=sum(row["registered"] for row in rows),
                at_least_basic=sum(row["at_least_basic"] for row in rows),
                recognised=recognised,
                recognised_so_far=so_far,
            )
        )
    return points


def province_trends(round: Round) -> dict[int, list[TrendPoint]]:
    """For each province of ``round``'s map (by pk), its figures in every round up to the
    round's year, oldest first, rolled up through the successions: a 2023 round counts, for a
    2025 province, the 2023 provinces that merged into it; phường are those of the same
    provinces on that round's map. A fixed number of queries (a few per map)."""
    rounds = _rounds_until(round)
    counts = _counts_by_round_and_province(rounds)
    wards = _wards_by_province({r.admin_map_id for r in rounds})
    targets = [unit.pk for unit in _provinces_of(round)]
    correspondences = {}
    for map_id in {r.admin_map_id for r in rounds}:
        source = next(r.admin_map for r in rounds if r.admin_map_id == map_id)
        # old province → new provinces, inverted: new province → the old ones it holds
        inverse: dict[int, set[int]] = {pk: set() for pk in targets}
        for old, news in province_correspondence(source, round.admin_map).items():
            for new in news:
                inverse.setdefault(new, set()).add(old)
        correspondences[map_id] = inverse
    trends: dict[int, list[TrendPoint]] = {}
    for target in targets:
        points, so_far = [], 0
        for each in rounds:
            olds = correspondences[each.admin_map_id].get(target, set())
            rows = [counts[each.pk, old] for old in olds if (each.pk, old) in counts]
            recognised = sum(row["recognised"] for row in rows)
            so_far += recognised
            points.append(
                TrendPoint(
                    year=each.year,
                    wards=sum(wards.get(old, 0) for old in olds),
                    registered=sum(row["registered"] for row in rows),
                    at_least_basic=sum(row["at_least_basic"] for row in rows),
                    recognised=recognised,
                    recognised_so_far=so_far,
                )
            )
        trends[target] = points
    return trends


@dataclass(frozen=True)
class Forecast:
    """When a province reaches 100% of its phường recognised at its current pace.

    The pace is the slope (percentage points per year) of the least-squares line through its
    rounds' shares (``TrendPoint.percent``); with a single round, through that round and 0% in
    the year before it (nothing was recognised before the programme). ``year`` is None when
    the pace is not positive (never, at this pace).
    """

    province: AdminUnit
    percent: Decimal  # share recognised so far in the latest round
    pace: Decimal  # percentage points per year
    year: int | None

    @property
    def misses_final_target(self) -> bool:
        return self.year is None or self.year > FINAL_TARGET_YEAR


def forecast_from(province: AdminUnit, points: list[TrendPoint]) -> Forecast:
    """The forecast of one province from its trend (pure: no query)."""
    known = [(p.year, p.percent) for p in points if p.percent is not None]
    if not known:
        return Forecast(province=province, percent=Decimal(0), pace=Decimal(0), year=None)
    if len(known) == 1:
        known = [(known[0][0] - 1, Decimal(0)), *known]
    n = len(known)
    mean_x = Decimal(sum(x for x, _y in known)) / n
    mean_y = sum(y for _x, y in known) / n
    spread = sum((x - mean_x) ** 2 for x, _y in known)
    pace = sum((x - mean_x) * (y - mean_y) for x, y in known) / spread if spread else Decimal(0)
    last_year, last = known[-1]
    if last >= 100:
        year = last_year
    elif pace > 0:
        year = last_year + math.ceil((Decimal(100) - last) / pace)
    else:
        year = None
    return Forecast(province=province, percent=last, pace=pace.quantize(Decimal("0.01")), year=year)


def forecasts(round: Round, *, province: AdminUnit | None = None) -> list[Forecast]:
    """The forecast of every province of ``round``'s map (or only ``province``), by code."""
    trends = province_trends(round)
    return [forecast_from(unit, trends[unit.pk]) for unit in _provinces_of(round, province)]


def units_meeting(round: Round, *, minimum: int, province: AdminUnit | None = None) -> int:
    """Assessed units of the round (of ``province``) meeting at least ``minimum`` criteria
    ("144 of the 172 met at least 20 of the 22 criteria"). One query."""
    registrations = Registration.objects.filter(
        round=round, assessment__state__in=ASSESSED_STATES, assessment__met_count__gte=minimum
    )
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    return registrations.count()
