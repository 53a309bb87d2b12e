"""Self-assessment values of many units at once: one row per registered unit of the province,
one column per criterion of the round's criteria set.

A unit whose values are unchanged is not touched (its version stays). A unit with changed
values must still be with the ward (draft or returned); its values go through
``results_set_self_values`` with the assessment's version read with the file, so a change made
by someone else meanwhile is refused, not overwritten. An empty cell clears the value.
"""

from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission
from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.assessments.services.common import value_checked
from kieumau.assessments.services.results import (
    SelfValue,
    results_set_self_values,
    self_values_errors,
)
from kieumau.assessments.workflow import EDITABLE, STATE_NAMES
from kieumau.criteria.models import Criterion
from kieumau.criteria.types import Kind
from kieumau.programme.models import Round
from kieumau.workbooks import cells, sheets
from kieumau.workbooks.kinds.common import (
    ReadProgress,
    cell_problem,
    sheet_read,
    unit_rows,
)
from kieumau.workbooks.plans import Action, Change, Plan
from kieumau.workbooks.problems import Problem
from kieumau.workbooks.sheets import Column

CODE = "self-assessment"
LABEL = "Kết quả tự đánh giá các tiêu chí"
SHEET = "Tự đánh giá"
PERMISSION = Permission.COLLECT
HEADERS = {
    "code": "Mã phường",
    "name": "Tên phường",
    "state": "Trạng thái",
    "version": "Phiên bản",
}
FIXED_COLUMNS = [
    Column(HEADERS["code"], 10, sheets.TEXT),
    Column(HEADERS["name"], 26, informative=True),
    Column(HEADERS["state"], 18, informative=True),
    Column(HEADERS["version"], 9, informative=True),
]
TITLE_LENGTH = 50
INSTRUCTIONS = [
    "Mỗi dòng là một phường đã đăng ký của tỉnh; mỗi cột là một tiêu chí của bộ tiêu chí.",
    "Tiêu chí có/không: chọn Có hoặc Không. Tỷ lệ phần trăm: nhập số từ 0 đến 100 "
    "(ví dụ 95 cho 95 %). Tiêu chí định lượng: nhập số, tối đa 2 chữ số thập phân.",
    "Ô để trống: xóa giá trị đã nhập của tiêu chí đó.",
    "Chỉ sửa được bản đánh giá đang ở trạng thái «bản nháp» hoặc «trả lại để bổ sung».",
    "Phường có giá trị không thay đổi được giữ nguyên; các cột màu xám chỉ để tham khảo.",
    "Không dùng công thức; giữ nguyên dòng tiêu đề và mã phường.",
]


def template(*, actor: User, round: Round, province: AdminUnit) -> Workbook:
    workbook = sheets.workbook_start(
        kind_label=LABEL, kind_code=CODE, round=round, province=province, instructions=INSTRUCTIONS
    )
    criteria = _criteria(round)
    columns = FIXED_COLUMNS + [_criterion_column(criterion) for criterion in criteria]
    assessments = _assessments(round, province)
    values = _self_values(round, province)
    rows = []
    for code, assessment in assessments.items():
        recorded = values.get(assessment.pk, {})
        rows.append(
            [
                code,
                assessment.registration.unit.full_name,
                str(STATE_NAMES[assessment.state]),
                assessment.version,
                *(_cell_value(c, recorded.get(c.code, (None, ""))[0]) for c in criteria),
            ]
        )
    sheet = sheets.data_sheet(workbook, SHEET, columns)
    sheets.rows_write(sheet, columns, rows)
    return workbook


def read(
    workbook: Workbook,
    *,
    actor: User,
    round: Round,
    province: AdminUnit,
    progress: ReadProgress | None = None,
) -> Plan:
    plan = Plan()
    criteria = _criteria(round)
    wanted = HEADERS | {c.code: _header(c) for c in criteria}
    columns, rows = sheet_read(
        workbook,
        SHEET,
        wanted,
        plan,
        kind_code=CODE,
        round=round,
        province=province,
        optional=("name", "state", "version", *(c.code for c in criteria)),
    )
    # A header may have been shortened by hand: a criterion column is known by its code.
    criterion_columns = _criterion_columns(workbook, criteria, columns)
    if not rows or plan.problems:
        return plan
    if not criterion_columns:
        plan.problems.append(
            Problem(SHEET, cells.HEADER_ROW, None, gettext("No criterion column was found."))
        )
        return plan
    assessments = _assessments(round, province)
    recorded = _self_values(round, province)
    for row, assessment in unit_rows(
        rows,
        assessments,
        plan,
        sheet=SHEET,
        code_column=columns["code"],
        province=province,
        registered=True,
        progress=progress,
    ):
        changed = _changed_values(
            row, criterion_columns, recorded.get(assessment.pk, {}), plan.problems
        )
        if changed is None:  # a cell could not be read: its problem is recorded
            continue
        if not changed:
            plan.unchanged += 1
            continue
        if assessment.state not in EDITABLE:
            plan.problems.append(_not_editable(row, columns, assessment))
            continue
        errors = self_values_errors(assessment=assessment, values=changed)
        for criterion_code, messages in errors.items():
            for message in messages:
                plan.problems.append(
                    Problem(SHEET, row.number, criterion_columns[criterion_code][1], message)
                )
        if errors:
            continue
        plan.changes.append(
            Change(
                Action.UPDATE,
                SHEET,
                row.number,
                partial(
                    results_set_self_values,
                    actor=actor,
                    assessment=assessment,
                    values=changed,
                    version=assessment.version,
                ),
                columns={c: letter for c, (_criterion, letter) in criterion_columns.items()},
                column=columns["code"],
            )
        )
    return plan


def _changed_values(
    row: cells.Row,
    criterion_columns: dict[str, tuple[Criterion, str]],
    recorded: dict[str, tuple[Decimal | None, str]],
    problems: list[Problem],
) -> dict[str, SelfValue] | None:
    """The row's values that differ from the recorded ones (the note kept), or None when a
    cell was refused (its problem added)."""
    changed: dict[str, SelfValue] = {}
    refused = False
    for code, (criterion, letter) in criterion_columns.items():
        try:
            entered = _entered(criterion, row.get(letter))
            value = value_checked(criterion, entered)
        except cells.CellError as error:
            problems.append(cell_problem(SHEET, row, letter, error))
            refused = True
            continue
        except ValidationError as error:
            problems.extend(Problem(SHEET, row.number, letter, m) for m in error.messages)
            refused = True
            continue
        current, note = recorded.get(code, (None, ""))
        if value != current:
            changed[code] = SelfValue(value=value, note=note)
    return None if refused else changed


def _entered(criterion: Criterion, value: object) -> Decimal | None:
    if criterion.kind == Kind.BOOL:
        answer = cells.yes_no(value)
        return None if answer is None else Decimal(int(answer))
    return cells.number(value)


def _criteria(round: Round) -> list[Criterion]:
    return list(round.criteria_set.criteria.order_by("position"))


def _header(criterion: Criterion) -> str:
    title = " ".join(criterion.title.split())
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1].rstrip() + "…"
    return f"{criterion.code} — {title}"


def _criterion_column(criterion: Criterion) -> Column:
    if criterion.kind == Kind.BOOL:
        return Column(_header(criterion), 16, choices=sheets.YES_NO)
    if criterion.kind == Kind.PCT:
        return Column(_header(criterion), 16, sheets.PERCENT)
    return Column(_header(criterion), 16, sheets.NUMBER)


def _criterion_columns(
    workbook: Workbook, criteria: list[Criterion], columns: dict[str, str | None]
) -> dict[str, tuple[Criterion, str]]:
    """Criterion code → (criterion, column letter), by the code opening each header."""
    found = {c.code: (c, columns[c.code]) for c in criteria if columns.get(c.code)}
    if SHEET not in workbook.sheetnames or len(found) == len(criteria):
        return found
    by_code = {c.code.casefold(): c for c in criteria}
    header = next(workbook[SHEET].iter_rows(max_row=1, max_col=cells.MAX_COLUMNS), ())
    for index, cell in enumerate(header, start=1):
        if isinstance(cell.value, str) and cell.value.split():
            criterion = by_code.get(cell.value.split()[0].casefold())
            if criterion is not None and criterion.code not in found:
                found[criterion.code] = (criterion, get_column_letter(index))
    return found


def _assessments(round: Round, province: AdminUnit) -> dict[str, Assessment]:
    assessments = Assessment.objects.filter(
        registration__round=round, registration__unit__province=province
    ).select_related("registration__unit")
    return {a.registration.unit.code: a for a in assessments.order_by("registration__unit__code")}


def _self_values(
    round: Round, province: AdminUnit
) -> dict[int, dict[str, tuple[Decimal | None, str]]]:
    """Each assessment's (self value, note) by criterion code: one query for the province."""
    values: dict[int, dict[str, tuple[Decimal | None, str]]] = {}
    rows = CriterionResult.objects.filter(
        assessment__registration__round=round,
        assessment__registration__unit__province=province,
    ).values_list("assessment_id", "criterion__code", "self_value", "self_note")
    for assessment_id, code, value, note in rows:
        values.setdefault(assessment_id, {})[code] = (value, note)
    return values


def _cell_value(criterion: Criterion, value: Decimal | None) -> str | int | float | None:
    if value is None:
        return None
    if criterion.kind == Kind.BOOL:
        return sheets.yes_no_text(value == 1)
    return int(value) if value == value.to_integral_value() else float(value)


def _not_editable(
    row: cells.Row, columns: dict[str, str | None], assessment: Assessment
) -> Problem:
    return Problem(
        SHEET,
        row.number,
        columns.get("state") or columns["code"],
        gettext(
            "The values of %(unit)s cannot change: its assessment is «%(state)s»; only a draft "
            "or a returned assessment can be edited."
        )
        % {
            "unit": assessment.registration.unit.full_name,
            "state": STATE_NAMES[assessment.state],
        },
    )
