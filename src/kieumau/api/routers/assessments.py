"""API: assessments and their criterion results (see kieumau/api/api.py for the conventions).

Everyone reads the assessments of their scope. The ward writes its own values, the province its
reviews; workflow moves are actions (POST …/submit, …/return, …). Every write carries the
version the client read: a stale one is a 409 and changes nothing. A write checks the role first
(403), then finds the assessment in the user's scope (404), then lets the service decide (422
naming the criterion code or the field).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import AfterValidator, StringConstraints

from kieumau.accounts.scopes import Permission, require_any
from kieumau.api.routers.common import (
    ID,
    VERSION,
    AssessmentSummary,
    Text,
    assessment_or_404,
)
from kieumau.api.routers.evidence import EvidenceOut
from kieumau.api.routers.evidence import router as evidence_router
from kieumau.api.routers.programme import YEAR, round_or_404
from kieumau.api.routers.workflow import router as workflow_router
from kieumau.api.schemas import CODE_PATTERN, NO_NUL_PATTERN, Pagination, choice_of, responses
from kieumau.assessments import selectors, services
from kieumau.assessments.models import Assessment, State
from kieumau.criteria.models import Level
from kieumau.criteria.types import Kind

router = Router(tags=["assessments"])
router.add_router("", evidence_router)
router.add_router("", workflow_router)


def _hundredths(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


# A stored value as a decimal string with two places ("85.50"), whatever the database returned.
Value = Annotated[Decimal, AfterValidator(_hundredths)]
# What a client may send for one criterion: "85.5", 85.5, true/false (yes/no criteria) or null.
ValueIn = (
    Annotated[str, StringConstraints(max_length=40, pattern=NO_NUL_PATTERN)]
    | bool
    | int
    | float
    | None
)
CriterionCode = Annotated[str, StringConstraints(min_length=1, max_length=20)]


# ---- schemas ---------------------------------------------------------------------------------


class ResultCriterion(Schema):
    code: str
    title: str
    kind: Kind
    comparator: str
    threshold: Value | None
    unit: str
    mandatory: bool
    requirement: str = Field(description="The threshold as people read it: «≥ 90», «có/không»")


class ResultOut(Schema):
    id: int
    criterion: ResultCriterion
    self_value: Value | None = Field(description="Yes/no criteria: 1 or 0")
    self_note: str
    review_value: Value | None
    review_comment: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    effective_value: Value | None = Field(description="The reviewed value, else the ward's")
    met: bool
    evidence: list[EvidenceOut] = Field(validation_alias="files")

    @staticmethod
    def resolve_reviewed_by(result) -> str | None:
        return result.reviewed_by.username if result.reviewed_by_id else None


class RecognitionOut(Schema):
    decision_number: str
    decision_date: date


class AssessmentOut(AssessmentSummary):
    total: int = Field(description="Criteria in the set")
    basic_min_met: int = Field(description="Criteria to meet for the basic level")
    recognition: RecognitionOut | None = Field(validation_alias="decision")
    results: list[ResultOut] = Field(validation_alias="sheet_results")


class TransitionOut(Schema):
    from_state: choice_of(State)
    to_state: choice_of(State)
    actor: str = Field(validation_alias="actor.username")
    at: datetime
    comment: str


class AssessmentFilter(Schema):
    state: choice_of(State) | None = None
    level: Level | None = None
    province: str | None = Field(None, max_length=5, pattern=CODE_PATTERN)


class SelfEntryIn(Schema):
    value: ValueIn = Field(..., examples=["85.5", True, None], description="null clears it")
    note: Text = ""


class SelfValuesIn(Schema):
    version: int = VERSION
    values: dict[CriterionCode, SelfEntryIn] = Field(
        ..., description="By criterion code; codes not named are left as they are"
    )


class ReviewEntryIn(Schema):
    value: ValueIn = Field(..., description="null keeps the ward's value")
    comment: Text = ""


class ReviewIn(Schema):
    version: int = VERSION
    values: dict[CriterionCode, ReviewEntryIn]


# ---- reads -----------------------------------------------------------------------------------


@router.get(
    "/rounds/{year}/assessments",
    response=responses(list[AssessmentSummary]),
    summary="Assessments of the round in your scope, by province and unit code",
)
@paginate(Pagination)
def assessments_list(request, year: int = YEAR, filters: Query[AssessmentFilter] = None):
    assessments = selectors.assessments_for_user(request.user, round_or_404(year))
    if filters.state:
        assessments = assessments.filter(state=filters.state)
    if filters.level:
        assessments = assessments.filter(level=filters.level)
    if filters.province:
        assessments = assessments.filter(registration__unit__province__code=filters.province)
    return assessments


@router.get(
    "/assessments/{assessment_id}",
    response=responses(AssessmentOut),
    summary="One assessment: every criterion with values, review, verdict and evidence",
)
def assessment_detail(request, assessment_id: int = ID):
    return _detail(assessment_or_404(request.user, assessment_id))


def _detail(assessment: Assessment) -> Assessment:
    """The assessment carrying what AssessmentOut reads: its sheet, files and recognition."""
    sheet = selectors.assessment_sheet(assessment)
    for line in sheet.lines:
        line.result.met = line.met
        line.result.files = list(line.result.evidence.all())
        line.criterion.requirement = line.requirement
    assessment.sheet_results = [line.result for line in sheet.lines]
    assessment.total = sheet.total
    assessment.basic_min_met = sheet.basic_min_met
    assessment.decision = selectors.recognition_of(assessment)
    return assessment


@router.get(
    "/assessments/{assessment_id}/history",
    response=responses(list[TransitionOut]),
    summary="The assessment's workflow steps, oldest first",
)
@paginate(Pagination)
def assessment_history(request, assessment_id: int = ID):
    return selectors.workflow_history(assessment_or_404(request.user, assessment_id))


# ---- values ----------------------------------------------------------------------------------


@router.put(
    "/assessments/{assessment_id}/self-values",
    response=responses(AssessmentOut),
    summary="The ward's own values and notes of several criteria: all of them or none",
)
def self_values_set(request, payload: SelfValuesIn, assessment_id: int = ID):
    require_any(request.user, [Permission.ASSESS, Permission.COLLECT])
    assessment = assessment_or_404(request.user, assessment_id)
    services.results_set_self_values(
        actor=request.user,
        assessment=assessment,
        values={
            code: services.SelfValue(value=entry.value, note=entry.note)
            for code, entry in payload.values.items()
        },
        version=payload.version,
    )
    return _detail(assessment_or_404(request.user, assessment_id))


@router.put(
    "/assessments/{assessment_id}/review",
    response=responses(AssessmentOut),
    summary="The province's reviewed values and comments (province officers): all or none",
)
def review_set(request, payload: ReviewIn, assessment_id: int = ID):
    require_any(request.user, [Permission.REVIEW])
    assessment = assessment_or_404(request.user, assessment_id)
    services.results_review(
        actor=request.user,
        assessment=assessment,
        reviews={
            code: services.ReviewValue(value=entry.value, comment=entry.comment)
            for code, entry in payload.values.items()
        },
        version=payload.version,
    )
    return _detail(assessment_or_404(request.user, assessment_id))
