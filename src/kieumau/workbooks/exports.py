"""Any list or table of the web pages as an Excel workbook ("Xuất Excel").

A page's view builds a report ``Table`` from the same selector rows it shows (same filters, same
scope) and answers with ``xlsx_response``. The sheet looks like the reports' tables (title,
frozen header, filter, widths, number formats): the styling is the report renderer's, reused.
"""

from collections.abc import Sequence
from io import BytesIO

from django.http import HttpRequest, HttpResponse

from kieumau.reports.document import Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_PARAMETER = "format"
XLSX = "xlsx"


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    """The tables as .xlsx bytes, one worksheet each, in order, styled as the reports' tables."""
    from openpyxl import Workbook

    from kieumau.reports.renderers.xlsx import sheet_name, table_write

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        table_write(workbook.create_sheet(sheet_name(str(table.sheet or table.title), used)), table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(table: Table) -> bytes:
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
