"""Any list or table of the web pages as an Excel workbook ("Xuất Excel").

A page's view builds an ``ExportTable`` from the same selector rows it shows (same filters, same
scope) and answers with ``xlsx_response``. The sheet looks like the reports' tables (title,
frozen header, filter, widths, number formats): the styling is the report renderer's, reused.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from io import BytesIO

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

from kieumau.reports.document import Column, ColumnKind, Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_PARAMETER = "format"
XLSX = "xlsx"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    PERCENT = "percent"  # a number of percent: 45.5 is shown 45,5%
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    VND = "vnd"


# How each kind is written by the report renderer; DECIMAL keeps Excel's general format and
# DATETIME gets its own format after the renderer wrote the sheet.
RENDERED_AS = {
    Kind.TEXT: ColumnKind.TEXT,
    Kind.INT: ColumnKind.INTEGER,
    Kind.PERCENT: ColumnKind.PERCENT,
    Kind.DECIMAL: ColumnKind.TEXT,
    Kind.DATE: ColumnKind.DATE,
    Kind.DATETIME: ColumnKind.DATE,
    Kind.VND: ColumnKind.MONEY,
}


@dataclass(frozen=True)
class ExportColumn:
    label: str | Promise
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class ExportTable:
    """One worksheet: ``title`` above the header, ``sheet`` its tab name (cut to 31 characters)."""

    title: str | Promise
    columns: Sequence[ExportColumn]
    rows: Iterable[Sequence]
    sheet: str | Promise = ""


def cell_value(value, kind: Kind):
    """A Python value as Excel can hold it: local naive date-times (Excel has no time zones),
    plain strings for lazy translations, None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value.date() if kind == Kind.DATE else value
    if isinstance(value, (int, float, Decimal, date)):
        return value
    return str(value)


def tables_xlsx(tables: Sequence[ExportTable]) -> bytes:
    """The tables as .xlsx bytes, one worksheet each, in order."""
    from openpyxl import Workbook

    from kieumau.reports.renderers.xlsx import HEADER_ROW, sheet_name, table_write

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        columns = [ExportColumn(str(c.label), Kind(c.kind)) for c in table.columns]
        rows = [
            [cell_value(value, column.kind) for value, column in zip(row, columns, strict=True)]
            for row in table.rows
        ]
        sheet = workbook.create_sheet(sheet_name(str(table.sheet or table.title), used))
        table_write(
            sheet,
            Table(
                title=str(table.title),
                sheet=sheet.title,
                columns=[Column(c.label, RENDERED_AS[c.kind]) for c in columns],
                rows=rows,
            ),
        )
        for index, column in enumerate(columns, start=1):
            if column.kind == Kind.DATETIME:
                for offset in range(1, len(rows) + 1):
                    sheet.cell(HEADER_ROW + offset, index).number_format = DATETIME_FORMAT
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(table: ExportTable) -> bytes:
    return tables_xlsx([table])


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """A download of ``data`` named ``filename`` (".xlsx" added when missing)."""
    if not filename.lower().endswith(".xlsx"):
        filename = f"{filename}.xlsx"
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_requested(request: HttpRequest) -> bool:
    """Whether the page was asked for as a workbook (``?format=xlsx``)."""
    return request.GET.get(FORMAT_PARAMETER) == XLSX


def export_url(request: HttpRequest) -> str:
    """The page's own address with its filters and ``format=xlsx`` (and without ``page``:
    the workbook holds every row, not one page)."""
    query = request.GET.copy()
    query.pop("page", None)
    query[FORMAT_PARAMETER] = XLSX
    return f"{request.path}?{query.urlencode()}"
