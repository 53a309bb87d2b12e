"""Units one by one: results, exemplary units and their good practices, delays."""

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import (
    Count,
    Q,
)

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import PREFIX_OF_TYPE, UnitType
from kieumau.assessments.models import State
from kieumau.context.models import GoodPractice
from kieumau.criteria.types import Level
from kieumau.programme.models import Registration, Round
from kieumau.reports.analytics.base import ASSESSED_STATES


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
