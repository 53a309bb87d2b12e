"""What every assessment service shares: the version claim, state guards, values, the verdict."""

from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.assessments.selectors import assessment_verdict
from kieumau.assessments.workflow import STATE_NAMES
from kieumau.criteria.models import Criterion
from kieumau.criteria.types import Kind


class Conflict(ValidationError):
    """Someone else changed the object since the caller read it (optimistic locking)."""


CONFLICT = _(
    "The assessment was updated by someone else while you were working on it. "
    "Reload the page to see the changes, then do it again."
)


def assessment_claim(*, assessment_id: int, version: int | None) -> Assessment:
    """Bump the version if it is still ``version`` (any, if None) and return the fresh row.

    The check and the bump are one conditional UPDATE, so of two writers holding the same
    version exactly one wins; the row stays locked until the caller's transaction ends.
    """
    rows = Assessment.objects.filter(pk=assessment_id)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1, updated_at=timezone.now()):
        raise Conflict(CONFLICT)
    return Assessment.objects.select_related("registration__round__criteria_set").get(
        pk=assessment_id
    )


def require_state(assessment: Assessment, states: Collection[str], doing: Promise) -> None:
    """Refuse ``doing`` (a lazy verb phrase) unless the assessment is in one of ``states``."""
    if assessment.state not in states:
        raise ValidationError(
            _(
                "You may %(doing)s only while the assessment is in state %(allowed)s "
                "(now: «%(state)s»)."
            ),
            params={
                "doing": doing,
                "allowed": _states_listed(frozenset(states)),
                "state": STATE_NAMES[assessment.state],
            },
        )


def _states_joined(states: frozenset[str]) -> str:
    """«a» or «b» …, in the workflow's order and the active language."""
    names = [f"«{STATE_NAMES[state]}»" for state in STATE_NAMES if state in states]
    joined = names[0]
    for name in names[1:]:
        joined = gettext("%(earlier)s or %(later)s") % {"earlier": joined, "later": name}
    return joined


# Read when the message is shown, so it speaks the language active then.
_states_listed = lazy(_states_joined, str)


def result_fresh(result: CriterionResult, assessment: Assessment) -> CriterionResult:
    """The result as stored now, with its criterion, attached to the claimed assessment."""
    fresh = CriterionResult.objects.select_related("criterion").get(
        pk=result.pk, assessment=assessment
    )
    fresh.assessment = assessment
    return fresh


def value_checked(criterion: Criterion, value: Decimal | int | str | None) -> Decimal | None:
    """``value`` as a Decimal fitting the criterion's kind, or ValidationError saying why not."""
    if value is None:
        return None
    if isinstance(value, bool):
        value = int(value)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(
            _("Criterion %(code)s: «%(value)s» is not a number."),
            params={"code": criterion.code, "value": value},
        )
    if criterion.kind == Kind.BOOL and number not in (0, 1):
        raise ValidationError(
            _("Criterion %(code)s takes only Yes (1) or No (0)."), params={"code": criterion.code}
        )
    if criterion.kind == Kind.PCT and not 0 <= number <= 100:
        raise ValidationError(
            _("Criterion %(code)s is a percentage, from 0 to 100."),
            params={"code": criterion.code},
        )
    if number.as_tuple().exponent < -2:
        raise ValidationError(
            _("Criterion %(code)s: enter at most 2 decimal places."),
            params={"code": criterion.code},
        )
    return number


def verdict_refresh(assessment: Assessment) -> None:
    """Store the verdict of the effective values (met_count, level) when it changed."""
    verdict = assessment_verdict(assessment)
    if (assessment.met_count, assessment.level) != (verdict.met_count, verdict.level):
        assessment.met_count, assessment.level = verdict.met_count, verdict.level
        assessment.full_clean()
        assessment.save(update_fields=["met_count", "level", "updated_at"])
