"""The report's tables as an Excel workbook: a "Thông tin" sheet (title, issuing body, date),
then one sheet per table with its title, a frozen header row, a filter, number formats (figures
stay numbers: integers, percent values as numbers shown with "%", VND, dates)."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils.functional import Promise

from kieumau.reports.document import ColumnKind, Report, Table
from kieumau.reports.renderers._common import cell_text, date_line, local_naive

EXTENSION = "xlsx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

INFO_SHEET = "Thông tin"
FORMATS = {
    ColumnKind.INTEGER: "#,##0",
    ColumnKind.PERCENT: '0.0"%"',
    ColumnKind.MONEY: '#,##0 "₫"',
    ColumnKind.DATE: "dd/mm/yyyy",
    ColumnKind.DATETIME: "dd/mm/yyyy hh:mm",
}
HEADER_ROW = 3  # row 1: the table's title; row 2: empty; row 3: the column labels
INVALID_SHEET_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})


def render(report: Report) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    _info(workbook.active, report)
    used = {INFO_SHEET.casefold()}
    for table in report.tables():
        name = sheet_name(table.sheet or table.title, used)
        table_write(workbook.create_sheet(name), table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(wanted: str, used: set[str]) -> str:
    """``wanted`` as a valid worksheet name (≤ 31 characters, none of []:*?/\\), made unique
    among ``used`` (compared without case, as Excel does) with " (2)", " (3)"…; adds it."""
    base = " ".join(wanted.translate(INVALID_SHEET_CHARACTERS).split())[:31] or "Bảng"
    name, counter = base, 1
    while name.casefold() in used:
        counter += 1
        suffix = f" ({counter})"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name.casefold())
    return name


def _info(sheet, report: Report) -> None:
    from openpyxl.styles import Font

    sheet.title = INFO_SHEET
    rows = [
        ("Báo cáo", report.summary),
        ("Cơ quan chủ quản", report.parent_body),
        ("Cơ quan ban hành", report.issuing_body),
        ("Số, ký hiệu", report.number),
        ("Ngày", report.issued_on),
        ("Địa danh, ngày tháng", date_line(report.place, report.issued_on)),
        ("Người ký", report.signer_name),
    ]
    for index, (label, value) in enumerate(rows, start=1):
        sheet.cell(index, 1, label).font = Font(bold=True)
        cell = sheet.cell(index, 2, value)
        if isinstance(value, date):
            cell.number_format = FORMATS[ColumnKind.DATE]
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90


def _value(value, kind: ColumnKind):
    """A cell as Excel holds it: whole Decimals as ints, local date-times without a zone,
    lazy translations as text, "" as an empty cell."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        value = local_naive(value)
        return value.date() if kind == ColumnKind.DATE else value
    if isinstance(value, Promise):
        return str(value)
    return None if value == "" else value


def table_write(sheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.cell(1, 1, str(table.title)).font = Font(bold=True, size=13)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, str(column.label))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E3E8F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    rows = [*table.rows, *([table.total] if table.total else [])]
    for offset, values in enumerate(rows, start=1):
        total = table.total is not None and offset == len(rows)
        for index, (column, value) in enumerate(zip(table.columns, values, strict=False), 1):
            cell = sheet.cell(HEADER_ROW + offset, index, _value(value, column.kind))
            if column.kind in FORMATS:
                cell.number_format = FORMATS[column.kind]
            cell.border = border
            if total:
                cell.font = Font(bold=True)
    last_data_row = HEADER_ROW + len(table.rows)
    last_column = get_column_letter(len(table.columns))
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    # The filter covers the header and the data, not the total (sorting would move it).
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_data_row}"
    if table.note:
        sheet.cell(HEADER_ROW + len(rows) + 2, 1, table.note).font = Font(italic=True)
    for index, column in enumerate(table.columns, start=1):
        longest = max(
            [len(cell_text(row[index - 1], column.kind)) for row in rows if index <= len(row)]
            + [max((len(word) for word in column.label.split()), default=0), 6]
        )
        if column.kind == ColumnKind.TEXT:
            longest = max(longest, min(len(column.label), 30))
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 3, 60)
