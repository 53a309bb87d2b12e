"""The import contract: what every kind of workbook offers, and the one entry point.

Each kind (``kinds/<kind>.py``) builds its template for a round and a province, reads a file
into planned changes (every row checked, every problem collected) and applies the plan.
``workbook_import`` runs: file checks (safety.py) → read all rows → if any problem, stop with
all of them and nothing written → else apply every change in one transaction. Applying the
same file twice changes nothing the second time (idempotent).
"""

import io
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level
from kieumau.programme.models import Round
from kieumau.workbooks.kinds import kind_module
from kieumau.workbooks.plans import Action, plan_apply
from kieumau.workbooks.problems import Problem, WorkbookRefused
from kieumau.workbooks.safety import workbook_bytes_read, workbook_check

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
    dry_run: bool = False  # checked and tried, then rolled back on purpose

    @property
    def applied(self) -> bool:
        """Whether the changes were written (no problem, not a dry run)."""
        return not self.problems and not self.dry_run

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed


def workbook_template(
    *, actor: User, kind: WorkbookKind, round: Round, province: AdminUnit
) -> bytes:
    """The xlsx template of ``kind`` for the province in the round, filled with what is
    recorded now (so the template is also the export, and re-importing it changes nothing).
    Refused (Denied) outside the actor's scope."""
    module = kind_module(kind)
    _province_check(round, province)
    require(actor, Permission.VIEW, unit=province)
    workbook = module.template(actor=actor, round=round, province=province)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_file_name(*, kind: WorkbookKind, round: Round, province: AdminUnit) -> str:
    """A file name that says what the workbook holds: "kieumau-2025-40-self-assessment.xlsx"."""
    return f"kieumau-{round.year}-{province.code}-{WorkbookKind(kind).value}.xlsx"


def workbook_import(
    *,
    actor: User,
    kind: WorkbookKind,
    file,  # a binary file object (UploadedFile or open(path, "rb")) with a ``name``
    round: Round,
    province: AdminUnit,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportOutcome:
    """Check and apply a workbook: every problem reported with its cell, or every row applied.

    Denied when the actor may not make these changes in the province (before reading the file);
    WorkbookRefused when the file as a whole is not an acceptable workbook (not xlsx, too big,
    a zip bomb, too many rows, macros), before anything is read. Otherwise the outcome: with
    ``problems`` when any row is refused (nothing written), else the counts of what changed.
    Every change goes through the domain services (validated, scoped, audited) inside one
    transaction; a refusal met while applying rolls all of it back. ``dry_run``: the same, then
    rolled back. Side effects: those of the services called.
    """
    module = kind_module(kind)
    _province_check(round, province)
    require(actor, module.PERMISSION, unit=province)
    name = str(getattr(file, "name", "") or "")
    outcome = ImportOutcome(
        kind=WorkbookKind(kind), round=round, province=province, file_name=name, dry_run=dry_run
    )
    data = workbook_bytes_read(file)
    workbook_check(data, file_name=name)
    workbook = _workbook_open(data)
    try:
        plan = module.read(workbook, actor=actor, round=round, province=province, progress=progress)
    except UNREADABLE as error:  # read-only mode parses each sheet as its rows are read
        raise _unreadable(error) from None
    finally:
        workbook.close()
    outcome.rows, outcome.unchanged = plan.rows, plan.unchanged
    if plan.problems:
        outcome.problems = _sorted(plan.problems)
        return outcome
    total = plan.rows + len(plan.changes)

    def applying(done: int) -> None:
        if progress is not None:
            progress(plan.rows + done, total)

    try:
        with transaction.atomic():
            counts, problems = plan_apply(plan, applying)
            if problems or dry_run:
                raise _RolledBack
    except _RolledBack:
        pass
    outcome.problems = _sorted(problems)
    if not problems:
        outcome.created = counts[Action.CREATE]
        outcome.updated = counts[Action.UPDATE]
        outcome.removed = counts[Action.REMOVE]
    if progress is not None:
        progress(total, total)
    return outcome


class _RolledBack(Exception):
    """Raised inside the import's transaction to undo it (problems found, or a dry run)."""


def _province_check(round: Round, province: AdminUnit) -> None:
    if province.level != Level.PROVINCE or province.admin_map_id != round.admin_map_id:
        raise ValidationError(
            gettext("%(unit)s is not a province of the map of the round %(year)d.")
            % {"unit": province.full_name, "year": round.year}
        )


def _workbook_open(data: bytes):
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (e.g. extensions); values are unaffected.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except UNREADABLE as error:
        raise _unreadable(error) from None


# What a malformed part makes openpyxl raise (XML parse errors are SyntaxErrors).
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    SyntaxError,
)


def _unreadable(error: Exception) -> WorkbookRefused:
    return WorkbookRefused(
        _("The workbook could not be read (%(error)s): open it in Excel and save it again."),
        params={"error": type(error).__name__},
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    """File-level problems first, then by sheet and row, each row's cells left to right."""
    return sorted(
        problems,
        key=lambda p: (
            p.sheet is not None,
            p.sheet or "",
            p.row or 0,
            len(p.column or ""),
            p.column or "",
        ),
    )
