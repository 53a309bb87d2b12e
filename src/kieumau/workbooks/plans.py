"""What reading a workbook produces: the changes it asks for, each tied to its row.

A kind's ``read`` turns rows into ``Change``s (a call of an existing service, not yet made)
and ``Problem``s. ``plan_apply`` makes the calls; a service's refusal becomes a Problem at the
row (and, when the service names the field or criterion, at its column).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from kieumau.accounts.scopes import Denied
from kieumau.workbooks.problems import Problem


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    REMOVE = "remove"


@dataclass
class Change:
    """One service call a row asks for; ``columns`` maps the service's error keys (fields,
    criterion codes) to column letters, ``column`` places the other refusals."""

    action: Action
    sheet: str
    row: int
    run: Callable[[], object]
    columns: Mapping[str, str] = field(default_factory=dict)
    column: str | None = None


@dataclass
class Plan:
    rows: int = 0  # data rows read
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def plan_apply(
    plan: Plan, progress: Callable[[int], None] | None = None
) -> tuple[dict[Action, int], list[Problem]]:
    """Make every change of the plan; counts by action, and the refusals met on the way.

    Each change runs in its own savepoint, so one refusal leaves the others valid and every
    refusal of the file is found in one pass. The caller holds the outer transaction and
    rolls it all back when any problem is returned.
    """
    counts = {action: 0 for action in Action}
    problems: list[Problem] = []
    for done, change in enumerate(plan.changes, start=1):
        try:
            with transaction.atomic():
                change.run()
        except ValidationError as error:
            problems.extend(_refusal_problems(change, error))
        except Denied as denied:
            problems.append(Problem(change.sheet, change.row, change.column, str(denied)))
        except IntegrityError:  # a constraint the service did not foresee, e.g. a race
            message = gettext("The row could not be saved: it conflicts with recorded data.")
            problems.append(Problem(change.sheet, change.row, change.column, message))
        else:
            counts[change.action] += 1
        if progress is not None:
            progress(done)
    return counts, problems


def _refusal_problems(change: Change, error: ValidationError) -> list[Problem]:
    if not hasattr(error, "error_dict"):
        return [Problem(change.sheet, change.row, change.column, m) for m in error.messages]
    problems = []
    for key, errors in error.message_dict.items():
        column = change.column if key == NON_FIELD_ERRORS else change.columns.get(key)
        for message in errors:
            problems.append(Problem(change.sheet, change.row, column or change.column, message))
    return problems
