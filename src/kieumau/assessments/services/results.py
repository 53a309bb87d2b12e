"""Values of criterion results: the ward's own, then the province's review."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require, require_any
from kieumau.assessments.models import Assessment, CriterionResult
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
        require_state(assessment, EDITABLE, _("change the self-assessment values"))
        result = result_fresh(result, assessment)
        result.self_value = value_checked(result.criterion, value)
        result.self_note = note.strip()
        result.full_clean()
        result.save(update_fields=["self_value", "self_note"])
        verdict_refresh(assessment)
    return result


Entry = TypeVar("Entry")  # what a user enters for one criterion: SelfValue or ReviewValue

UNCHANGED = ["assessment", "criterion", "review_value", "reviewed_by", "reviewed_at"]


@dataclass(frozen=True)
class SelfValue:
    """What the ward enters for one criterion: its value (None clears it) and a note."""

    value: Decimal | int | str | None
    note: str = ""


@transaction.atomic
def results_set_self_values(
    *, actor: User, assessment: Assessment, values: Mapping[str, SelfValue], version: int
) -> Assessment:
    """Record the ward's own values and notes of several criteria at once: all of them or none.

    ``values`` maps criterion codes to what the ward entered; criteria not named are left as
    they are. Every value is checked before anything is written.
    Side effects: the self value and note of each result that changed; the assessment's
    version bumped once and its met_count and level recomputed; audit entries with ``actor``.
    Returns the assessment as stored now (new version). Refused, changing nothing: Denied
    outside the actor's ward (or, collecting from a workbook, province) or role;
    ValidationError whose ``error_dict`` maps each refused
    criterion code to its messages (value not fitting the kind, unknown code); a plain
    ValidationError unless the assessment is a draft or returned, or when ``version`` is not
    the assessment's current one.
    """
    require_any(actor, [Permission.ASSESS, Permission.COLLECT], unit=assessment.registration.unit)
    with acting_as(actor):
        current = assessment_claim(assessment_id=assessment.pk, version=version)
        require_state(current, EDITABLE, _("change the self-assessment values"))
        _entries_save(current, values, _self_value_set, fields=["self_value", "self_note"])
    return current


def self_values_errors(
    *, assessment: Assessment, values: Mapping[str, SelfValue]
) -> dict[str, list[str]]:
    """What ``results_set_self_values`` would refuse in ``values``, by criterion code.

    No side effects: lets a page show every refusal at once when some other input could not
    even be read. Empty when every value fits its criterion.
    """
    refusals = _entries_applied(assessment, values, _self_value_set)[1]
    return {code: ValidationError(errors).messages for code, errors in refusals.items()}


def _self_value_set(result: CriterionResult, entry: SelfValue) -> bool:
    """Set the ward's entry on the result in memory; False when it changes nothing."""
    value = value_checked(result.criterion, entry.value)
    note = entry.note.strip()
    if (result.self_value, result.self_note) == (value, note):
        return False
    result.self_value, result.self_note = value, note
    # Only the two fields set here: no query per result for keys and constraints.
    result.full_clean(exclude=UNCHANGED, validate_constraints=False)
    return True


def _entries_applied(
    assessment: Assessment,
    entries: Mapping[str, Entry],
    entry_set: Callable[[CriterionResult, Entry], bool],
) -> tuple[list[CriterionResult], dict[str, list[ValidationError]]]:
    """Set each entry on its result in memory with ``entry_set`` (False: nothing to change;
    ValidationError: refused); the results that changed, and the refusals by criterion code
    (kept as errors, not text, so that they are read in the language of whoever reads them)."""
    results = {r.criterion.code: r for r in assessment.results.select_related("criterion")}
    errors: dict[str, list[ValidationError]] = {}
    changed: list[CriterionResult] = []
    for code, entry in entries.items():
        result = results.get(code)
        if result is None:
            errors[code] = [
                ValidationError(
                    _("The assessment has no criterion %(code)s."), params={"code": code}
                )
            ]
            continue
        try:
            if not entry_set(result, entry):
                continue
        except ValidationError as error:
            errors[code] = [error]
            continue
        changed.append(result)
    return changed, errors


def _entries_save(
    assessment: Assessment,
    entries: Mapping[str, Entry],
    entry_set: Callable[[CriterionResult, Entry], bool],
    *,
    fields: list[str],
) -> None:
    """All or none: every entry checked first (ValidationError by criterion code), then the
    changed results' ``fields`` saved and the assessment's verdict recomputed."""
    changed, errors = _entries_applied(assessment, entries, entry_set)
    if errors:
        raise ValidationError(errors)
    for result in changed:
        result.save(update_fields=fields)
    verdict_refresh(assessment)


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
        require_state(assessment, REVIEWABLE, _("review the results"))
        result = result_fresh(result, assessment)
        result.review_value = value_checked(result.criterion, value)
        result.review_comment = comment.strip()
        result.reviewed_by = actor
        result.reviewed_at = timezone.now()
        result.full_clean()
        result.save(update_fields=REVIEW_FIELDS)
        verdict_refresh(assessment)
    return result


@dataclass(frozen=True)
class ReviewValue:
    """What the province enters for one criterion: the reviewed value (None keeps the ward's
    value) and a comment."""

    value: Decimal | int | str | None
    comment: str = ""


REVIEW_UNCHANGED = ["assessment", "criterion", "self_value", "self_note", "reviewed_by"]
REVIEW_FIELDS = ["review_value", "review_comment", "reviewed_by", "reviewed_at"]


@transaction.atomic
def results_review(
    *, actor: User, assessment: Assessment, reviews: Mapping[str, ReviewValue], version: int
) -> Assessment:
    """Record the province's reviewed values and comments of several criteria: all or none.

    ``reviews`` maps criterion codes to what the reviewer entered; criteria not named, and
    those whose value and comment are unchanged, are left as they are (their reviewer too).
    Every value is checked before anything is written.
    Side effects: the review value, comment, reviewer and time of each result that changed;
    the assessment's version bumped once and its met_count and level recomputed; audit
    entries with ``actor``. Returns the assessment as stored now (new version). Refused,
    changing nothing: Denied outside the actor's province or role; ValidationError whose
    ``error_dict`` maps each refused criterion code to its messages (value not fitting the
    kind, unknown code); a plain ValidationError unless the assessment is submitted, or when
    ``version`` is not the assessment's current one.
    """
    require(actor, Permission.REVIEW, unit=assessment.registration.unit)
    with acting_as(actor):
        current = assessment_claim(assessment_id=assessment.pk, version=version)
        require_state(current, REVIEWABLE, _("review the results"))
        now = timezone.now()

        def review_set(result: CriterionResult, entry: ReviewValue) -> bool:
            value = value_checked(result.criterion, entry.value)
            comment = entry.comment.strip()
            if (result.review_value, result.review_comment) == (value, comment):
                return False
            result.review_value, result.review_comment = value, comment
            result.reviewed_by, result.reviewed_at = actor, now
            # Only the fields set here: no query per result for keys and constraints.
            result.full_clean(exclude=REVIEW_UNCHANGED, validate_constraints=False)
            return True

        _entries_save(current, reviews, review_set, fields=REVIEW_FIELDS)
    return current
