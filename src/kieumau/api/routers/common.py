"""What the routers share: the role check in front of every write, a map named in a body, the
scoped look-up of an assessment, and the assessment in brief."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Schema
from pydantic import StringConstraints

from kieumau.adminunits.models import AdminMap
from kieumau.adminunits.reference import current_map
from kieumau.api.schemas import MAX_ID, NO_NUL_PATTERN, UnitRef, choice_of
from kieumau.assessments.models import Assessment, State
from kieumau.assessments.selectors import assessment_detail_for_user
from kieumau.criteria.models import Level

ID = Path(..., ge=1, le=MAX_ID)
VERSION = Field(..., ge=1, le=2**31 - 1, description="The assessment's version you read")
MAX_TEXT = 5000
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT, pattern=NO_NUL_PATTERN)]
NO_MAP = _("There is no map with this code.")


def map_named(code: str | None, *, field: str = "map") -> AdminMap:
    """The map with ``code`` (None: the newest), or a refusal naming ``field``."""
    admin_map = current_map() if code is None else AdminMap.objects.filter(code=code).first()
    if admin_map is None:
        raise ValidationError({field: NO_MAP})
    return admin_map


def assessment_or_404(user, assessment_id: int) -> Assessment:
    try:
        return assessment_detail_for_user(user, assessment_id)
    except Assessment.DoesNotExist:
        raise Http404 from None


class AssessmentSummary(Schema):
    id: int
    round: int = Field(validation_alias="registration.round.year")
    registration: int = Field(validation_alias="registration_id")
    unit: UnitRef = Field(validation_alias="registration.unit")
    province: UnitRef | None = Field(validation_alias="registration.unit.province")
    state: choice_of(State)
    version: int
    met_count: int
    level: Level
    updated_at: datetime
