"""The assessment workflow: which moves are legal, and who may make them.

A ward submits (again, after a return); the province returns, approves or rejects; the
ministry recognises an approved unit or sends it back. No other move exists.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.scopes import Permission
from kieumau.assessments.models import State

# The model's labels, lazy: they speak the language active when a message is read.
STATE_NAMES = {state: state.label for state in State}

# The ward edits values, evidence and files only while the assessment is with the ward.
EDITABLE = frozenset({State.DRAFT, State.RETURNED})
REVIEWABLE = frozenset({State.SUBMITTED})


@dataclass(frozen=True)
class Step:
    source: State
    target: State
    permission: Permission
    comment_required: bool = False


STEPS: dict[tuple[State, State], Step] = {
    (step.source, step.target): step
    for step in (
        Step(State.DRAFT, State.SUBMITTED, Permission.SUBMIT),
        Step(State.RETURNED, State.SUBMITTED, Permission.SUBMIT),
        Step(State.SUBMITTED, State.RETURNED, Permission.REVIEW, comment_required=True),
        Step(State.SUBMITTED, State.PROVINCE_APPROVED, Permission.REVIEW),
        Step(State.SUBMITTED, State.REJECTED, Permission.REVIEW, comment_required=True),
        Step(State.PROVINCE_APPROVED, State.RECOGNISED, Permission.RECOGNISE),
        Step(State.PROVINCE_APPROVED, State.RETURNED, Permission.RECOGNISE, comment_required=True),
    )
}


def step_between(source: str, target: str) -> Step:
    """The legal step from ``source`` to ``target``, or ValidationError saying it is not."""
    step = STEPS.get((State(source), State(target)))
    if step is None:
        raise ValidationError(
            _("The assessment cannot move from state «%(source)s» to «%(target)s»."),
            params={"source": STATE_NAMES[State(source)], "target": STATE_NAMES[State(target)]},
        )
    return step


def permissions_into(target: str) -> tuple[Permission, ...]:
    """The permissions of every legal step into ``target``, without repeats, in table order."""
    return tuple(dict.fromkeys(s.permission for s in STEPS.values() if s.target == target))


def state_name(state: str) -> str:
    return STATE_NAMES[State(state)]
