"""The self-assessment workbook of the largest province, exported, edited and imported."""

import io
from dataclasses import asdict, dataclass
from decimal import Decimal

from openpyxl import load_workbook

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment
from kieumau.assessments.workflow import EDITABLE
from kieumau.bench.accounts import PROVINCE_OFFICERS_PER_PROVINCE, province_username
from kieumau.bench.timing import rounded, timed
from kieumau.criteria.types import Kind
from kieumau.programme.models import Round
from kieumau.workbooks import sheets
from kieumau.workbooks.imports import WorkbookKind, workbook_import, workbook_template
from kieumau.workbooks.kinds import self_assessment

FIRST_CRITERION_COLUMN = 5  # code, name, state, version, then the criteria (1-based)


class ImportFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class ImportTiming:
    province: str
    rows: int
    rows_changed: int  # the editable assessments (draft or returned): every value changed
    values_changed: int
    seconds: float
    template_seconds: float
    size_bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def import_time(round: Round, province: AdminUnit) -> ImportTiming:
    """Export the province's workbook, change every value of every editable unit as a province
    officer collecting from its wards would, and time ``workbook_import`` of the file (checked,
    then applied through the services in one transaction). ImportFailed if it is refused."""
    officer = User.objects.get(
        username=province_username(province.code, PROVINCE_OFFICERS_PER_PROVINCE)
    )
    kind = WorkbookKind.SELF_ASSESSMENT
    data, template_seconds = timed(
        lambda: workbook_template(actor=officer, kind=kind, round=round, province=province)
    )
    edited, rows, rows_changed, values_changed = _edited(data, round, province)
    file = io.BytesIO(edited)
    file.name = "bench-self-assessment.xlsx"
    outcome, seconds = timed(
        lambda: workbook_import(actor=officer, kind=kind, file=file, round=round, province=province)
    )
    if outcome.problems or outcome.updated != rows_changed:
        raise ImportFailed(
            f"updated {outcome.updated} of {rows_changed}; problems: {outcome.problems[:5]}"
        )
    return ImportTiming(
        province=province.code,
        rows=rows,
        rows_changed=rows_changed,
        values_changed=values_changed,
        seconds=rounded(seconds),
        template_seconds=rounded(template_seconds),
        size_bytes=len(edited),
    )


def _edited(data: bytes, round: Round, province: AdminUnit) -> tuple[bytes, int, int, int]:
    editable = set(
        Assessment.objects.filter(
            registration__round=round, registration__unit__province=province, state__in=EDITABLE
        ).values_list("registration__unit__code", flat=True)
    )
    criteria = list(round.criteria_set.criteria.order_by("position"))
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[self_assessment.SHEET]
    rows = changed = values = 0
    for row in sheet.iter_rows(min_row=2):
        rows += 1
        if row[0].value not in editable:
            continue
        changed += 1
        for index, criterion in enumerate(criteria):
            cell = row[FIRST_CRITERION_COLUMN - 1 + index]
            cell.value = _another_value(criterion.kind, cell.value)
            values += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), rows, changed, values


def _another_value(kind: str, current: object) -> object:
    """A valid value of ``kind`` that differs from the cell's current one."""
    if kind == Kind.BOOL:
        return sheets.yes_no_text(current != sheets.yes_no_text(True))
    number = Decimal(str(current)) if current not in (None, "") else Decimal(0)
    if kind == Kind.PCT:
        return float((number + Decimal("7.5")) % 100)
    return int(number) + 1
