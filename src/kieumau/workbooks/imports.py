"""The import contract: what every kind of workbook offers, and the one entry point.

Each kind (``kinds/<kind>.py``) builds its template for a round and a province, reads a file
into planned changes (every row checked, every problem collected) and applies the plan.
``workbook_import`` runs: file checks (safety.py) → read all rows → if any problem, stop with
all of them and nothing written → else apply every change in one transaction. Applying the
same file twice changes nothing the second time (idempotent).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminUnit
from kieumau.programme.models import Round
from kieumau.workbooks.problems import Problem

Progress = Callable[[int, int], None]  # (done, total), e.g. core.progress.progress_bar


class WorkbookKind(StrEnum):
    REGISTRATIONS = "registrations", _("Registrations")
    SELF_ASSESSMENT = "self-assessment", _("Self-assessment values")
    RESOURCES = "resources", _("Resources")
    DOCUMENTS = "documents", _("Directive documents")

    def __new__(cls, value: str, label):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


@dataclass
class ImportOutcome:
    """What an import did, or (``problems`` not empty) why it did nothing."""

    kind: WorkbookKind
    round: Round
    province: AdminUnit
    file_name: str
    rows: int = 0  # data rows read
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return not self.problems


def workbook_template(
    *, actor: User, kind: WorkbookKind, round: Round, province: AdminUnit
) -> bytes:
    """The xlsx template of ``kind`` for the province in the round, filled with what is
    recorded now (so the template is also the export, and re-importing it changes nothing).
    Refused (Denied) outside the actor's scope."""
    raise NotImplementedError


def workbook_import(
    *,
    actor: User,
    kind: WorkbookKind,
    file,  # a binary file object (UploadedFile or open(path, "rb")) with a ``name``
    round: Round,
    province: AdminUnit,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Check and apply a workbook: every problem reported with its cell, or every row applied.

    Denied when the actor may not make these changes in the province (before reading the file).
    """
    raise NotImplementedError
