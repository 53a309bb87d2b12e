"""The statistics office's (GSO) list of administrative units, as exported by its website.

One row per commune with its district and province:
``Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp, Tên Tiếng Anh``.
The district columns are absent or empty in lists after the 2025 reform. The project's
shipped maps use the same layout, so one reader serves both.
"""

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.readers.tabular import read_rows
from kieumau.adminunits.types import (
    CODE_LENGTH,
    Level,
    UnitType,
    commune_type_from_label,
    split_official_name,
)

COLUMNS = {
    "province_name": "Tỉnh Thành Phố",
    "province_code": "Mã TP",
    "district_name": "Quận Huyện",
    "district_code": "Mã QH",
    "commune_name": "Phường Xã",
    "commune_code": "Mã PX",
    "commune_type": "Cấp",
    "name_en": "Tên Tiếng Anh",
}
REQUIRED = ("province_name", "province_code", "commune_name", "commune_code")
MAX_ERRORS = 100


@dataclass(frozen=True)
class UnitRecord:
    level: Level
    code: str
    name: str
    type: UnitType
    parent_level: Level | None = None
    parent_code: str = ""
    province_code: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class GsoList:
    """A validated list: provinces, then districts, then communes."""

    units: list[UnitRecord]
    sha256: str

    def of_level(self, level: Level) -> list[UnitRecord]:
        return [unit for unit in self.units if unit.level == level]


def read_gso_list(path: Path) -> GsoList:
    """Read and validate a GSO list; raise ImportRejected listing every problem found."""
    rows = read_rows(path)
    header_row, columns = _find_header(rows)
    builder = _ListBuilder()
    for number, cells in rows:
        if not any(cells):
            continue
        record = {key: cells[index] if index < len(cells) else "" for key, index in columns.items()}
        builder.add(number, record)
        if len(builder.errors) >= MAX_ERRORS:
            builder.errors.append(RowError(None, "quá nhiều lỗi, dừng kiểm tra"))
            break
    if not builder.errors and not builder.communes:
        builder.errors.append(RowError(header_row, "tệp không có dòng dữ liệu nào"))
    builder.check_parents()
    if builder.errors:
        raise ImportRejected(builder.errors)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return GsoList(units=builder.units(), sha256=sha256)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _find_header(rows) -> tuple[int, dict[str, int]]:
    """The header is the first row naming three known columns (title rows may precede it)."""
    wanted = {_normal(title): key for key, title in COLUMNS.items()}
    for number, cells in rows:
        found = {wanted[_normal(c)]: index for index, c in enumerate(cells) if _normal(c) in wanted}
        if len(found) < 3:
            if number < 10:
                continue
            break
        missing = [COLUMNS[key] for key in REQUIRED if key not in found]
        if missing:
            raise ImportRejected(
                [RowError(number, f"thiếu cột {', '.join(f'«{m}»' for m in missing)}")]
            )
        return number, found
    titles = ", ".join(COLUMNS.values())
    raise ImportRejected([RowError(None, f"không tìm thấy dòng tiêu đề ({titles})")])


def _looks_garbled(text: str) -> bool:
    """UTF-8 read as Windows-1252 ("PhÆ°á»ng") turns back into valid UTF-8; real text does not."""
    if "\ufffd" in text:
        return True
    try:
        return text.encode("cp1252").decode("utf-8") != text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


class _ListBuilder:
    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.provinces: dict[str, tuple[int, UnitRecord]] = {}
        self.districts: dict[str, tuple[int, UnitRecord]] = {}
        self.communes: dict[str, tuple[int, UnitRecord]] = {}
        self.rows_without_district: list[int] = []

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, message, COLUMNS[column]))

    def add(self, row: int, record: dict[str, str]) -> None:
        for column, text in record.items():
            if _looks_garbled(text):
                self.error(row, column, f"chữ bị lỗi mã hóa «{text}»: hãy xuất lại tệp dạng UTF-8")
                return
        province = self._province(row, record)
        if province is None:
            return
        district = self._district(row, record, province)
        if not record["commune_code"] and not record["commune_name"]:
            if district is None:
                self.error(row, "commune_name", "thiếu tên và mã phường, xã")
            return  # a district without communes (Bạch Long Vĩ, Hoàng Sa, …) stands alone
        commune_code = self._code(row, record, "commune_code", Level.COMMUNE)
        commune_type, commune_name = self._commune_type_and_name(row, record)
        if commune_code is None or commune_type is None:
            return
        if not record.get("district_code") and not record.get("district_name"):
            self.rows_without_district.append(row)
        parent = district or province
        unit = UnitRecord(
            level=Level.COMMUNE,
            code=commune_code,
            name=commune_name,
            type=commune_type,
            parent_level=parent.level,
            parent_code=parent.code,
            province_code=province.code,
            name_en=record.get("name_en", ""),
        )
        if commune_code in self.communes:
            first_row = self.communes[commune_code][0]
            self.error(row, "commune_code", f"mã {commune_code} trùng với dòng {first_row}")
            return
        self.communes[commune_code] = (row, unit)

    def _code(self, row: int, record: dict[str, str], column: str, level: Level) -> str | None:
        text = record.get(column, "")
        length = CODE_LENGTH[level]
        if not text.isdigit() or len(text) > length:
            self.error(row, column, f"mã «{text}» không hợp lệ: cần tối đa {length} chữ số")
            return None
        return text.zfill(length)

    def _province(self, row: int, record: dict[str, str]) -> UnitRecord | None:
        code = self._code(row, record, "province_code", Level.PROVINCE)
        if code is None:
            return None
        parsed = split_official_name(record["province_name"], Level.PROVINCE)
        if parsed is None:
            self.error(row, "province_name", "thiếu tên tỉnh, thành phố")
            return None
        unit = UnitRecord(level=Level.PROVINCE, code=code, name=parsed[1], type=parsed[0])
        return self._same_as_before(row, "province_name", self.provinces, unit)

    def _district(
        self, row: int, record: dict[str, str], province: UnitRecord
    ) -> UnitRecord | None:
        if not record.get("district_code") and not record.get("district_name"):
            return None
        code = self._code(row, record, "district_code", Level.DISTRICT)
        if code is None:
            return None
        parsed = split_official_name(
            record.get("district_name", ""),
            Level.DISTRICT,
            in_central_city=province.type == UnitType.CENTRAL_CITY,
        )
        if parsed is None:
            self.error(
                row,
                "district_name",
                f"không xác định được loại của «{record.get('district_name', '')}»",
            )
            return None
        unit = UnitRecord(
            level=Level.DISTRICT,
            code=code,
            name=parsed[1],
            type=parsed[0],
            parent_level=Level.PROVINCE,
            parent_code=province.code,
            province_code=province.code,
        )
        return self._same_as_before(row, "district_name", self.districts, unit)

    def _commune_type_and_name(
        self, row: int, record: dict[str, str]
    ) -> tuple[UnitType | None, str]:
        full_name = " ".join(record["commune_name"].split())
        label = record.get("commune_type", "")
        from_label = commune_type_from_label(label) if label else None
        if label and from_label is None:
            self.error(row, "commune_type", f"cấp «{label}» không hợp lệ")
            return None, ""
        parsed = split_official_name(full_name, Level.COMMUNE)
        if parsed is None:
            if from_label is None or not full_name:
                self.error(row, "commune_name", f"không xác định được loại của «{full_name}»")
                return None, ""
            return from_label, full_name
        if from_label is not None and from_label != parsed[0]:
            self.error(row, "commune_type", f"cấp «{label}» không khớp với tên «{full_name}»")
            return None, ""
        return parsed[0], parsed[1]

    def _same_as_before(
        self, row: int, column: str, seen: dict[str, tuple[int, UnitRecord]], unit: UnitRecord
    ) -> UnitRecord | None:
        """Provinces and districts repeat on every commune row; the repeats must agree."""
        if unit.code not in seen:
            seen[unit.code] = (row, unit)
            return unit
        first_row, first = seen[unit.code]
        if first != unit:
            self.error(
                row,
                column,
                f"mã {unit.code} đã ghi là «{first.name}» ({first.parent_code or 'cấp tỉnh'}) "
                f"ở dòng {first_row}, nay là «{unit.name}» ({unit.parent_code or 'cấp tỉnh'})",
            )
            return None
        return first

    def check_parents(self) -> None:
        """In a list with districts, a commune without one has no known parent."""
        if self.districts:
            for row in self.rows_without_district[:MAX_ERRORS]:
                self.error(row, "district_code", "không rõ đơn vị cấp trên: thiếu quận, huyện")

    def units(self) -> list[UnitRecord]:
        return [
            unit
            for seen in (self.provinces, self.districts, self.communes)
            for _, unit in sorted(seen.values(), key=lambda item: item[1].code)
        ]
