"""API: rounds, quotas, registrations and targets (see kieumau/api/api.py for the conventions).

Everyone reads rounds; quotas and registrations are those of the user's scope. The ministry
opens rounds, overrides quotas and sets targets; a province registers and withdraws its phường.
A write checks the role first (403), then finds its object in the user's scope (404), then
lets the service decide (422 naming the field).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from kieumau.accounts.scopes import Permission, require
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level
from kieumau.api.routers.common import map_named
from kieumau.api.schemas import (
    CODE_PATTERN,
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    NO_NUL_PATTERN,
    Pagination,
    UnitRef,
    choice_of,
    responses,
)
from kieumau.criteria.selectors import criteria_set_with_code
from kieumau.programme import selectors, services
from kieumau.programme.models import QuotaRule, Round
from kieumau.programme.quotas import quota_parameters_clean

router = Router(tags=["programme"])

YEAR = Path(..., ge=MIN_YEAR, le=MAX_YEAR)
ID = Path(..., ge=1, le=MAX_ID)
PROVINCE_CODE = Path(..., max_length=5, pattern=CODE_PATTERN)
MAX_QUOTA = 100_000
PERCENT = {"ge": 0, "le": 100, "max_digits": 5, "decimal_places": 2, "allow_inf_nan": False}

NO_CRITERIA_SET = _("There is no criteria set with this code and version.")
NO_WARD = _("There is no commune with this code within your scope on the round's map.")
NO_PROVINCE = _("There is no province with this code on that map.")


# ---- schemas ---------------------------------------------------------------------------------


class CriteriaSetRef(Schema):
    code: str
    version: int


class RoundOut(Schema):
    year: int
    name: str
    status: choice_of(Round.Status)
    map: str = Field(validation_alias="admin_map.code")
    criteria_set: CriteriaSetRef
    quota_rule: choice_of(QuotaRule)
    quota_parameters: dict[str, Any]
    self_assessment_deadline: date
    review_deadline: date
    recognition_deadline: date
    quota_total: int = Field(description="Sum of the provinces' effective quotas")
    registered: int


class RoundIn(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    name: str = Field(..., min_length=1, max_length=200, pattern=NO_NUL_PATTERN)
    map: str = Field(..., max_length=20, pattern=CODE_PATTERN, description="Code of the map")
    criteria_set: str = Field(..., max_length=50, pattern=CODE_PATTERN)
    criteria_set_version: int | None = Field(None, ge=1, le=2**31 - 1, description="Latest")
    quota_rule: choice_of(QuotaRule)
    quota_parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"percent": 30}])
    self_assessment_deadline: date
    review_deadline: date
    recognition_deadline: date


class QuotaOut(Schema):
    province: UnitRef
    computed: int = Field(description="By the round's rule")
    override: int | None
    override_reason: str
    effective: int = Field(validation_alias="effective_quota")
    registered: int
    over: int = Field(description="Registrations beyond the effective quota")


class QuotaIn(Schema):
    override: int | None = Field(..., ge=0, le=MAX_QUOTA, description="null clears it")
    override_reason: str = Field("", max_length=500, pattern=NO_NUL_PATTERN)


class AssessmentBrief(Schema):
    id: int
    state: str
    level: str
    met_count: int
    version: int


class RegistrationOut(Schema):
    id: int
    round: int = Field(validation_alias="round.year")
    unit: UnitRef
    province: UnitRef | None = Field(validation_alias="unit.province")
    registered_by: str = Field(validation_alias="registered_by.username")
    registered_at: datetime
    assessment: AssessmentBrief | None

    @staticmethod
    def resolve_assessment(registration):
        return getattr(registration, "assessment", None)


class RegistrationIn(Schema):
    unit_code: str = Field(..., max_length=5, pattern=CODE_PATTERN, examples=["16690"])


class ProvinceFilter(Schema):
    province: str | None = Field(None, max_length=5, pattern=CODE_PATTERN)


class TargetOut(Schema):
    year: int
    map: str | None = Field(None, description="Map of the province; null for a national target")
    province: UnitRef | None
    minimum_percent: Decimal
    stretch_percent: Decimal

    @staticmethod
    def resolve_map(target):
        return target.province.admin_map.code if target.province_id else None


class TargetIn(Schema):
    province: str | None = Field(
        None, max_length=5, pattern=CODE_PATTERN, description="null: the national default"
    )
    map: str | None = Field(
        None, max_length=20, pattern=CODE_PATTERN, description="Map of the province; newest"
    )
    minimum_percent: Decimal = Field(..., **PERCENT)
    stretch_percent: Decimal = Field(..., **PERCENT)


class TargetFilter(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


# ---- helpers ---------------------------------------------------------------------------------


def round_or_404(year: int) -> Round:
    round_ = selectors.round_by_year(year)
    if round_ is None:
        raise Http404
    return round_


def _on_field(error: ValidationError, field: str, *, renames: dict | None = None):
    """The same refusal with its messages filed under input fields the client sent."""
    if not hasattr(error, "error_dict"):
        return ValidationError({field: error.error_list})
    renames = renames or {}
    return ValidationError(
        {renames.get(name, name): items for name, items in error.error_dict.items()}
    )


# ---- rounds ----------------------------------------------------------------------------------


@router.get("/rounds", response=responses(list[RoundOut]), summary="Rounds, newest first")
@paginate(Pagination)
def rounds_list(request):
    return selectors.rounds_for_listing()


@router.get("/rounds/{year}", response=responses(RoundOut), summary="One round")
def round_detail(request, year: int = YEAR):
    round_ = selectors.rounds_for_listing().filter(year=year).first()
    if round_ is None:
        raise Http404
    return round_


@router.post("/rounds", response=responses(RoundOut, 201), summary="Open a round (ministry)")
def round_open(request, payload: RoundIn):
    require(request.user, Permission.CONFIGURE)
    admin_map = map_named(payload.map)
    criteria_set = criteria_set_with_code(
        payload.criteria_set, version=payload.criteria_set_version
    )
    if criteria_set is None:
        raise ValidationError({"criteria_set": NO_CRITERIA_SET})
    try:
        quota_parameters_clean(payload.quota_rule, payload.quota_parameters)
    except ValidationError as error:
        raise _on_field(error, "quota_parameters") from None
    try:
        round_ = services.round_create(
            actor=request.user,
            admin_map=admin_map,
            criteria_set=criteria_set,
            **payload.model_dump(exclude={"map", "criteria_set", "criteria_set_version"}),
        )
    except ValidationError as error:  # a bare message is the rule not fitting the map
        order = {NON_FIELD_ERRORS: "review_deadline"}  # the deadlines out of order
        raise _on_field(error, "quota_rule", renames=order) from None
    return Status(201, selectors.rounds_for_listing().get(pk=round_.pk))


# ---- quotas ----------------------------------------------------------------------------------


@router.get(
    "/rounds/{year}/quotas",
    response=responses(list[QuotaOut]),
    summary="Quotas of the provinces in your scope, with what they registered",
)
@paginate(Pagination)
def quotas_list(request, year: int = YEAR, filters: Query[ProvinceFilter] = None):
    quotas = selectors.quotas_for_user(request.user, round_or_404(year))
    if filters.province:
        quotas = quotas.filter(province__code=filters.province)
    return quotas


@router.patch(
    "/rounds/{year}/quotas/{province_code}",
    response=responses(QuotaOut),
    summary="Override a province's quota, with the reason (ministry); null clears it",
)
def quota_change(request, payload: QuotaIn, year: int = YEAR, province_code: str = PROVINCE_CODE):
    require(request.user, Permission.CONFIGURE)
    quotas = selectors.quotas_for_user(request.user, round_or_404(year))
    quota = quotas.filter(province__code=province_code).select_related("round").first()
    if quota is None:
        raise Http404
    services.quota_override(
        actor=request.user,
        quota=quota,
        value=payload.override,
        reason=payload.override_reason,
    )
    return quotas.get(pk=quota.pk)


# ---- registrations ---------------------------------------------------------------------------


@router.get(
    "/rounds/{year}/registrations",
    response=responses(list[RegistrationOut]),
    summary="Registrations of the round in your scope, by province and unit code",
)
@paginate(Pagination)
def registrations_list(request, year: int = YEAR, filters: Query[ProvinceFilter] = None):
    registrations = selectors.registrations_for_user(request.user, round_or_404(year))
    if filters.province:
        registrations = registrations.filter(unit__province__code=filters.province)
    return registrations.select_related("round")


@router.post(
    "/rounds/{year}/registrations",
    response=responses(RegistrationOut, 201),
    summary="Register a phường of your province (province officers)",
)
def registration_add(request, payload: RegistrationIn, year: int = YEAR):
    require(request.user, Permission.REGISTER)
    round_ = round_or_404(year)
    candidates = AdminUnit.objects.filter(
        admin_map=round_.admin_map, level=Level.COMMUNE, code=payload.unit_code
    )
    try:
        pk = candidates.values_list("pk", flat=True).get()
        unit = selectors.registrable_unit_for_user(request.user, round_, pk)
    except AdminUnit.DoesNotExist:
        raise ValidationError({"unit_code": NO_WARD}) from None
    try:
        registration = services.registration_create(actor=request.user, round=round_, unit=unit)
    except ValidationError as error:
        raise _on_field(error, NON_FIELD_ERRORS, renames={"unit": "unit_code"}) from None
    return Status(201, _registration(request, registration.pk))


def _registration(request, pk: int):
    return selectors.registration_for_user(request.user, pk)


@router.get(
    "/registrations/{registration_id}",
    response=responses(RegistrationOut),
    summary="One registration in your scope",
)
def registration_detail(request, registration_id: int = ID):
    return _registration(request, registration_id)


@router.delete(
    "/registrations/{registration_id}",
    response=responses(None, 204),
    summary="Withdraw a registration whose assessment is still a draft (province officers)",
)
def registration_remove(request, registration_id: int = ID):
    require(request.user, Permission.REGISTER)
    services.registration_withdraw(
        actor=request.user, registration=_registration(request, registration_id)
    )
    return Status(204, None)


# ---- targets ---------------------------------------------------------------------------------


@router.get(
    "/targets",
    response=responses(list[TargetOut]),
    summary="Targets (share of phường at model standard): national, and your provinces'",
)
@paginate(Pagination)
def targets_list(request, filters: Query[TargetFilter] = None):
    targets = selectors.targets_for_user(request.user)
    if filters.year:
        targets = targets.filter(year=filters.year)
    return targets


@router.put(
    "/targets/{year}",
    response=responses(TargetOut),
    summary="Set the national target of a year, or a province's (ministry)",
)
def target_put(request, payload: TargetIn, year: int = YEAR):
    require(request.user, Permission.CONFIGURE)
    province = None
    if payload.province is not None:
        admin_map = map_named(payload.map or None)
        province = AdminUnit.objects.filter(
            admin_map=admin_map, level=Level.PROVINCE, code=payload.province
        ).first()
        if province is None:
            raise ValidationError({"province": NO_PROVINCE})
    try:
        target = services.target_set(
            actor=request.user,
            year=year,
            province=province,
            minimum=payload.minimum_percent,
            stretch=payload.stretch_percent,
        )
    except ValidationError as error:  # the only rule across fields: minimum ≤ stretch
        raise _on_field(
            error, "minimum_percent", renames={NON_FIELD_ERRORS: "minimum_percent"}
        ) from None
    return selectors.targets_for_user(request.user).get(pk=target.pk)
