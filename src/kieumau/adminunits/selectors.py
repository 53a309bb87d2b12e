"""Reads of the administrative-unit registry."""

from django.db.models import Count, Q, QuerySet

from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.types import Level, UnitType


def map_summaries() -> QuerySet[AdminMap]:
    """Every map with its unit counts, in one query."""
    return AdminMap.objects.annotate(
        provinces=Count("units", filter=Q(units__level=Level.PROVINCE)),
        districts=Count("units", filter=Q(units__level=Level.DISTRICT)),
        communes=Count("units", filter=Q(units__level=Level.COMMUNE)),
        wards=Count("units", filter=Q(units__type=UnitType.WARD)),
    ).order_by("effective_date")


def unit_counts_by_type(admin_map: AdminMap) -> list[dict]:
    """Rows of level, type and count for one map, in a stable order."""
    return list(
        AdminUnit.objects.filter(admin_map=admin_map)
        .values("level", "type")
        .annotate(count=Count("id"))
        .order_by("level", "type")
    )


def units_with_code(code: str, *, admin_map: AdminMap | None = None) -> QuerySet[AdminUnit]:
    units = AdminUnit.objects.filter(code=code).select_related("admin_map", "parent", "province")
    if admin_map is not None:
        units = units.filter(admin_map=admin_map)
    return units.order_by("admin_map__effective_date", "level")


def predecessors_of(unit: AdminUnit) -> QuerySet[Succession]:
    return (
        Succession.objects.filter(successor=unit)
        .select_related("predecessor__admin_map", "predecessor__parent")
        .order_by("predecessor__code")
    )


def successors_of(unit: AdminUnit) -> QuerySet[Succession]:
    return (
        Succession.objects.filter(predecessor=unit)
        .select_related("successor__admin_map", "successor__parent", "successor_map")
        .order_by("successor__code")
    )


def corresponding_unit_ids(unit: AdminUnit, admin_map: AdminMap) -> set[int]:
    """The units of ``admin_map`` that ``unit`` became, or came from, through the successions.

    One query per map crossed. A unit whose successor is unknown has no counterpart.
    """
    if unit.admin_map_id == admin_map.pk:
        return {unit.pk}
    forwards = admin_map.effective_date > unit.admin_map.effective_date
    frontier, seen, found = {unit.pk}, {unit.pk}, set()
    while frontier:
        if forwards:
            links = Succession.objects.filter(
                predecessor_id__in=frontier, successor__isnull=False
            ).values_list(
                "successor_id", "successor__admin_map_id", "successor__admin_map__effective_date"
            )
        else:
            links = Succession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id",
                "predecessor__admin_map_id",
                "predecessor__admin_map__effective_date",
            )
        frontier = set()
        for unit_id, map_id, effective_date in links:
            if unit_id in seen:
                continue
            seen.add(unit_id)
            if map_id == admin_map.pk:
                found.add(unit_id)
            elif (effective_date < admin_map.effective_date) == forwards:
                frontier.add(unit_id)  # a map in between: keep walking
    return found
