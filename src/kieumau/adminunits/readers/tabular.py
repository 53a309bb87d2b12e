"""Read a CSV or XLSX file into rows of text, refusing files that are not what they claim."""

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from kieumau.adminunits.errors import ImportRejected, RowError

MAX_ROWS = 200_000
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells as stripped text) of the first sheet or of the CSV file."""
    head = path.read_bytes()[:8]
    if head.startswith(_XLS_MAGIC):
        raise ImportRejected(
            [RowError(None, "tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy lưu lại dạng .xlsx")]
        )
    if head.startswith(_XLSX_MAGIC):
        yield from _xlsx_rows(path)
    elif path.suffix.lower() in {".xlsx", ".xlsm"}:
        raise ImportRejected([RowError(None, "tệp mang đuôi .xlsx nhưng không phải tệp Excel")])
    else:
        yield from _csv_rows(path)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected(
            [
                RowError(
                    line,
                    "tệp không phải mã UTF-8 (có thể là Windows-1258 hoặc TCVN3): "
                    "hãy lưu lại dạng «CSV UTF-8» hoặc .xlsx",
                )
            ]
        ) from None


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    text = _decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for cells in reader:
        if reader.line_num > MAX_ROWS:
            raise ImportRejected([RowError(None, f"tệp có hơn {MAX_ROWS:,} dòng")])
        yield reader.line_num, [cell.strip() for cell in cells]


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportRejected([RowError(None, f"không đọc được tệp Excel ({error})")]) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise ImportRejected([RowError(None, f"tệp có hơn {MAX_ROWS:,} dòng")])
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
