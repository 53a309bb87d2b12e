"""API: resources of registered units (nguồn lực), and the directive documents router
(see kieumau/api/api.py for the conventions).

Everyone reads the resources of their scope. The ward's officer records its own; a province
officer may record those of its wards too (collecting them from the wards).
"""

from datetime import datetime

from django.http import Http404
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from kieumau.accounts.scopes import Permission, require_any
from kieumau.api.routers.documents import router as documents_router
from kieumau.api.routers.programme import YEAR, round_or_404
from kieumau.api.schemas import MAX_ID, Pagination, UnitRef, choice_of, responses
from kieumau.context.models import Resources
from kieumau.context.selectors import resources_for_user
from kieumau.context.services import resources_set
from kieumau.programme.models import Registration
from kieumau.programme.selectors import registration_for_user

router = Router(tags=["context"])
router.add_router("", documents_router)

ID = Path(..., ge=1, le=MAX_ID)
MAX_COUNT = 2**31 - 1  # the staff columns
MAX_VND = 2**63 - 1  # the funding columns


class ResourcesOut(Schema):
    registration: int = Field(validation_alias="registration_id")
    unit: UnitRef = Field(validation_alias="registration.unit")
    province: UnitRef | None = Field(validation_alias="registration.unit.province")
    staff_norm: int = Field(description="Authorised staff (định biên)")
    staff_actual: int = Field(description="Officers in post")
    staff_under_35: int
    staff_with_degree: int
    headquarters: choice_of(Resources.Headquarters)
    funding_planned_vnd: int
    funding_disbursed_vnd: int
    equipment_adequate: bool
    updated_at: datetime


class ResourcesIn(Schema):
    # Negative numbers reach the service, which says which figure is wrong and why.
    staff_norm: int = Field(..., le=MAX_COUNT, description="Authorised staff (định biên)")
    staff_actual: int = Field(..., le=MAX_COUNT, description="Officers in post")
    staff_under_35: int = Field(..., le=MAX_COUNT)
    staff_with_degree: int = Field(..., le=MAX_COUNT)
    headquarters: choice_of(Resources.Headquarters)
    funding_planned_vnd: int = Field(0, le=MAX_VND)
    funding_disbursed_vnd: int = Field(0, le=MAX_VND)
    equipment_adequate: bool = False


def _registration_or_404(user, registration_id: int) -> Registration:
    try:
        return registration_for_user(user, registration_id)
    except Registration.DoesNotExist:
        raise Http404 from None


@router.get(
    "/rounds/{year}/resources",
    response=responses(list[ResourcesOut]),
    summary="Resources recorded for the round's units in your scope",
)
@paginate(Pagination)
def resources_list(request, year: int = YEAR):
    return resources_for_user(request.user, round_or_404(year))


@router.get(
    "/registrations/{registration_id}/resources",
    response=responses(ResourcesOut),
    summary="A registered unit's resources (404 until they are recorded)",
)
def resources_detail(request, registration_id: int = ID):
    registration = _registration_or_404(request.user, registration_id)
    resources = resources_for_user(request.user, registration.round)
    found = resources.filter(registration=registration).first()
    if found is None:
        raise Http404
    return found


@router.put(
    "/registrations/{registration_id}/resources",
    response=responses(ResourcesOut),
    summary="Record or replace a unit's resources (its ward officer, or its province's)",
)
def resources_put(request, payload: ResourcesIn, registration_id: int = ID):
    require_any(request.user, [Permission.ASSESS, Permission.COLLECT])
    registration = _registration_or_404(request.user, registration_id)
    resources_set(actor=request.user, registration=registration, **payload.model_dump())
    return resources_for_user(request.user, registration.round).get(registration=registration)
