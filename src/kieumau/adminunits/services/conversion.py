"""Loading the official commune conversion table of the 2025 reform into successions.

The table's codes are not all reliable: about 120 new communes carry codes from a draft
numbering (some of them codes that the final list gives to a neighbour), a few old communes
carry a neighbour's code, and some codes are missing. So every match checks the name too: a
code whose unit has another name gives way to the name when the name picks out exactly one
unit of that type in the same district (old) or province (new); otherwise the code stands
and the spelling difference is reported. See SOURCE.md for the table's quirks.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.names import normalise_name
from kieumau.adminunits.readers.conversion_table import (
    NEW_CODE,
    NEW_PROVINCE,
    NOTE,
    OLD_CODE,
    OLD_PROVINCE,
    ConversionRow,
    read_conversion_table,
)
from kieumau.adminunits.services.maps import Progress
from kieumau.adminunits.services.succession import succession_replace
from kieumau.adminunits.types import Level, split_official_name

Kind = Succession.Kind
KIND_WORDS = {Kind.WHOLE: "nhập toàn bộ", Kind.PART: "nhập một phần", Kind.UNCHANGED: "giữ nguyên"}
_PROGRESS_EVERY = 500


@dataclass
class ConversionReport:
    source: str
    rows_read: int = 0  # data rows: not headers, separators or blank lines
    loaded: int = 0  # successions written (one per distinct old → new pair)
    kinds: Counter = field(default_factory=Counter)
    skipped: list[RowError] = field(default_factory=list)
    duplicates: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    new_communes: int = 0
    communes_with_predecessors: int = 0
    communes_without_predecessors: list[AdminUnit] = field(default_factory=list)
    old_communes_not_listed: list[AdminUnit] = field(default_factory=list)
    changed: bool = False

    def summary_lines(self) -> list[str]:
        kinds = ", ".join(
            f"{words} {self.kinds[kind]}" for kind, words in KIND_WORDS.items() if self.kinds[kind]
        )
        return [
            f"Bảng chuyển đổi {self.source}: đọc {self.rows_read} dòng dữ liệu.",
            f"  Đã nạp: {self.loaded} quan hệ kế thừa ({kinds}); "
            + ("đã cập nhật." if self.changed else "không có gì thay đổi."),
            f"  Bỏ qua: {len(self.skipped)} dòng.",
            f"  Trùng cặp cũ → mới (đã gộp): {len(self.duplicates)} dòng.",
            f"  Cảnh báo: {len(self.warnings)}.",
            f"  Xã mới có đơn vị tiền thân: {self.communes_with_predecessors}/{self.new_communes}.",
        ]

    def lines(self) -> list[str]:
        lines = self.summary_lines()
        for title, errors in (
            ("Dòng bị bỏ qua:", self.skipped),
            ("Dòng trùng cặp:", self.duplicates),
            ("Cảnh báo:", self.warnings),
        ):
            if errors:
                lines += [title, *(f"  {error}" for error in errors)]
        if self.communes_without_predecessors:
            lines.append("Xã mới chưa có đơn vị tiền thân:")
            lines += [f"  {unit}" for unit in self.communes_without_predecessors]
        if self.old_communes_not_listed:
            lines.append("Xã cũ không có trong bảng (ghi «đã sáp nhập, chưa rõ đơn vị kế thừa»):")
            lines += [f"  {unit}" for unit in self.old_communes_not_listed]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())


@transaction.atomic
def succession_load_conversion_table(
    *,
    old_map: AdminMap,
    new_map: AdminMap,
    path: Path,
    progress: Progress | None = None,
) -> ConversionReport:
    """Record how each commune of ``old_map`` went into the communes of ``new_map``.

    Rows whose old or new commune cannot be found are skipped and listed with the reason; a
    pair (old, new) listed twice is loaded once. A row without an old commune that turns a
    whole district into a special zone (the island districts) links that district. An old
    commune the table never lists gets a "successor unknown" link. Side effects: replaces every
    commune- and district-level succession from ``old_map``'s units into ``new_map`` by one
    Succession per pair (source = the file's name); writes nothing when the result is already
    in the database.
    Raises ImportRejected, changing nothing, when the file is not a conversion table, the maps
    are in the wrong order or no row matches them.
    """
    if old_map.effective_date >= new_map.effective_date:
        order = f"danh mục cũ {old_map.code} phải có trước danh mục mới {new_map.code}"
        raise ImportRejected([RowError(None, order)])
    table = read_conversion_table(path)
    report = ConversionReport(
        source=path.name,
        rows_read=len(table.rows) + len(table.issues),
        skipped=list(table.issues),
        warnings=list(table.warnings),
    )
    old_units, new_units = _UnitIndex(old_map), _UnitIndex(new_map)
    links: dict[tuple[int, int], tuple[ConversionRow, Succession]] = {}
    for done, row in enumerate(table.rows, start=1):
        _add_row(row, old_units, new_units, links, report, new_map=new_map, source=path.name)
        if progress and (done % _PROGRESS_EVERY == 0 or done == len(table.rows)):
            progress(done, len(table.rows))
    if not links:
        nothing = RowError(None, f"không dòng nào khớp với {old_map.code} và {new_map.code}")
        raise ImportRejected([nothing, *report.skipped[:10]])
    report.warnings += old_units.warnings(OLD_CODE) + new_units.warnings(NEW_CODE)
    report.warnings += _split_but_whole(links.values())
    report.warnings.sort(key=lambda error: error.row or 0)
    successions = [succession for _, succession in links.values()]
    linked = {succession.predecessor.pk for succession in successions}
    report.old_communes_not_listed = [
        unit for code, unit in sorted(old_units.by_code.items()) if unit.pk not in linked
    ]
    unknown = [
        Succession(predecessor=unit, successor_map=new_map, kind=Kind.UNKNOWN, source=path.name)
        for unit in report.old_communes_not_listed
    ]
    changes = [
        succession_replace(
            old_map=old_map,
            new_map=new_map,
            level=level,
            links=[s for s in successions + unknown if s.predecessor.level == level],
        )
        for level in (Level.DISTRICT, Level.COMMUNE)
    ]
    report.changed = any(changes)
    report.loaded = len(successions)
    report.kinds = Counter(Kind(succession.kind) for succession in successions)
    _count_coverage(report, new_units, successions)
    return report


def _add_row(
    row: ConversionRow,
    old_units: "_UnitIndex",
    new_units: "_UnitIndex",
    links: dict,
    report: ConversionReport,
    *,
    new_map: AdminMap,
    source: str,
) -> None:
    if not row.old_code and not row.old_name and row.old_district_code:
        old = old_units.district(row.old_district_code)
    else:
        old = old_units.find(
            row,
            code=row.old_code,
            name=row.old_name,
            province=row.old_province_code,
            district=row.old_district_code,
        )
    new = new_units.find(row, code=row.new_code, name=row.new_name, province=row.new_province_code)
    if old.unit is None or new.unit is None:
        reasons = [f"xã cũ: {old.reason}"] if old.unit is None else []
        reasons += [f"xã mới: {new.reason}"] if new.unit is None else []
        report.skipped.append(RowError(row.row, "; ".join(reasons)))
        return
    if old.province_warning:
        report.warnings.append(RowError(row.row, old.province_warning, OLD_PROVINCE))
    if new.province_warning:
        report.warnings.append(RowError(row.row, new.province_warning, NEW_PROVINCE))
    pair = (old.unit.pk, new.unit.pk)
    if pair in links:
        report.duplicates.append(_duplicate(row, links[pair][0], old.unit, new.unit))
        return
    succession = Succession(
        predecessor=old.unit,
        successor=new.unit,
        successor_map=new_map,
        kind=row.kind,
        note=" ".join(row.note.split())[:300],
        source=source,
    )
    # No full_clean(): it would query both foreign keys per row; the values are built above.
    links[pair] = (row, succession)


def _duplicate(
    row: ConversionRow, first: ConversionRow, old: AdminUnit, new: AdminUnit
) -> RowError:
    message = f"cặp {old} → {new} đã có ở dòng {first.row}; giữ dòng {first.row}"
    if row.kind != first.kind:
        message += f" ({KIND_WORDS[first.kind]}, bỏ «{' '.join(row.note.split())}»)"
    return RowError(row.row, message)


def _split_but_whole(entries: Iterable[tuple[ConversionRow, Succession]]) -> list[RowError]:
    """Rows saying "whole" or "unchanged" for an old commune that also went elsewhere."""
    successors: dict[int, list[AdminUnit]] = defaultdict(list)
    for _, succession in entries:
        successors[succession.predecessor.pk].append(succession.successor)
    warnings = []
    for row, succession in entries:
        others = [u for u in successors[succession.predecessor.pk] if u != succession.successor]
        if others and row.kind != Kind.PART:
            names = ", ".join(str(unit) for unit in others)
            warnings.append(
                RowError(
                    row.row,
                    f"ghi chú «{' '.join(row.note.split())}» nhưng {succession.predecessor} "
                    f"còn đi vào {names}; giữ như ghi chú",
                    NOTE,
                )
            )
    return warnings


def _count_coverage(
    report: ConversionReport, new_units: "_UnitIndex", successions: list[Succession]
) -> None:
    covered = {succession.successor.pk for succession in successions}
    report.new_communes = len(new_units.by_code)
    report.communes_with_predecessors = len(covered)
    report.communes_without_predecessors = [
        unit
        for unit in sorted(new_units.by_code.values(), key=lambda u: u.code)
        if unit.pk not in covered
    ]


@dataclass(frozen=True)
class _Match:
    unit: AdminUnit | None
    reason: str = ""  # why there is no unit
    warning: str = ""  # a guess made to find the unit
    province_warning: str = ""  # the table places the unit in another province or district


class _UnitIndex:
    """The communes of one map by code and by name, with the guesses made while matching."""

    def __init__(self, admin_map: AdminMap):
        self.admin_map = admin_map
        units = AdminUnit.objects.filter(admin_map=admin_map, level=Level.COMMUNE)
        self.by_code = {unit.code: unit for unit in units.select_related("parent", "province")}
        self.by_name: dict[tuple, list[AdminUnit]] = defaultdict(list)
        for unit in self.by_code.values():
            key = normalise_name(unit.full_name)
            if unit.province:
                self.by_name["province", unit.province.code, key].append(unit)
            if unit.parent and unit.parent.level == Level.DISTRICT:
                self.by_name["district", unit.parent.code, key].append(unit)
        self.districts = {
            unit.code: unit
            for unit in AdminUnit.objects.filter(admin_map=admin_map, level=Level.DISTRICT)
        }
        self._matches: dict[tuple, _Match] = {}
        self._uses: dict[tuple, list[int]] = defaultdict(list)  # rows that used each guess

    def find(
        self,
        row: ConversionRow,
        *,
        code: str | None,
        name: str,
        province: str | None,
        district: str | None = None,
    ) -> _Match:
        key = (code, name, province, district)
        if key not in self._matches:
            self._matches[key] = self._match(code, name, province, district)
        match = self._matches[key]
        if match.warning:
            self._uses[key].append(row.row)
        return match

    def district(self, code: str) -> _Match:
        """A whole district named without any commune (an island district become đặc khu)."""
        if code in self.districts:
            return _Match(self.districts[code])
        return _Match(
            None, reason=f"thiếu xã, và không có huyện mã {code} trong {self.admin_map.code}"
        )

    def warnings(self, column: str) -> list[RowError]:
        """One warning per guess, at the first row that relied on it."""
        warnings = []
        for key, rows in self._uses.items():
            more = f" (và {len(rows) - 1} dòng sau)" if len(rows) > 1 else ""
            warnings.append(RowError(rows[0], self._matches[key].warning + more, column))
        return warnings

    def _match(
        self, code: str | None, name: str, province: str | None, district: str | None
    ) -> _Match:
        by_code = self.by_code.get(code) if code else None
        if by_code and (not name or normalise_name(name) == normalise_name(by_code.full_name)):
            return self._checked(by_code, province, district, by="mã")
        named = self._named(name, province, district) if name else []
        if len(named) == 1:
            guess = _by_name(code, by_code, name, named[0])
            return self._checked(named[0], province, district, by="tên", warning=guess)
        if by_code:
            guess = f"tên trong bảng «{name}», trong danh mục «{by_code.full_name}»; theo mã {code}"
            return self._checked(by_code, province, district, by="mã", warning=guess)
        return _Match(None, reason=self._not_found(code, name, named, province, district))

    def _named(self, name: str, province: str | None, district: str | None) -> list[AdminUnit]:
        """Units of that name (and of that type, when the name says it) in the district, or
        in the province when the table gives no district."""
        key = normalise_name(name)
        units = self.by_name.get(
            ("district", district, key) if district else ("province", province, key), []
        )
        parsed = split_official_name(name, Level.COMMUNE)
        if parsed:
            units = [unit for unit in units if unit.type == parsed[0]]
        return units

    def _checked(
        self,
        unit: AdminUnit,
        province: str | None,
        district: str | None,
        *,
        by: str,
        warning: str = "",
    ) -> _Match:
        """The match, noting where the table puts the unit in another province or district."""
        mismatch = ""
        if province and unit.province and unit.province.code != province:
            mismatch = f"bảng ghi tỉnh mã {province} nhưng {unit} thuộc {unit.province}"
        elif district and unit.parent and unit.parent.code != district:
            mismatch = f"bảng ghi huyện mã {district} nhưng {unit} thuộc {unit.parent}"
        if mismatch:
            mismatch += f"; theo {by} xã"
        return _Match(unit, warning=warning, province_warning=mismatch)

    def _not_found(
        self,
        code: str | None,
        name: str,
        named: list[AdminUnit],
        province: str | None,
        district: str | None,
    ) -> str:
        where = f"huyện mã {district}" if district else f"tỉnh mã {province}"
        said = f"không có mã {code} trong {self.admin_map.code}" if code else "thiếu mã"
        if not name:
            return said
        if named:
            return f"{said}, và có {len(named)} xã tên «{name}» trong {where}"
        return f"{said}, và không có xã nào tên «{name}» trong {where}"


def _by_name(code: str | None, by_code: AdminUnit | None, name: str, unit: AdminUnit) -> str:
    if by_code:
        return f"mã {code} là {by_code} nhưng bảng ghi «{name}»; theo tên: {unit}"
    if code:
        return f"không có mã {code}; theo tên «{name}»: {unit}"
    return f"thiếu mã; theo tên «{name}»: {unit}"
