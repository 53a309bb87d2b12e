"""The writes the simulated officers made, and the check that what the server acknowledged is in
the database.

The log is JSON lines, appended by the locust process: an ``attempt`` line before each write is
sent (what must be in the database if it succeeds) and an ``ack`` line with the same ``id`` once
the server has acknowledged it. A write sent but never acknowledged (an error, or a user stopped
mid-request at the end of the run) may or may not have been applied: it is allowed to be the
stored value, never required.

This module is imported by the locustfile, which has no Django: the check imports the models
inside its function.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO

RESULT = "result"  # a criterion's self value and note
SUBMISSION = "submission"  # an assessment sent to the province
MAX_EXAMPLES = 10


class WritesLog:
    """Appends attempts and acknowledgements to the log, one line each, flushed at once."""

    def __init__(self, path: Path) -> None:
        self._file: IO[str] = path.open("a", encoding="utf-8")

    def attempt(self, write: dict) -> None:
        """``write``: id, user, kind, assessment and, for a result, code, value and note."""
        self._line({"event": "attempt", **write})

    def ack(self, write_id: str) -> None:
        self._line({"event": "ack", "id": write_id})

    def close(self) -> None:
        self._file.close()

    def _line(self, record: dict) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()


@dataclass
class Write:
    id: str
    user: str
    kind: str
    assessment: int
    code: str = ""
    value: str = ""
    note: str = ""
    acknowledged: bool = False


@dataclass(frozen=True)
class WritesCheck:
    acknowledged: int  # writes the server acknowledged
    lost: int  # of those, not (or no longer) in the database
    examples: list[str] = field(default_factory=list)  # up to MAX_EXAMPLES lost writes


def writes_read(path: Path) -> list[Write]:
    """Every attempted write of the log, in the order sent, marked when acknowledged."""
    writes: dict[str, Write] = {}
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.pop("event") == "ack":
                writes[record["id"]].acknowledged = True
            else:
                writes[record["id"]] = Write(**record)
    return list(writes.values())


def writes_check(path: Path) -> WritesCheck:
    """Compare the log at ``path`` with the database (Django's default connection).

    A criterion result must hold its last acknowledged value and note, or those of a write sent
    after it that was not acknowledged (each officer writes one request after another). An
    acknowledged submission must have left the assessment out of draft, with a step to
    "submitted" made by that officer.
    """
    writes = writes_read(path)
    lost = [*_results_lost(w for w in writes if w.kind == RESULT)]
    lost += _submissions_lost([w for w in writes if w.kind == SUBMISSION and w.acknowledged])
    acknowledged = sum(w.acknowledged for w in writes)
    return WritesCheck(acknowledged=acknowledged, lost=len(lost), examples=lost[:MAX_EXAMPLES])


def _results_lost(writes) -> list[str]:
    from kieumau.assessments.models import CriterionResult

    by_result: dict[tuple[int, str], list[Write]] = defaultdict(list)
    for write in writes:
        by_result[(write.assessment, write.code)].append(write)
    acknowledged = {key: ws for key, ws in by_result.items() if any(w.acknowledged for w in ws)}
    stored = {
        (row["assessment_id"], row["criterion__code"]): (row["self_value"], row["self_note"])
        for row in CriterionResult.objects.filter(
            assessment_id__in={assessment for assessment, _code in acknowledged}
        ).values("assessment_id", "criterion__code", "self_value", "self_note")
    }
    lost = []
    for key, ws in sorted(acknowledged.items()):
        last = max(i for i, w in enumerate(ws) if w.acknowledged)
        allowed = {(Decimal(w.value.replace(",", ".")), w.note) for w in ws[last:]}
        if stored.get(key) not in allowed:
            value, note = stored.get(key, (None, None))
            lost.append(
                f"assessment {key[0]}, criterion {key[1]}: acknowledged {ws[last].value!r} "
                f"{ws[last].note!r} ({ws[last].user}), stored {value!r} {note!r}"
            )
    return lost


def _submissions_lost(writes: list[Write]) -> list[str]:
    from kieumau.assessments.models import Assessment, State, Transition

    states = dict(
        Assessment.objects.filter(pk__in={w.assessment for w in writes}).values_list("pk", "state")
    )
    steps = set(
        Transition.objects.filter(
            assessment_id__in=states,
            from_state__in=[State.DRAFT, State.RETURNED],
            to_state=State.SUBMITTED,
        ).values_list("assessment_id", "actor__username")
    )
    return [
        f"assessment {w.assessment}: submission acknowledged ({w.user}), "
        f"state {states.get(w.assessment)!r}, step by the officer: "
        f"{'yes' if (w.assessment, w.user) in steps else 'no'}"
        for w in writes
        if states.get(w.assessment) in (None, State.DRAFT) or (w.assessment, w.user) not in steps
    ]
