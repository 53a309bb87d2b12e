"""The statistics office's commune conversion table of the 2025 reform (bảng chuyển đổi).

Two header rows, then one row per (new commune, old commune) pair:
new province "Thành phố Hà Nội (01)", new commune name and code, old commune name and code,
note, old district "Quận Ba Đình (001)", old province "Thành phố Hà Nội (01)". Province
separator rows (only the first cell filled) are interleaved. The note says how the old
commune went into the new one, in free text with typos and stray whitespace; see SOURCE.md.

Reading is pure: no database. The rows keep the table's codes and names as written (names
with whitespace collapsed); matching them to units is the service's job.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.models import Succession
from kieumau.adminunits.names import normalise_name
from kieumau.adminunits.readers.tabular import read_rows
from kieumau.adminunits.types import CODE_LENGTH, Level

Kind = Succession.Kind

COLUMNS = (
    "Tỉnh, thành phố",
    "Tên Xã mới",
    "Mã Xã mới",
    "Tên Xã cũ",
    "Mã Xã cũ",
    "Ghi chú",
    "Quận/huyện",
    "Tỉnh cũ",
)
NEW_PROVINCE, NEW_NAME, NEW_CODE, OLD_NAME, OLD_CODE, NOTE, OLD_DISTRICT, OLD_PROVINCE = COLUMNS
HEADER_ROWS = 2
# "Thành phố Hà Nội (01)", "Quận Ba Đình (001)": the code is the last parenthesised number.
_CODE_IN_PARENTHESES = re.compile(r"\((\d+)\)\s*$")


@dataclass(frozen=True)
class ConversionRow:
    row: int  # 1-based line of the file where the record starts
    new_province_code: str
    new_code: str | None
    new_name: str
    old_code: str | None
    old_name: str
    old_district_code: str | None
    old_province_code: str | None
    note: str  # as written, ends trimmed
    kind: Kind


@dataclass
class ConversionTable:
    rows: list[ConversionRow] = field(default_factory=list)
    # Rows that cannot be used at all, with the reason.
    issues: list[RowError] = field(default_factory=list)
    # Rows used with a guess the reader had to make.
    warnings: list[RowError] = field(default_factory=list)
    separator_rows: int = 0


def read_conversion_table(path: Path) -> ConversionTable:
    """Read the conversion table at ``path`` (CSV or XLSX).

    Raises ImportRejected when the file is not a conversion table (unreadable, or header
    columns not where they belong). Bad rows do not stop the reading: they are listed in
    ``issues`` and left out of ``rows``.
    """
    table = ConversionTable()
    pending: list[tuple[ConversionRow, bool]] = []  # (row, kind came from the note)
    records = previous_end = 0
    for end, cells in read_rows(path):
        # read_rows numbers a record by its last line; a record starts after the previous one.
        start, previous_end, records = previous_end + 1, end, records + 1
        if records <= HEADER_ROWS:
            if records == HEADER_ROWS:
                _check_header(start, cells)
            continue
        if not any(cells):
            continue
        if not any(cells[1:]):
            table.separator_rows += 1
            continue
        try:
            pending.append(_parse_row(start, cells))
        except _RowUnusable as unusable:
            table.issues.append(RowError(start, unusable.message, unusable.column))
    if records < HEADER_ROWS:
        raise ImportRejected([RowError(None, "tệp không có đủ hai dòng tiêu đề")])
    _settle_kinds(pending, table)
    return table


def classify_note(note: str) -> Kind | None:
    """The kind of succession a note describes, or None when the note does not say.

    Diacritics are dropped before matching, so typos such as "Nhâp một phần" still read.
    "một phần" wins over "toàn bộ": "Nhập một phần diện tích, toàn bộ dân số" is a part.
    """
    folded = _fold(note)
    if "giu nguyen" in folded:
        return Kind.UNCHANGED
    if "mot phan" in folded or "phan con lai" in folded:
        return Kind.PART
    if any(words in folded for words in ("toan bo", "doi ten", "doi loai hinh")):
        return Kind.WHOLE
    return None


class _RowUnusable(Exception):
    def __init__(self, message: str, column: str = ""):
        self.message, self.column = message, column


def _check_header(row: int, cells: list[str]) -> None:
    found = [_fold(cell) for cell in cells]
    for index in (COLUMNS.index(NEW_CODE), COLUMNS.index(OLD_CODE)):
        if index >= len(found) or found[index] != _fold(COLUMNS[index]):
            raise ImportRejected(
                [
                    RowError(
                        row,
                        f"không phải bảng chuyển đổi: cột {index + 1} của dòng tiêu đề phải là "
                        f"«{COLUMNS[index]}»",
                    )
                ]
            )


def _parse_row(row: int, cells: list[str]) -> tuple[ConversionRow, bool]:
    if len(cells) < len(COLUMNS):
        raise _RowUnusable(f"cần {len(COLUMNS)} cột, dòng chỉ có {len(cells)}")
    cell = dict(zip(COLUMNS, cells, strict=False))
    new_province_code = _code_in_parentheses(cell[NEW_PROVINCE], Level.PROVINCE)
    if new_province_code is None:
        raise _RowUnusable("thiếu mã tỉnh mới dạng «Tên (01)»", NEW_PROVINCE)
    new_code = _code(cell[NEW_CODE], NEW_CODE)
    new_name = _clean(cell[NEW_NAME])
    if new_code is None and not new_name:
        raise _RowUnusable("thiếu cả mã và tên xã mới", NEW_CODE)
    old_code = _code(cell[OLD_CODE], OLD_CODE)
    old_name = _clean(cell[OLD_NAME])
    old_district_code = _code_in_parentheses(cell[OLD_DISTRICT], Level.DISTRICT)
    # A row with a district but no commune turns a whole island district into a đặc khu.
    if old_code is None and not old_name and old_district_code is None:
        raise _RowUnusable(_no_old_commune(cell), OLD_CODE)
    kind = classify_note(cell[NOTE])
    parsed = ConversionRow(
        row=row,
        new_province_code=new_province_code,
        new_code=new_code,
        new_name=new_name,
        old_code=old_code,
        old_name=old_name,
        old_district_code=old_district_code,
        old_province_code=_code_in_parentheses(cell[OLD_PROVINCE], Level.PROVINCE),
        note=cell[NOTE],
        kind=kind or Kind.WHOLE,
    )
    return parsed, kind is not None


def _no_old_commune(cell: dict[str, str]) -> str:
    message = "thiếu cả mã và tên xã cũ"
    if note := _clean(cell[NOTE]):
        message += f" (ghi chú: «{note}»)"
    return message


def _settle_kinds(pending: list[tuple[ConversionRow, bool]], table: ConversionTable) -> None:
    """Decide the kind of rows whose note says nothing, from how often the old unit occurs."""
    successors: dict[tuple, set[tuple]] = defaultdict(set)
    for row, _ in pending:
        successors[_old_key(row)].add(_new_key(row))
    for row, from_note in pending:
        if from_note:
            table.rows.append(row)
            continue
        shares = len(successors[_old_key(row)])
        kind = Kind.WHOLE if shares == 1 else Kind.PART
        said = f"ghi chú «{_clean(row.note)}» không rõ" if row.note else "ghi chú trống"
        if kind == Kind.WHOLE:
            guess = "xã cũ chỉ đi vào một xã mới nên coi là nhập toàn bộ"
        else:
            guess = f"xã cũ được chia cho {shares} xã mới nên coi là nhập một phần"
        table.warnings.append(RowError(row.row, f"{said}: {guess}", NOTE))
        table.rows.append(replace(row, kind=kind))


def _old_key(row: ConversionRow) -> tuple:
    if row.old_code:
        return ("code", row.old_code)
    return ("name", row.old_province_code, row.old_district_code, normalise_name(row.old_name))


def _new_key(row: ConversionRow) -> tuple:
    if row.new_code:
        return ("code", row.new_code)
    return ("name", row.new_province_code, normalise_name(row.new_name))


def _code(text: str, column: str) -> str | None:
    """A 5-digit commune code; spreadsheets drop leading zeros, so "4" is "00004"."""
    text = text.strip()
    if not text:
        return None
    length = CODE_LENGTH[Level.COMMUNE]
    if not text.isdigit() or len(text) > length:
        raise _RowUnusable(f"mã «{text}» không hợp lệ: cần tối đa {length} chữ số", column)
    return text.zfill(length)


def _code_in_parentheses(text: str, level: Level) -> str | None:
    match = _CODE_IN_PARENTHESES.search(text)
    if match is None or len(match.group(1)) > CODE_LENGTH[level]:
        return None
    return match.group(1).zfill(CODE_LENGTH[level])


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _fold(text: str) -> str:
    """Lower case without diacritics or extra spaces: "Nhâp  một phần\\n" → "nhap mot phan"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split()).casefold()
