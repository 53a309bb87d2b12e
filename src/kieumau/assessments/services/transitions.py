"""Moving an assessment through the workflow (see ``assessments.workflow`` for the table)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import require, require_any
from kieumau.assessments.models import Assessment, Recognition, State, Transition
from kieumau.assessments.services.common import assessment_claim
from kieumau.assessments.workflow import permissions_into, step_between
from kieumau.core.audit import acting_as


def assessment_submit(*, actor: User, assessment: Assessment, version: int) -> Assessment:
    """The ward sends its draft (or its returned assessment) to the province.

    Side effects: state → submitted; a Transition; version bumped; audit entries with
    ``actor``. Refused, changing nothing: Denied unless a ward officer of the unit;
    ValidationError from any other state or with a stale ``version``.
    """
    return _assessment_move(
        actor=actor, assessment=assessment, target=State.SUBMITTED, version=version
    )


def assessment_return(
    *, actor: User, assessment: Assessment, comment: str, version: int
) -> Assessment:
    """Send the assessment back to the ward for changes, saying why.

    From submitted by the province, or from province-approved by the ministry.
    Side effects: state → returned; a Transition with the comment; version bumped; audit
    entries with ``actor``. Refused, changing nothing: Denied for any other role or scope;
    ValidationError from any other state, without a comment, or with a stale ``version``.
    """
    return _assessment_move(
        actor=actor,
        assessment=assessment,
        target=State.RETURNED,
        version=version,
        comment=comment,
    )


def assessment_approve(
    *, actor: User, assessment: Assessment, version: int, comment: str = ""
) -> Assessment:
    """The province approves a submitted assessment and passes it to the ministry.

    Side effects: state → province_approved; a Transition; version bumped; audit entries with
    ``actor``. Refused, changing nothing: Denied unless a province officer of the unit's
    province; ValidationError unless submitted, or with a stale ``version``.
    """
    return _assessment_move(
        actor=actor,
        assessment=assessment,
        target=State.PROVINCE_APPROVED,
        version=version,
        comment=comment,
    )


def assessment_reject(
    *, actor: User, assessment: Assessment, comment: str, version: int
) -> Assessment:
    """The province rejects a submitted assessment, saying why; the workflow ends there.

    Side effects: state → rejected; a Transition with the comment; version bumped; audit
    entries with ``actor``. Refused, changing nothing: Denied unless a province officer of the
    unit's province; ValidationError unless submitted, without a comment, or with a stale
    ``version``.
    """
    return _assessment_move(
        actor=actor,
        assessment=assessment,
        target=State.REJECTED,
        version=version,
        comment=comment,
    )


@transaction.atomic
def assessment_recognise(
    *,
    actor: User,
    assessment: Assessment,
    decision_number: str,
    decision_date: date | None,
    version: int,
    comment: str = "",
) -> Assessment:
    """The ministry recognises the unit as a model unit by a decision (number and date).

    Side effects: state → recognised; a Recognition; a Transition; version bumped; audit
    entries with ``actor``. Refused, changing nothing: Denied unless a ministry officer;
    ValidationError unless province-approved, without decision number or date, or with a
    stale ``version``.
    """
    recognised = _assessment_move(
        actor=actor,
        assessment=assessment,
        target=State.RECOGNISED,
        version=version,
        comment=comment,
    )
    # Checked after the move's role and state checks; a refusal here rolls the move back.
    if not decision_number.strip() or decision_date is None:
        raise ValidationError(_("Enter the number and date of the recognition decision."))
    recognition = Recognition(
        assessment=recognised,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        recognised_by=actor,
    )
    recognition.full_clean()
    with acting_as(actor):
        recognition.save()
    return recognised


@transaction.atomic
def _assessment_move(
    *,
    actor: User,
    assessment: Assessment,
    target: State,
    version: int,
    comment: str = "",
) -> Assessment:
    unit = assessment.registration.unit
    # First whether the actor could make any move into ``target`` here, so that a refusal for
    # role or scope does not depend on (and reveal) the current state.
    require_any(actor, permissions_into(target), unit=unit)
    with acting_as(actor):
        current = assessment_claim(assessment_id=assessment.pk, version=version)
        step = step_between(current.state, target)
        require(actor, step.permission, unit=unit)
        comment = comment.strip()
        if step.comment_required and not comment:
            raise ValidationError(_("Give the reason."))
        source = current.state
        current.state = target
        current.full_clean()
        current.save(update_fields=["state", "updated_at"])
        move = Transition(
            assessment=current, from_state=source, to_state=target, actor=actor, comment=comment
        )
        move.full_clean()
        move.save()
    return current
