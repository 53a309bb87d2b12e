"""API: the figures of a round, nationally and per province, and progress toward the targets
(see kieumau/api/api.py for the conventions).

Who reads what mirrors the dashboards (``reports.selectors.dashboard_scope``): the ministry and
national leaders read the national figures and any province's; a province officer (or a leader
attached to a province) reads their province's only, another province is a 404; ward officers
have no dashboard (403).
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from kieumau.accounts.scopes import Denied
from kieumau.api.routers.programme import YEAR, round_or_404
from kieumau.api.schemas import (
    CODE_PATTERN,
    MAX_YEAR,
    MIN_YEAR,
    Pagination,
    Percent,
    UnitRef,
    responses,
)
from kieumau.programme.models import Round
from kieumau.programme.selectors import province_progress
from kieumau.reports import analytics
from kieumau.reports.selectors import (
    DashboardScope,
    dashboard_scope,
    home_provinces_for_user,
    province_for_user,
)

router = Router(tags=["reports"])

TOP_CRITERIA = 10
NO_DASHBOARD = _("Summary figures are for province and ministry officers and leaders.")
NOT_NATIONAL = _(
    "National figures are for the ministry and national leaders: read your province's summary."
)


# ---- schemas ---------------------------------------------------------------------------------


class ProgressOut(Schema):
    province: UnitRef
    wards: int = Field(description="Phường of the province on the round's map")
    recognised: int
    percent: Percent | None = Field(description="Share of the phường recognised (%)")
    minimum: Percent | None = Field(description="Target of the year (%): own, else national")
    stretch: Percent | None
    on_track: bool | None


class TargetYear(Schema):
    target_year: int | None = Field(
        None, ge=MIN_YEAR, le=MAX_YEAR, description="Default: the round's target year"
    )


class RoundFiguresOut(Schema):
    quota: int
    registered: int
    over_quota: int
    assessed: int = Field(description="Past the draft: submitted at least once")
    not_assessed: int
    by_level: dict[str, int] = Field(description="Assessed units per verdict: full/basic/not_met")
    by_state: dict[str, int]
    recognised: int
    registered_percent_of_quota: Decimal | None


class UnitsMeeting(Schema):
    minimum: int = Field(description="Criteria met, at least (default: the set's basic level)")
    criteria: int = Field(description="Criteria in the round's set")
    units: int


class IssuerCountOut(Schema):
    issuer: str
    provinces: int
    by_kind: dict[str, int] = Field(description="Provinces with a document of each kind")


class DocumentsOut(Schema):
    provinces: int
    by_issuer: list[IssuerCountOut]
    party_resolutions: int = Field(description="Provinces whose party committee issued one")
    plans_only: int
    plans_any: int
    schemes: int
    documents: int
    with_any: int
    without: list[str] = Field(description="Names of the provinces without any document")


class StaffingOut(Schema):
    units: int
    units_reported: int
    units_fully_staffed: int
    staff_norm: int
    staff_actual: int
    staff_under_35: int
    staff_with_degree: int
    funding_planned_vnd: int
    funding_disbursed_vnd: int
    units_equipment_adequate: int
    headquarters: dict[str, int]
    provinces_with_units: int
    provinces_fully_staffed: int
    disbursed_percent: Decimal | None


class CriterionUnmetOut(Schema):
    code: str
    title: str
    mandatory: bool
    unmet: int
    assessed: int
    percent: Decimal | None


class SummaryTarget(Schema):
    year: int
    minimum: Percent | None
    stretch: Percent | None


class SummaryOut(Schema):
    year: int
    name: str
    target: SummaryTarget
    figures: RoundFiguresOut
    units_meeting: UnitsMeeting
    documents: DocumentsOut
    staffing: StaffingOut
    criteria_unmet: list[CriterionUnmetOut] = Field(description="Most often unmet first")


class ProvinceSummaryOut(SummaryOut):
    province: UnitRef
    progress: ProgressOut


class SummaryQuery(Schema):
    min_met: int | None = Field(
        None, ge=0, le=1000, description="Count units meeting at least this many criteria"
    )


# ---- helpers ---------------------------------------------------------------------------------


def _scope_or_403(user) -> DashboardScope:
    scope = dashboard_scope(user)
    if scope is None:
        raise Denied(NO_DASHBOARD)
    return scope


def _staffing(figures: analytics.ResourceFigures) -> dict:
    return {
        **vars(figures.summary),
        "provinces_with_units": figures.provinces_with_units,
        "provinces_fully_staffed": figures.provinces_fully_staffed,
        "disbursed_percent": figures.disbursed_percent,
    }


def _summary(round: Round, *, min_met: int | None, province=None) -> dict:
    """The figures both summaries share (of ``province``, else national)."""
    minimum = round.criteria_set.basic_min_met if min_met is None else min_met
    target = analytics.national_target(analytics.target_year(round))
    unmet = analytics.criteria_unmet(round, province=province, limit=TOP_CRITERIA)
    return {
        "year": round.year,
        "name": round.name,
        "target": target,
        "figures": analytics.round_figures(round, province=province),
        "units_meeting": {
            "minimum": minimum,
            "criteria": analytics.criteria_total(round),
            "units": analytics.units_meeting(round, minimum=minimum, province=province),
        },
        "documents": analytics.document_figures(round, province=province),
        "staffing": _staffing(analytics.resource_figures(round, province=province)),
        "criteria_unmet": [row for row in unmet if row.unmet],
    }


# ---- endpoints -------------------------------------------------------------------------------


@router.get(
    "/rounds/{year}/progress",
    response=responses(list[ProgressOut]),
    summary="Each province's phường recognised against the target (your provinces only)",
)
@paginate(Pagination)
def progress_list(request, year: int = YEAR, filters: Query[TargetYear] = None):
    scope = _scope_or_403(request.user)
    round_ = round_or_404(year)
    rows = province_progress(round_, filters.target_year or analytics.target_year(round_))
    if scope == DashboardScope.PROVINCE:
        own = {province.pk for province in home_provinces_for_user(request.user, round_)}
        rows = [row for row in rows if row.province.pk in own]
    return rows


@router.get(
    "/rounds/{year}/summary",
    response=responses(SummaryOut),
    summary="National figures of a round (ministry and national leaders)",
)
def national_summary(request, year: int = YEAR, query: Query[SummaryQuery] = None):
    if _scope_or_403(request.user) != DashboardScope.NATIONAL:
        raise Denied(NOT_NATIONAL)
    return _summary(round_or_404(year), min_met=query.min_met)


@router.get(
    "/rounds/{year}/provinces/{code}/summary",
    response=responses(ProvinceSummaryOut),
    summary="One province's figures in a round (yours, or any for the ministry)",
)
def province_summary(
    request,
    year: int = YEAR,
    code: str = Path(..., max_length=5, pattern=CODE_PATTERN),
    query: Query[SummaryQuery] = None,
):
    _scope_or_403(request.user)
    round_ = round_or_404(year)
    province = province_for_user(request.user, round_, code)  # DoesNotExist: 404
    target_year = analytics.target_year(round_)
    progress = analytics.province_figures(round_, year=target_year, province=province)[0]
    return {
        **_summary(round_, min_met=query.min_met, province=province),
        "target": {"year": target_year, "minimum": progress.minimum, "stretch": progress.stretch},
        "province": province,
        "progress": progress,
    }
