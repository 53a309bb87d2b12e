"""Recording how units of one map passed into units of a later map."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.readers.tabular import read_rows
from kieumau.adminunits.types import CODE_LENGTH, Level
from kieumau.core.aggregates import aggregates_changed

Kind = Succession.Kind


@dataclass
class SuccessionReport:
    old_map: AdminMap
    new_map: AdminMap
    level: Level
    links: int = 0
    changed: bool = False
    counts: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{Kind(kind).label}: {n}" for kind, n in sorted(self.counts.items()))
        state = "đã cập nhật" if self.changed else "không có gì thay đổi"
        return [
            f"Kế thừa {self.old_map.code} → {self.new_map.code} ({Level(self.level).label}): "
            f"{self.links} liên kết ({kinds}); {state}."
        ]


def succession_replace(
    *, old_map: AdminMap, new_map: AdminMap, level: Level, links: list[Succession]
) -> bool:
    """Make ``links`` the successions from ``old_map``'s units of ``level`` into ``new_map``.

    Side effects: deletes the earlier such successions and creates ``links``, unless they are
    already exactly the same (then nothing is written). Returns whether anything changed.
    """

    def key(link: Succession) -> tuple:
        return (link.predecessor_id, link.successor_id, link.kind, link.note, link.source)

    earlier = Succession.objects.filter(
        predecessor__admin_map=old_map, predecessor__level=level, successor_map=new_map
    )
    if sorted(map(key, earlier), key=str) == sorted(map(key, links), key=str):
        return False
    with transaction.atomic():
        earlier.delete()
        Succession.objects.bulk_create(links, batch_size=2000)
        aggregates_changed()  # bulk writes bypass the audit trail that tells the cache
    return True


@transaction.atomic
def succession_link_by_code(*, old_map: AdminMap, new_map: AdminMap) -> list[SuccessionReport]:
    """Link each unit of ``old_map`` to the unit of ``new_map`` that kept its GSO code.

    Where the code vanished, the unit was merged into a successor that only a mapping file can
    name: it gets a "successor unknown" link. Levels absent from ``new_map`` are left alone.
    Side effects: replaces the successions between the two maps at each shared level.
    """
    reports = []
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        new_ids = dict(
            AdminUnit.objects.filter(admin_map=new_map, level=level).values_list("code", "id")
        )
        if not new_ids:
            continue
        links = []
        for old_id, code in AdminUnit.objects.filter(admin_map=old_map, level=level).values_list(
            "id", "code"
        ):
            successor_id = new_ids.get(code)
            links.append(
                Succession(
                    predecessor_id=old_id,
                    successor_id=successor_id,
                    successor_map=new_map,
                    kind=Kind.SAME_CODE if successor_id else Kind.UNKNOWN,
                    source="mã số giữ nguyên" if successor_id else "mã số không còn",
                )
            )
        reports.append(_report(old_map, new_map, level, links))
    return reports


@transaction.atomic
def succession_load_table(
    *, old_map: AdminMap, new_map: AdminMap, level: Level, path: Path
) -> SuccessionReport:
    """Load an old → new table: columns ``old_code`` and ``new_code``, optional ``kind``, ``note``.

    Without a kind, a unit that is the sole predecessor of a unit with its own code is
    "unchanged", any other "whole". Side effects: replaces the successions between the two maps
    at ``level``. Raises ImportRejected listing every bad row; then nothing is changed.
    """
    rows = read_rows(path)
    header_row, header = next(rows, (1, []))
    columns = {name.strip().casefold(): index for index, name in enumerate(header)}
    missing = [name for name in ("old_code", "new_code") if name not in columns]
    if missing:
        raise ImportRejected([RowError(header_row, f"thiếu cột {', '.join(missing)}")])
    old_ids = _ids_by_code(old_map, level)
    new_ids = _ids_by_code(new_map, level)
    entries, errors, seen = [], [], {}

    def cell(cells: list[str], name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    for number, cells in rows:
        if not any(cells):
            continue
        old_code = cell(cells, "old_code").zfill(CODE_LENGTH[level])
        new_code = cell(cells, "new_code").zfill(CODE_LENGTH[level])
        kind = cell(cells, "kind")
        if old_code not in old_ids:
            errors.append(
                RowError(number, f"không có mã {old_code} trong {old_map.code}", "old_code")
            )
        if new_code not in new_ids:
            errors.append(
                RowError(number, f"không có mã {new_code} trong {new_map.code}", "new_code")
            )
        if kind and kind not in Kind.values:
            errors.append(
                RowError(number, f"kind phải là một trong {', '.join(Kind.values)}", "kind")
            )
        if (old_code, new_code) in seen:
            errors.append(
                RowError(
                    number, f"cặp {old_code} → {new_code} trùng dòng {seen[old_code, new_code]}"
                )
            )
        seen[old_code, new_code] = number
        entries.append((old_code, new_code, kind, cell(cells, "note")))
    if errors:
        raise ImportRejected(errors)
    predecessors = Counter(new_code for _, new_code, _, _ in entries)
    links = [
        Succession(
            predecessor_id=old_ids[old_code],
            successor_id=new_ids[new_code],
            successor_map=new_map,
            kind=kind
            or (
                Kind.UNCHANGED
                if old_code == new_code and predecessors[new_code] == 1
                else Kind.WHOLE
            ),
            note=note,
            source=path.name,
        )
        for old_code, new_code, kind, note in entries
    ]
    return _report(old_map, new_map, level, links)


def _ids_by_code(admin_map: AdminMap, level: Level) -> dict[str, int]:
    return dict(
        AdminUnit.objects.filter(admin_map=admin_map, level=level).values_list("code", "id")
    )


def _report(old_map: AdminMap, new_map: AdminMap, level: Level, links: list[Succession]):
    changed = succession_replace(old_map=old_map, new_map=new_map, level=level, links=links)
    return SuccessionReport(
        old_map=old_map,
        new_map=new_map,
        level=level,
        links=len(links),
        changed=changed,
        counts=Counter(link.kind for link in links),
    )
