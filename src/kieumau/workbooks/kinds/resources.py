"""Resources of the registered units: staffing, headquarters, funding, equipment; one row per
registered unit of the province. Each changed row goes through ``resources_set``."""

from functools import partial

from django.utils.translation import gettext
from openpyxl import Workbook

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission
from kieumau.adminunits.models import AdminUnit
from kieumau.context.models import Resources
from kieumau.context.services import resources_set
from kieumau.programme.models import Registration, Round
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

CODE = "resources"
LABEL = "Nguồn lực của các phường đã đăng ký"
SHEET = "Nguồn lực"
PERMISSION = Permission.COLLECT
HEADQUARTERS = {
    Resources.Headquarters.INDEPENDENT: "Trụ sở độc lập",
    Resources.Headquarters.CONVERTED: "Trụ sở cải tạo chuyển đổi",
    Resources.Headquarters.SHARED: "Dùng chung với cơ quan khác",
    Resources.Headquarters.UNDER_CONSTRUCTION: "Đang xây dựng",
}
COUNTS = ("staff_norm", "staff_actual", "staff_under_35", "staff_with_degree")
FUNDING = ("funding_planned_vnd", "funding_disbursed_vnd")
HEADERS = {
    "code": "Mã phường",
    "name": "Tên phường",
    "staff_norm": "Biên chế (định biên)",
    "staff_actual": "Cán bộ thực tế",
    "staff_under_35": "Cán bộ dưới 35 tuổi",
    "staff_with_degree": "Cán bộ có trình độ đại học",
    "headquarters": "Trụ sở",
    "funding_planned_vnd": "Kinh phí dự kiến (đồng)",
    "funding_disbursed_vnd": "Kinh phí đã giải ngân (đồng)",
    "equipment_adequate": "Trang bị đạt chuẩn",
}
COLUMNS = [
    Column(HEADERS["code"], 10, sheets.TEXT),
    Column(HEADERS["name"], 26, informative=True),
    *(Column(HEADERS[field], 14, sheets.INTEGER) for field in COUNTS),
    Column(HEADERS["headquarters"], 28, choices=tuple(HEADQUARTERS.values())),
    *(Column(HEADERS[field], 20, sheets.VND) for field in FUNDING),
    Column(HEADERS["equipment_adequate"], 14, choices=sheets.YES_NO),
]
FIELDS = (*COUNTS, "headquarters", *FUNDING, "equipment_adequate")
INSTRUCTIONS = [
    "Mỗi dòng là một phường đã đăng ký của tỉnh.",
    "Số cán bộ và kinh phí (đồng) là số nguyên không âm; số cán bộ dưới 35 tuổi và số có "
    "trình độ đại học không lớn hơn số cán bộ thực tế.",
    "Trụ sở và «Trang bị đạt chuẩn»: chọn trong danh sách. Kinh phí để trống được hiểu là 0.",
    "Dòng chỉ có mã và tên phường (chưa nhập số liệu): bỏ qua.",
    "Không dùng công thức; giữ nguyên dòng tiêu đề và mã phường.",
]


def template(*, actor: User, round: Round, province: AdminUnit) -> Workbook:
    workbook = sheets.workbook_start(
        kind_label=LABEL, kind_code=CODE, round=round, province=province, instructions=INSTRUCTIONS
    )
    rows = []
    for code, registration in _registrations(round, province).items():
        resources = getattr(registration, "resources", None)
        values = [None] * len(FIELDS)
        if resources is not None:
            values = [
                *(getattr(resources, field) for field in COUNTS),
                HEADQUARTERS.get(resources.headquarters, resources.headquarters),
                *(getattr(resources, field) for field in FUNDING),
                sheets.yes_no_text(resources.equipment_adequate),
            ]
        rows.append([code, registration.unit.full_name, *values])
    sheet = sheets.data_sheet(workbook, SHEET, COLUMNS)
    sheets.rows_write(sheet, COLUMNS, rows)
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
    columns, rows = sheet_read(
        workbook,
        SHEET,
        HEADERS,
        plan,
        kind_code=CODE,
        round=round,
        province=province,
        optional=("name",),
    )
    if not rows or plan.problems:
        return plan
    registrations = _registrations(round, province)
    for row, registration in unit_rows(
        rows,
        registrations,
        plan,
        sheet=SHEET,
        code_column=columns["code"],
        province=province,
        registered=True,
        progress=progress,
    ):
        if all(cells.text(row.get(columns[field])) == "" for field in FIELDS):
            plan.unchanged += 1  # nothing entered for this unit
            continue
        values = _values(row, columns, plan.problems)
        if values is None:
            continue
        recorded = getattr(registration, "resources", None)
        if recorded is not None and all(
            getattr(recorded, field) == value for field, value in values.items()
        ):
            plan.unchanged += 1
            continue
        plan.changes.append(
            Change(
                Action.UPDATE if recorded is not None else Action.CREATE,
                SHEET,
                row.number,
                partial(resources_set, actor=actor, registration=registration, **values),
                columns={field: columns[field] for field in FIELDS},
                column=columns["code"],
            )
        )
    return plan


def _values(
    row: cells.Row, columns: dict[str, str | None], problems: list[Problem]
) -> dict[str, object] | None:
    """The row's fields as resources_set takes them, or None when a cell was refused."""
    values: dict[str, object] = {}
    refused = False
    for field in FIELDS:
        column = columns[field]
        try:
            if field in COUNTS:
                value = cells.whole_number(row.get(column))
            elif field in FUNDING:
                value = cells.whole_number(row.get(column)) or 0
            elif field == "headquarters":
                value = cells.choice(row.get(column), HEADQUARTERS)
            else:
                value = bool(cells.yes_no(row.get(column)))
        except cells.CellError as error:
            problems.append(cell_problem(SHEET, row, column, error))
            refused = True
            continue
        if value is None:
            problems.append(Problem(SHEET, row.number, column, gettext("A value is required.")))
            refused = True
            continue
        values[field] = value
    return None if refused else values


def _registrations(round: Round, province: AdminUnit) -> dict[str, Registration]:
    registrations = (
        Registration.objects.filter(round=round, unit__province=province)
        .select_related("unit", "resources")
        .order_by("unit__code")
    )
    return {registration.unit.code: registration for registration in registrations}
