"""The reference maps and successions the project ships, and loading them all at once."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kieumau.adminunits.models import AdminMap
from kieumau.adminunits.readers.gso import read_gso_list
from kieumau.adminunits.services.conversion import succession_load_conversion_table
from kieumau.adminunits.services.maps import Progress, admin_map_load
from kieumau.adminunits.services.succession import succession_link_by_code, succession_load_table
from kieumau.adminunits.types import Level

DATA_DIR = Path(__file__).resolve().parent / "data"
CONVERSION_TABLE = DATA_DIR / "ward-conversion-2025.csv"


@dataclass(frozen=True)
class ReferenceMap:
    code: str
    name: str
    effective_date: date
    source: str

    @property
    def path(self) -> Path:
        return DATA_DIR / "maps" / f"{self.code}.csv"


REFERENCE_MAPS = [
    ReferenceMap(
        "2023-05",
        "Danh mục hành chính ngày 07/05/2023 (63 tỉnh, 3 cấp)",
        date(2023, 5, 7),
        "Tổng cục Thống kê, danh mục ngày 07/05/2023 (qua gói vietnam-provinces 0.5.0)",
    ),
    ReferenceMap(
        "2025-01",
        "Danh mục hành chính ngày 04/01/2025 (63 tỉnh, 3 cấp)",
        date(2025, 1, 4),
        "Tổng cục Thống kê, danh mục ngày 04/01/2025 (qua gói vietnam-provinces 0.5.8)",
    ),
    ReferenceMap(
        "2025-07",
        "Danh mục hành chính từ 01/07/2025 (34 tỉnh, 2 cấp)",
        date(2025, 7, 1),
        "Nghị quyết 202/2025/QH15 và các nghị quyết sắp xếp cấp xã; Cục Thống kê "
        "(qua gói vietnam-provinces 2025.10.1)",
    ),
]


def reference_data_load(*, progress: Progress | None = None, echo=print) -> None:
    """Load the shipped maps and the successions between them; safe to run again."""
    maps = {}
    for reference in REFERENCE_MAPS:
        report = admin_map_load(
            code=reference.code,
            name=reference.name,
            effective_date=reference.effective_date,
            source=reference.source,
            gso_list=read_gso_list(reference.path),
            progress=progress,
        )
        maps[reference.code] = report.admin_map
        for line in report.lines():
            echo(line)
    for report in succession_link_by_code(old_map=maps["2023-05"], new_map=maps["2025-01"]):
        for line in report.lines():
            echo(line)
    report = succession_load_table(
        old_map=maps["2025-01"],
        new_map=maps["2025-07"],
        level=Level.PROVINCE,
        path=DATA_DIR / "province-succession-2025.csv",
    )
    for line in report.lines():
        echo(line)
    conversion = succession_load_conversion_table(
        old_map=maps["2025-01"],
        new_map=maps["2025-07"],
        path=CONVERSION_TABLE,
        progress=progress,
    )
    for line in conversion.summary_lines():
        echo(line)
    echo("  Chi tiết (dòng bỏ qua, cảnh báo): kieumau maps conversion")


def current_map() -> AdminMap | None:
    return AdminMap.objects.order_by("-effective_date").first()
