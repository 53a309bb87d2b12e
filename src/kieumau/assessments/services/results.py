"""Values of criterion results: the ward's own, then the province's review."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require
from kieumau.assessments.models import CriterionResult
from kieumau.assessments.services.common import (
    assessment_claim,
    require_state,
    result_fresh,
    value_checked,
    verdict_refresh,
)
from kieumau.assessments.workflow import EDITABLE, REVIEWABLE
from kieumau.core.audit import acting_as


@transaction.atomic
def result_set_self_value(
    *,
    actor: User,
    result: CriterionResult,
    value: Decimal | int | str | None,
    note: str = "",
    version: int,
) -> CriterionResult:
    """Record the ward's own value (None clears it) and note for one criterion.

    Side effects: the result's self value and note; the assessment's version bumped and its
    met_count and level recomputed; audit entries with ``actor``. Refused, changing nothing:
    Denied outside the actor's ward or role; ValidationError unless the assessment is a draft
    or returned, when the value does not fit the criterion's kind, or when ``version`` is not
    the assessment's current one.
    """
    require(actor, Permission.ASSESS, unit=result.assessment.registration.unit)
    with acting_as(actor):
        assessment = assessment_claim(assessment_id=result.assessment_id, version=version)
        require_state(assessment, EDITABLE, "sửa kết quả tự đánh giá")
        result = result_fresh(result, assessment)
        result.self_value = value_checked(result.criterion, value)
        result.self_note = note.strip()
        result.full_clean()
        result.save(update_fields=["self_value", "self_note"])
        verdict_refresh(assessment)
    return result


@transaction.atomic
def result_review(
    *,
    actor: User,
    result: CriterionResult,
    value: Decimal | int | str | None,
    comment: str = "",
    version: int,
) -> CriterionResult:
    """Record the province's reviewed value for one criterion; it prevails over the self value.

    ``value`` None keeps the ward's value (the comment is still recorded).
    Side effects: the result's review value, comment, reviewer and time; the assessment's
    version bumped and its met_count and level recomputed; audit entries with ``actor``.
    Refused, changing nothing: Denied outside the actor's province or role; ValidationError
    unless the assessment is submitted, when the value does not fit the criterion's kind, or
    when ``version`` is not the assessment's current one.
    """
    require(actor, Permission.REVIEW, unit=result.assessment.registration.unit)
    with acting_as(actor):
        assessment = assessment_claim(assessment_id=result.assessment_id, version=version)
        require_state(assessment, REVIEWABLE, "thẩm định kết quả")
        result = result_fresh(result, assessment)
        result.review_value = value_checked(result.criterion, value)
        result.review_comment = comment.strip()
        result.reviewed_by = actor
        result.reviewed_at = timezone.now()
        result.full_clean()
        result.save(update_fields=["review_value", "review_comment", "reviewed_by", "reviewed_at"])
        verdict_refresh(assessment)
    return result
