"""Real xlsx files on disk: write a template, edit cells as a user would, import, snapshot."""

from pathlib import Path

from auditlog.models import LogEntry
from openpyxl import load_workbook

from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.context.models import DirectiveDocument, Resources
from kieumau.programme.models import Registration
from kieumau.workbooks.imports import (
    ImportOutcome,
    WorkbookKind,
    workbook_import,
    workbook_template,
)


def template_save(path: Path, *, actor, kind: WorkbookKind, round, province) -> Path:
    path.write_bytes(workbook_template(actor=actor, kind=kind, round=round, province=province))
    return path


def file_import(
    path: Path, *, actor, kind: WorkbookKind, round, province, **options
) -> ImportOutcome:
    with path.open("rb") as file:
        return workbook_import(
            actor=actor, kind=kind, file=file, round=round, province=province, **options
        )


def cells_edit(path: Path, sheet: str, edits: dict[str, object]) -> None:
    """Set cells ("D2": value) of ``sheet`` and save the file in place, as a user would."""
    workbook = load_workbook(path)
    for coordinate, value in edits.items():
        workbook[sheet][coordinate] = value
    workbook.save(path)


def column_of(path: Path, sheet: str, header_start: str) -> str:
    """The letter of the column whose header starts with ``header_start``."""
    workbook = load_workbook(path, read_only=True)
    for cell in next(workbook[sheet].iter_rows(max_row=1)):
        if isinstance(cell.value, str) and cell.value.startswith(header_start):
            return cell.column_letter
    raise AssertionError(f"no column {header_start!r}")


def row_of(path: Path, sheet: str, code: str, column: str = "A") -> int:
    workbook = load_workbook(path, read_only=True)
    for number, (value, *_rest) in enumerate(workbook[sheet].iter_rows(values_only=True), 1):
        if value == code:
            return number
    raise AssertionError(f"no row {code!r}")


def database_snapshot() -> dict[str, list]:
    """Every row the imports can touch, audit entries included, to prove nothing changed."""
    return {
        "registrations": list(Registration.objects.order_by("pk").values()),
        "assessments": list(Assessment.objects.order_by("pk").values()),
        "results": list(CriterionResult.objects.order_by("pk").values()),
        "resources": list(Resources.objects.order_by("pk").values()),
        "documents": list(DirectiveDocument.objects.order_by("pk").values()),
        "audit": list(LogEntry.objects.order_by("pk").values_list("pk", flat=True)),
    }
