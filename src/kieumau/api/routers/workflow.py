"""API: workflow moves of an assessment, as actions (included by the assessments router).

A ward submits; the province returns, approves or rejects; the ministry recognises or returns.
Each move carries the version the client read (stale: 409) and checks the role first (403),
then the scope (404), then lets the service decide (422).
"""

from datetime import date

from ninja import Field, Router, Schema

from kieumau.accounts.scopes import require_any
from kieumau.api.routers.common import (
    ID,
    VERSION,
    AssessmentSummary,
    Text,
    assessment_or_404,
)
from kieumau.api.schemas import NO_NUL_PATTERN, responses
from kieumau.assessments import services
from kieumau.assessments.models import Assessment, State
from kieumau.assessments.workflow import permissions_into

router = Router(tags=["workflow"])


class VersionIn(Schema):
    version: int = VERSION


class CommentIn(VersionIn):
    comment: Text = ""


class ReasonIn(VersionIn):
    comment: Text = Field(..., description="Why: the ward reads it")


class RecognitionIn(VersionIn):
    decision_number: str = Field(..., min_length=1, max_length=50, pattern=NO_NUL_PATTERN)
    decision_date: date
    comment: Text = ""


# ---- workflow --------------------------------------------------------------------------------


def _moved(request, assessment_id: int, target: State, move, **options) -> Assessment:
    """Check the role for moves into ``target``, find the assessment, let ``move`` decide."""
    require_any(request.user, permissions_into(target))
    assessment = assessment_or_404(request.user, assessment_id)
    move(actor=request.user, assessment=assessment, **options)
    return assessment_or_404(request.user, assessment_id)


@router.post(
    "/assessments/{assessment_id}/submit",
    response=responses(AssessmentSummary),
    summary="Send the self-assessment to the province (ward officers)",
)
def assessment_submit(request, payload: VersionIn, assessment_id: int = ID):
    return _moved(
        request,
        assessment_id,
        State.SUBMITTED,
        services.assessment_submit,
        version=payload.version,
    )


@router.post(
    "/assessments/{assessment_id}/return",
    response=responses(AssessmentSummary),
    summary="Return it to the ward for changes, saying why (province; ministry once approved)",
)
def assessment_return(request, payload: ReasonIn, assessment_id: int = ID):
    return _moved(
        request,
        assessment_id,
        State.RETURNED,
        services.assessment_return,
        version=payload.version,
        comment=payload.comment,
    )


@router.post(
    "/assessments/{assessment_id}/approve",
    response=responses(AssessmentSummary),
    summary="Approve a submitted assessment and pass it to the ministry (province officers)",
)
def assessment_approve(request, payload: CommentIn, assessment_id: int = ID):
    return _moved(
        request,
        assessment_id,
        State.PROVINCE_APPROVED,
        services.assessment_approve,
        version=payload.version,
        comment=payload.comment,
    )


@router.post(
    "/assessments/{assessment_id}/reject",
    response=responses(AssessmentSummary),
    summary="Reject a submitted assessment, saying why; the workflow ends (province officers)",
)
def assessment_reject(request, payload: ReasonIn, assessment_id: int = ID):
    return _moved(
        request,
        assessment_id,
        State.REJECTED,
        services.assessment_reject,
        version=payload.version,
        comment=payload.comment,
    )


@router.post(
    "/assessments/{assessment_id}/recognise",
    response=responses(AssessmentSummary),
    summary="Recognise the unit as a model unit by a decision (ministry)",
)
def assessment_recognise(request, payload: RecognitionIn, assessment_id: int = ID):
    return _moved(
        request,
        assessment_id,
        State.RECOGNISED,
        services.assessment_recognise,
        version=payload.version,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        comment=payload.comment,
    )
