"""Directive documents of the province: one row per document. A row is the same document as a
recorded one when issuer, number and date match; then its kind and title are updated. New rows
are added. Documents missing from the file are kept (the import never deletes)."""

import datetime
from functools import partial

from django.utils.translation import gettext
from openpyxl import Workbook

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission
from kieumau.adminunits.models import AdminUnit
from kieumau.context.models import DirectiveDocument
from kieumau.context.services import directive_document_add, directive_document_update
from kieumau.programme.models import Round
from kieumau.workbooks import cells, sheets
from kieumau.workbooks.kinds.common import ReadProgress, cell_problem, sheet_read
from kieumau.workbooks.plans import Action, Change, Plan
from kieumau.workbooks.problems import Problem
from kieumau.workbooks.sheets import Column

CODE = "documents"
LABEL = "Văn bản chỉ đạo của tỉnh"
SHEET = "Văn bản chỉ đạo"
PERMISSION = Permission.DOCUMENT
Issuer, Kind = DirectiveDocument.Issuer, DirectiveDocument.Kind
ISSUERS = {
    Issuer.PARTY_COMMITTEE: "Tỉnh ủy/Thành ủy",
    Issuer.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
    Issuer.PROVINCIAL_POLICE: "Công an tỉnh",
}
KINDS = {
    Kind.RESOLUTION: "Nghị quyết",
    Kind.DIRECTIVE: "Chỉ thị",
    Kind.CONCLUSION: "Kết luận",
    Kind.PROGRAMME: "Chương trình",
    Kind.OFFICIAL_LETTER: "Công văn",
    Kind.PLAN: "Kế hoạch",
    Kind.SCHEME: "Đề án",
}
HEADERS = {
    "issuer": "Cơ quan ban hành",
    "kind": "Loại văn bản",
    "number": "Số, ký hiệu",
    "date": "Ngày ban hành",
    "title": "Trích yếu",
}
FIELDS = tuple(HEADERS)
COLUMNS = [
    Column(HEADERS["issuer"], 22, choices=tuple(ISSUERS.values())),
    Column(HEADERS["kind"], 16, choices=tuple(KINDS.values())),
    Column(HEADERS["number"], 18, sheets.TEXT),
    Column(HEADERS["date"], 14, sheets.DATE),
    Column(HEADERS["title"], 70),
]
INSTRUCTIONS = [
    "Mỗi dòng là một văn bản chỉ đạo của tỉnh về xây dựng Công an phường điển hình, kiểu mẫu.",
    "Cơ quan ban hành, số ký hiệu và ngày ban hành xác định văn bản: dòng trùng với văn bản đã "
    "có thì cập nhật loại văn bản và trích yếu; dòng mới thì thêm văn bản.",
    "Ngày ban hành ghi theo dạng dd/mm/yyyy, không sau ngày hôm nay.",
    "Xóa dòng khỏi bảng không xóa văn bản đã ghi nhận; tệp văn bản đính kèm trên trang web.",
    "Không dùng công thức; giữ nguyên dòng tiêu đề.",
]

Key = tuple[str, str, datetime.date]


def template(*, actor: User, round: Round, province: AdminUnit) -> Workbook:
    workbook = sheets.workbook_start(
        kind_label=LABEL, kind_code=CODE, round=round, province=province, instructions=INSTRUCTIONS
    )
    rows = [
        [
            ISSUERS.get(document.issuer, document.issuer),
            KINDS.get(document.kind, document.kind),
            document.number,
            document.date,
            document.title,
        ]
        for document in _documents(province).values()
    ]
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
        workbook, SHEET, HEADERS, plan, kind_code=CODE, round=round, province=province
    )
    if not rows or plan.problems:
        return plan
    recorded = _documents(province)
    seen: dict[Key, int] = {}
    for done, row in enumerate(rows, start=1):
        if progress is not None:
            progress(done, len(rows))
        values = _values(row, columns, plan.problems)
        if values is None:
            continue
        key = _key(values["issuer"], values["number"], values["date"])
        if key in seen:
            plan.problems.append(
                Problem(
                    SHEET,
                    row.number,
                    columns["number"],
                    gettext("The same document is already on row %(row)d.") % {"row": seen[key]},
                )
            )
            continue
        seen[key] = row.number
        document = recorded.get(key)
        place = {"columns": {f: columns[f] for f in FIELDS}, "column": columns["number"]}
        if document is None:
            plan.changes.append(
                Change(
                    Action.CREATE,
                    SHEET,
                    row.number,
                    partial(directive_document_add, actor=actor, province=province, **values),
                    **place,
                )
            )
        elif (document.kind, document.title) != (values["kind"], values["title"]):
            plan.changes.append(
                Change(
                    Action.UPDATE,
                    SHEET,
                    row.number,
                    partial(
                        directive_document_update,
                        actor=actor,
                        document=document,
                        kind=values["kind"],
                        title=values["title"],
                    ),
                    **place,
                )
            )
        else:
            plan.unchanged += 1
    return plan


def _values(
    row: cells.Row, columns: dict[str, str | None], problems: list[Problem]
) -> dict[str, object] | None:
    values: dict[str, object] = {}
    refused = False
    for field in FIELDS:
        column = columns[field]
        try:
            if field == "issuer":
                value = cells.choice(row.get(column), ISSUERS)
            elif field == "kind":
                value = cells.choice(row.get(column), KINDS)
            elif field == "date":
                value = cells.date(row.get(column))
            else:
                value = cells.text(row.get(column)) or None
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


def _key(issuer: str, number: str, date: datetime.date) -> Key:
    # As the service compares numbers: case-insensitive, spaces collapsed.
    return issuer, " ".join(number.split()).casefold(), date


def _documents(province: AdminUnit) -> dict[Key, DirectiveDocument]:
    documents = DirectiveDocument.objects.filter(province=province).order_by("date", "number")
    return {_key(d.issuer, d.number, d.date): d for d in documents.select_related("province")}
