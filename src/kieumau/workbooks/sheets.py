"""Writing a template: the information sheet and a data sheet that guides the hand.

Every data sheet has its header row frozen and bold, column widths, the unit code as text
(leading zeros kept), drop-down lists where a column takes a choice, and number formats for
percentages, counts, VND and dates (dd/mm/yyyy). Headers and instructions are Vietnamese: the
workbook is a document the province fills in, and the import finds columns by these headers.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kieumau.adminunits.models import AdminUnit
from kieumau.programme.models import Round
from kieumau.workbooks.cells import HEADER_ROW, NO, YES

INFO_SHEET = "Thông tin"
TEXT = "@"
INTEGER = "#,##0"
VND = '#,##0" ₫"'
PERCENT = '0.00" %"'  # values are 0–100 (not Excel's 0–1 percentages)
NUMBER = "General"
DATE = "dd/mm/yyyy"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
READ_ONLY_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class Column:
    """A column of a data sheet: header, width, number format and the list it takes."""

    header: str
    width: int = 14
    number_format: str | None = None
    choices: Sequence[str] = ()
    informative: bool = False  # shown for reference, ignored by the import (grey)


YES_NO = (YES, NO)


def workbook_start(
    *, kind_label: str, kind_code: str, round: Round, province: AdminUnit, instructions: list[str]
) -> Workbook:
    """A new workbook whose first sheet says what it is, for whom, and how to fill it in."""
    workbook = Workbook()
    info = workbook.active
    info.title = INFO_SHEET
    generated = timezone.localtime()
    lines = [
        ("Hệ thống", "Kiểu Mẫu — xây dựng Công an phường điển hình, kiểu mẫu"),
        ("Biểu mẫu", kind_label),
        ("Mã biểu mẫu", kind_code),
        ("Đợt đánh giá", round.name),
        ("Năm", round.year),
        ("Tỉnh, thành phố", province.full_name),
        ("Mã tỉnh", province.code),
        ("Danh mục hành chính", round.admin_map.code),
        ("Thời điểm lập", generated.strftime("%d/%m/%Y %H:%M")),
    ]
    for row, (label, value) in enumerate(lines, start=1):
        info.cell(row=row, column=1, value=label).font = HEADER_FONT
        cell = info.cell(row=row, column=2, value=value)
        if isinstance(value, str):
            cell.number_format = TEXT
    row = len(lines) + 2
    info.cell(row=row, column=1, value="Hướng dẫn").font = HEADER_FONT
    for offset, line in enumerate(instructions, start=1):
        info.cell(row=row + offset, column=1, value=f"{offset}. {line}")
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 60
    return workbook


def data_sheet(workbook: Workbook, title: str, columns: Sequence[Column]) -> Worksheet:
    """A data sheet with its styled, frozen header row and its columns' widths and lists."""
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = READ_ONLY_FILL if column.informative else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.row_dimensions[HEADER_ROW].height = 45
    return sheet


def rows_write(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence]) -> None:
    """Write the data rows with each column's number format, then the drop-down lists over
    the written rows and a margin below for rows the province adds."""
    for offset, values in enumerate(rows, start=HEADER_ROW + 1):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = sheet.cell(row=offset, column=index, value=value)
            if column.number_format:
                cell.number_format = column.number_format
            if column.informative:
                cell.fill = READ_ONLY_FILL
    last = HEADER_ROW + len(rows) + 200
    lists: dict[tuple[str, ...], list[str]] = {}
    for index, column in enumerate(columns, start=1):
        if column.choices:
            letter = get_column_letter(index)
            lists.setdefault(tuple(column.choices), []).append(f"{letter}2:{letter}{last}")
    for choices, ranges in lists.items():
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error="Chọn một giá trị trong danh sách.",
        )
        for cell_range in ranges:
            validation.add(cell_range)
        sheet.add_data_validation(validation)


def yes_no_text(value: bool | None) -> str | None:
    if value is None:
        return None
    return YES if value else NO
