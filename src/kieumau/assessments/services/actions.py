"""The action plan (kế hoạch khắc phục) for criteria a unit has not met."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require
from kieumau.assessments.models import ActionItem, CriterionResult
from kieumau.assessments.selectors import assessment_verdict
from kieumau.assessments.services.common import assessment_claim, result_fresh
from kieumau.core.audit import acting_as


@transaction.atomic
def action_item_add(
    *,
    actor: User,
    result: CriterionResult,
    action: str,
    owner: str,
    due_date: date | None,
    budget_vnd: int | None = None,
    status: str = ActionItem.Status.PLANNED,
    version: int | None = None,
) -> ActionItem:
    """Plan what will be done about a criterion the unit has not met (by its effective value).

    Side effects: an ActionItem (planned unless ``status`` says otherwise); the assessment's
    version bumped; audit entries with ``actor``. Refused, changing nothing: Denied outside the
    actor's ward or role; ValidationError when the criterion is met, without action, owner or
    due date, with a negative budget, an unknown status, or when ``version`` is given and not
    current.
    """
    require(actor, Permission.ASSESS, unit=result.assessment.registration.unit)
    with acting_as(actor):
        assessment = assessment_claim(assessment_id=result.assessment_id, version=version)
        result = result_fresh(result, assessment)
        if result.criterion.code not in assessment_verdict(assessment).unmet:
            raise ValidationError(
                _("Criterion %(code)s is met: it needs no action plan."),
                params={"code": result.criterion.code},
            )
        _status_check(status)
        item = ActionItem(result=result, status=status)
        _fill(item, action=action, owner=owner, due_date=due_date, budget_vnd=budget_vnd)
        item.save()
    return item


@transaction.atomic
def action_item_update(
    *,
    actor: User,
    item: ActionItem,
    action: str,
    owner: str,
    due_date: date | None,
    budget_vnd: int | None,
    status: str,
    version: int | None = None,
) -> ActionItem:
    """Change an action item, including its status (planned, in progress, done, cancelled).

    Side effects: the ActionItem's fields; the assessment's version bumped; audit entries
    with ``actor``. Refused, changing nothing: as ``action_item_add``, and for an unknown
    status; a criterion met since is no reason to refuse.
    """
    require(actor, Permission.ASSESS, unit=item.result.assessment.registration.unit)
    with acting_as(actor):
        assessment = assessment_claim(assessment_id=item.result.assessment_id, version=version)
        item = ActionItem.objects.get(pk=item.pk, result__assessment=assessment)
        _status_check(status)
        item.status = status
        _fill(item, action=action, owner=owner, due_date=due_date, budget_vnd=budget_vnd)
        item.save()
    return item


@transaction.atomic
def action_item_remove(*, actor: User, item: ActionItem, version: int | None = None) -> None:
    """Remove an action item.

    Side effects: the ActionItem deleted; the assessment's version bumped; audit entries with
    ``actor``. Refused, changing nothing: Denied outside the actor's ward or role;
    ValidationError when ``version`` is given and not current.
    """
    require(actor, Permission.ASSESS, unit=item.result.assessment.registration.unit)
    with acting_as(actor):
        assessment = assessment_claim(assessment_id=item.result.assessment_id, version=version)
        ActionItem.objects.get(pk=item.pk, result__assessment=assessment).delete()


def _status_check(status: str) -> None:
    if status not in ActionItem.Status.values:
        raise ValidationError(_("The status «%(status)s» is not valid."), params={"status": status})


def _fill(
    item: ActionItem, *, action: str, owner: str, due_date: date | None, budget_vnd: int | None
) -> None:
    """Set the fields a user enters, or raise ValidationError naming every missing one."""
    errors = []
    if not action.strip():
        errors.append(_("Describe what will be done."))
    if not owner.strip():
        errors.append(_("Name the person or team responsible."))
    if due_date is None:
        errors.append(_("Give a due date."))
    if budget_vnd is not None and budget_vnd < 0:
        errors.append(_("The planned budget may not be negative."))
    if errors:
        raise ValidationError(errors)
    item.action, item.owner = action.strip(), owner.strip()
    item.due_date, item.budget_vnd = due_date, budget_vnd
    item.full_clean()
