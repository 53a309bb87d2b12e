"""Registrations: one row per phường of the province; «Đăng ký» Có enrols it, Không withdraws it.

Rows left out, or with «Đăng ký» empty, change nothing. Over the quota is allowed, as the
registration service allows it.
"""

from functools import partial

from django.utils.translation import gettext
from openpyxl import Workbook

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission
from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import State
from kieumau.assessments.workflow import STATE_NAMES
from kieumau.programme.models import Registration, Round
from kieumau.programme.services import registration_create, registration_withdraw
from kieumau.workbooks import cells, sheets
from kieumau.workbooks.kinds.common import (
    ReadProgress,
    cell_problem,
    district_name,
    province_wards,
    sheet_read,
    unit_rows,
)
from kieumau.workbooks.plans import Action, Change, Plan
from kieumau.workbooks.problems import Problem
from kieumau.workbooks.sheets import Column

CODE = "registrations"
LABEL = "Đăng ký phường tham gia"
SHEET = "Đăng ký"
PERMISSION = Permission.REGISTER
HEADERS = {
    "code": "Mã phường",
    "name": "Tên phường",
    "district": "Quận, huyện, thị xã",
    "registered": "Đăng ký",
    "state": "Trạng thái bản đánh giá",
}
COLUMNS = [
    Column(HEADERS["code"], 10, sheets.TEXT),
    Column(HEADERS["name"], 28, informative=True),
    Column(HEADERS["district"], 28, informative=True),
    Column(HEADERS["registered"], 12, choices=sheets.YES_NO),
    Column(HEADERS["state"], 24, informative=True),
]
INSTRUCTIONS = [
    "Mỗi dòng là một phường của tỉnh trên danh mục hành chính của đợt.",
    "Cột «Đăng ký»: chọn Có để đăng ký phường, Không để rút đăng ký.",
    "Chỉ rút được đăng ký khi bản đánh giá của phường còn là bản nháp.",
    "Dòng bỏ trống cột «Đăng ký» hoặc bị xóa khỏi bảng: giữ nguyên như hiện tại.",
    "Được đăng ký vượt chỉ tiêu; các cột màu xám chỉ để tham khảo.",
    "Không dùng công thức; giữ nguyên dòng tiêu đề và mã phường.",
]


def template(*, actor: User, round: Round, province: AdminUnit) -> Workbook:
    workbook = sheets.workbook_start(
        kind_label=LABEL,
        kind_code=CODE,
        round=round,
        province=province,
        instructions=INSTRUCTIONS,
    )
    registered = _registrations(round, province)
    rows = []
    for code, ward in province_wards(round, province).items():
        registration = registered.get(code)
        state = _state(registration)
        rows.append(
            [
                code,
                ward.full_name,
                district_name(ward),
                sheets.yes_no_text(registration is not None),
                str(STATE_NAMES[state]) if state else "",
            ]
        )
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
        optional=("name", "district", "state"),
    )
    if not rows or plan.problems:
        return plan
    wards = province_wards(round, province)
    registered = _registrations(round, province)
    for row, ward in unit_rows(
        rows,
        wards,
        plan,
        sheet=SHEET,
        code_column=columns["code"],
        province=province,
        registered=False,
        progress=progress,
    ):
        try:
            wanted = cells.yes_no(row.get(columns["registered"]))
        except cells.CellError as error:
            plan.problems.append(cell_problem(SHEET, row, columns["registered"], error))
            continue
        registration = registered.get(ward.code)
        if wanted is None or wanted == (registration is not None):
            plan.unchanged += 1
        elif wanted:
            plan.changes.append(
                Change(
                    Action.CREATE,
                    SHEET,
                    row.number,
                    partial(registration_create, actor=actor, round=round, unit=ward),
                    column=columns["registered"],
                )
            )
        elif _state(registration) != State.DRAFT:
            plan.problems.append(_not_withdrawable(row, columns["registered"], registration))
        else:
            plan.changes.append(
                Change(
                    Action.REMOVE,
                    SHEET,
                    row.number,
                    partial(registration_withdraw, actor=actor, registration=registration),
                    column=columns["registered"],
                )
            )
    if plan.changes and round.status == Round.Status.CLOSED:
        plan.problems.append(
            Problem(
                None,
                None,
                None,
                gettext("The round %(year)d is closed: registrations can no longer change.")
                % {"year": round.year},
            )
        )
    return plan


def _registrations(round: Round, province: AdminUnit) -> dict[str, Registration]:
    registrations = Registration.objects.filter(
        round=round, unit__province=province
    ).select_related("unit", "round", "assessment")
    return {registration.unit.code: registration for registration in registrations}


def _state(registration: Registration | None) -> str | None:
    if registration is None:
        return None
    assessment = getattr(registration, "assessment", None)
    return assessment.state if assessment is not None else State.DRAFT


def _not_withdrawable(row: cells.Row, column: str | None, registration: Registration) -> Problem:
    return Problem(
        SHEET,
        row.number,
        column,
        gettext(
            "%(unit)s cannot be withdrawn: its assessment is «%(state)s»; only a draft can be "
            "withdrawn."
        )
        % {
            "unit": registration.unit.full_name,
            "state": STATE_NAMES[_state(registration)],
        },
    )
