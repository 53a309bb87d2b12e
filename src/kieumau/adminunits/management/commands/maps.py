from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kieumau.adminunits.errors import ImportRejected
from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.readers.gso import read_gso_list
from kieumau.adminunits.reference import CONVERSION_TABLE
from kieumau.adminunits.selectors import (
    map_summaries,
    predecessors_of,
    successors_of,
    unit_counts_by_type,
    units_with_code,
)
from kieumau.adminunits.services.conversion import succession_load_conversion_table
from kieumau.adminunits.services.maps import admin_map_load
from kieumau.adminunits.services.succession import succession_load_table
from kieumau.adminunits.types import Level, UnitType
from kieumau.core.progress import progress_bar


class Command(BaseCommand):
    help = "Danh mục hành chính / administrative maps: list, show, load, trace, succession."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        actions.add_parser("list", help="liệt kê danh mục / list maps")
        show = actions.add_parser("show", help="số đơn vị theo cấp và loại / counts by type")
        show.add_argument("code", help="mã danh mục, ví dụ 2023-05")
        load = actions.add_parser("load", help="nạp danh mục của Tổng cục Thống kê (CSV/XLSX)")
        load.add_argument("file", type=Path)
        load.add_argument("--code", required=True, help="mã danh mục, ví dụ 2026-01")
        load.add_argument("--name", required=True, help="tên danh mục")
        load.add_argument("--date", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        load.add_argument("--source", default="", help="nguồn")
        trace = actions.add_parser("trace", help="tiền thân và kế thừa / predecessors, successors")
        trace.add_argument("code", help="mã GSO của đơn vị, ví dụ 00004")
        trace.add_argument("--map", dest="map_code", help="mã danh mục (mặc định: mới nhất)")
        succession = actions.add_parser("succession", help="nạp bảng kế thừa old_code,new_code")
        succession.add_argument("file", type=Path)
        succession.add_argument("--from", dest="old_map", required=True)
        succession.add_argument("--to", dest="new_map", required=True)
        succession.add_argument("--level", choices=Level.values, default=Level.COMMUNE)
        conversion = actions.add_parser(
            "conversion", help="nạp bảng chuyển đổi đơn vị hành chính mới – cũ của Cục Thống kê"
        )
        conversion.add_argument(
            "file", type=Path, nargs="?", default=CONVERSION_TABLE, help="mặc định: bảng kèm theo"
        )
        conversion.add_argument("--from", dest="old_map", default="2025-01")
        conversion.add_argument("--to", dest="new_map", default="2025-07")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_list(self, **options) -> None:
        self.stdout.write(
            f"{'Mã':<10} {'Hiệu lực':<11} {'Tỉnh':>5} {'Huyện':>6} {'Xã':>7} {'Phường':>7}  Tên"
        )
        for m in map_summaries():
            self.stdout.write(
                f"{m.code:<10} {m.effective_date:%d/%m/%Y}  {m.provinces:>5} {m.districts:>6} "
                f"{m.communes:>7} {m.wards:>7}  {m.name}"
            )

    def handle_show(self, *, code: str, **options) -> None:
        admin_map = _get_map(code)
        self.stdout.write(f"{admin_map}\nHiệu lực: {admin_map.effective_date:%d/%m/%Y}")
        self.stdout.write(f"Nguồn: {admin_map.source}")
        rows = unit_counts_by_type(admin_map)
        for level in Level:
            of_level = [row for row in rows if row["level"] == level]
            if of_level:
                self.stdout.write(f"{level.label}: {sum(row['count'] for row in of_level)}")
                for row in of_level:
                    self.stdout.write(f"    {UnitType(row['type']).label}: {row['count']}")

    def handle_load(self, *, file: Path, code: str, name: str, date: date, source: str, **options):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        try:
            gso_list = read_gso_list(file)
        except ImportRejected as rejected:
            raise CommandError(f"Tệp bị từ chối, không có gì thay đổi:\n{rejected}") from None
        with progress_bar(f"Nạp {code}") as progress:
            report = admin_map_load(
                code=code,
                name=name,
                effective_date=date,
                source=source or file.name,
                gso_list=gso_list,
                progress=progress,
            )
        for line in report.lines():
            self.stdout.write(line)

    def handle_succession(self, *, file: Path, old_map: str, new_map: str, level: str, **options):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        try:
            report = succession_load_table(
                old_map=_get_map(old_map), new_map=_get_map(new_map), level=Level(level), path=file
            )
        except ImportRejected as rejected:
            raise CommandError(f"Tệp bị từ chối, không có gì thay đổi:\n{rejected}") from None
        for line in report.lines():
            self.stdout.write(line)

    def handle_conversion(self, *, file: Path, old_map: str, new_map: str, **options) -> None:
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        try:
            with progress_bar("Bảng chuyển đổi") as progress:
                report = succession_load_conversion_table(
                    old_map=_get_map(old_map),
                    new_map=_get_map(new_map),
                    path=file,
                    progress=progress,
                )
        except ImportRejected as rejected:
            raise CommandError(f"Tệp bị từ chối, không có gì thay đổi:\n{rejected}") from None
        self.stdout.write(str(report))

    def handle_trace(self, *, code: str, map_code: str | None, **options) -> None:
        admin_map = _get_map(map_code) if map_code else None
        units = list(units_with_code(code, admin_map=admin_map))
        if not units:
            raise CommandError(f"Không có đơn vị mã {code}")
        unit = units[-1]
        if admin_map is None and len(units) > 1:
            maps = ", ".join(u.admin_map.code for u in units)
            self.stdout.write(
                f"(Mã {code} có trong {maps}; hiển thị {unit.admin_map.code}, chọn bằng --map)"
            )
        self.stdout.write(f"{_describe(unit)}")
        self.stdout.write("Tiền thân / predecessors:")
        self._walk(unit, backwards=True, depth=1)
        self.stdout.write("Kế thừa / successors:")
        self._walk(unit, backwards=False, depth=1)

    def _walk(self, unit: AdminUnit, *, backwards: bool, depth: int) -> None:
        links = predecessors_of(unit) if backwards else successors_of(unit)
        if not links and depth == 1:
            self.stdout.write("  (không có)")
        for link in links:
            other = link.predecessor if backwards else link.successor
            arrow = "←" if backwards else "→"
            indent = "  " * depth
            if other is None:
                self.stdout.write(
                    f"{indent}{arrow} [{link.successor_map.code}] ?  {link.get_kind_display()}"
                )
                continue
            self.stdout.write(f"{indent}{arrow} {_describe(other)} — {_kind_text(link)}")
            self._walk(other, backwards=backwards, depth=depth + 1)


def _describe(unit: AdminUnit) -> str:
    place = f", {unit.parent.full_name}" if unit.parent else ""
    return f"[{unit.admin_map.code}] {unit.full_name} ({unit.code}){place}"


def _kind_text(link: Succession) -> str:
    return f"{link.get_kind_display()}" + (f" ({link.note})" if link.note else "")


def _get_map(code: str) -> AdminMap:
    try:
        return AdminMap.objects.get(code=code)
    except AdminMap.DoesNotExist:
        known = ", ".join(AdminMap.objects.values_list("code", flat=True)) or "chưa có"
        raise CommandError(f"Không có danh mục {code} (đã có: {known})") from None
