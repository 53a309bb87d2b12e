"""Loading administrative maps."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import ProtectedError

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.readers.gso import GsoList, UnitRecord
from kieumau.adminunits.types import Level
from kieumau.core.aggregates import aggregates_changed

Progress = Callable[[int, int], None]
_FIELDS = ("name", "type", "name_en", "parent_id", "province_id")


@dataclass
class MapLoadReport:
    admin_map: AdminMap
    created: int = 0
    updated: int = 0
    removed: int = 0
    removed_codes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def lines(self) -> list[str]:
        if not self.changed:
            return [f"Danh mục {self.admin_map.code}: không có gì thay đổi."]
        return [
            f"Danh mục {self.admin_map.code}: thêm {self.created}, sửa {self.updated}, "
            f"bỏ {self.removed} đơn vị."
        ]


@transaction.atomic
def admin_map_load(
    *,
    code: str,
    name: str,
    effective_date: date,
    source: str,
    gso_list: GsoList,
    progress: Progress | None = None,
) -> MapLoadReport:
    """Create or update the map ``code`` so that its units are exactly those of ``gso_list``.

    Side effects: creates or updates the AdminMap; creates, updates and deletes its AdminUnits
    (matched by level and GSO code, so loading the same list twice changes nothing). All or
    nothing: any failure leaves the database as it was; removing a unit that other records
    point at (a user's scope, …) raises ImportRejected.
    """
    admin_map, _ = AdminMap.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "effective_date": effective_date,
            "source": source,
            "source_sha256": gso_list.sha256,
        },
    )
    report = MapLoadReport(admin_map=admin_map)
    existing = {
        (unit.level, unit.code): unit for unit in AdminUnit.objects.filter(admin_map=admin_map)
    }
    ids: dict[tuple[Level, str], int] = {}
    total, done = len(gso_list.units), 0
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        records = gso_list.of_level(level)
        new_units, changed_units = [], []
        for record in records:
            unit = _unit_from(record, admin_map, ids)
            current = existing.pop((level, record.code), None)
            if current is None:
                new_units.append(unit)
            elif any(getattr(current, f) != getattr(unit, f) for f in _FIELDS):
                unit.pk = current.pk
                changed_units.append(unit)
            else:
                ids[(level, record.code)] = current.pk
        AdminUnit.objects.bulk_create(new_units, batch_size=2000)
        AdminUnit.objects.bulk_update(changed_units, _FIELDS, batch_size=2000)
        if new_units or changed_units:
            aggregates_changed()  # bulk writes bypass the audit trail that tells the cache
        for unit in (*new_units, *changed_units):
            ids[(level, unit.code)] = unit.pk
        report.created += len(new_units)
        report.updated += len(changed_units)
        done += len(records)
        if progress:
            progress(done, total)
    if existing:
        report.removed_codes = sorted(code for _, code in existing)
        report.removed = len(existing)
        try:
            AdminUnit.objects.filter(pk__in=[unit.pk for unit in existing.values()]).delete()
        except ProtectedError as error:
            users = [f"{obj._meta.verbose_name} «{obj}»" for obj in error.protected_objects]
            message = f"tệp bỏ {len(existing)} đơn vị, có đơn vị còn được dùng bởi: "
            raise ImportRejected([RowError(None, message + ", ".join(users[:10]))]) from None
    return report


def _unit_from(record: UnitRecord, admin_map: AdminMap, ids: dict) -> AdminUnit:
    parent_id = ids[(record.parent_level, record.parent_code)] if record.parent_level else None
    return AdminUnit(
        admin_map=admin_map,
        level=record.level,
        code=record.code,
        name=record.name,
        type=record.type,
        name_en=record.name_en,
        parent_id=parent_id,
        province_id=ids[(Level.PROVINCE, record.province_code)] if record.province_code else None,
    )
