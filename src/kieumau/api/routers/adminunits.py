"""API: administrative maps and their units, read-only (see kieumau/api/api.py for the
conventions). Every officer reads every map: the registry is public reference data."""

from datetime import date

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.selectors import (
    map_summaries,
    predecessors_of,
    successors_of,
    unit_counts_by_type,
    units_with_code,
)
from kieumau.adminunits.types import Level, UnitType
from kieumau.api.schemas import (
    CODE_PATTERN,
    MapUnitRef,
    Pagination,
    UnitRef,
    choice_of,
    responses,
)
from kieumau.programme.selectors import name_fold

router = Router(tags=["maps"])

CODE = Path(..., max_length=20, pattern=CODE_PATTERN)
UNIT_CODE = Path(..., max_length=5, pattern=CODE_PATTERN)


class MapOut(Schema):
    code: str
    name: str
    effective_date: date
    source: str
    provinces: int
    districts: int
    communes: int
    wards: int = Field(description="Communes of type phường")


class TypeCount(Schema):
    level: choice_of(Level)
    type: choice_of(UnitType)
    count: int


class MapDetailOut(MapOut):
    by_type: list[TypeCount]


class UnitOut(Schema):
    id: int
    code: str
    name: str
    full_name: str
    name_en: str
    level: choice_of(Level)
    type: choice_of(UnitType)
    parent: UnitRef | None
    province: UnitRef | None


class SuccessionOut(Schema):
    kind: str
    note: str
    unit: MapUnitRef | None = Field(description="The other unit; empty when it is unknown")


class UnitDetailOut(UnitOut):
    map: str = Field(validation_alias="admin_map.code")
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


class UnitFilters(Schema):
    level: choice_of(Level) | None = None
    type: choice_of(UnitType) | None = None
    province: str | None = Field(
        None, max_length=5, pattern=CODE_PATTERN, description="GSO code of the province"
    )
    q: str | None = Field(
        None, max_length=100, description="Words of the name or the code, accents optional"
    )


def _map_or_404(code: str) -> AdminMap:
    admin_map = map_summaries().filter(code=code).first()
    if admin_map is None:
        raise Http404
    return admin_map


@router.get(
    "/maps", response=responses(list[MapOut]), summary="Administrative maps with unit counts"
)
@paginate(Pagination)
def maps_list(request):
    return map_summaries()


@router.get("/maps/{code}", response=responses(MapDetailOut), summary="One map")
def map_detail(request, code: str = CODE):
    admin_map = _map_or_404(code)
    admin_map.by_type = unit_counts_by_type(admin_map)
    return admin_map


@router.get(
    "/maps/{code}/units",
    response=responses(list[UnitOut]),
    summary="Units of a map, by level and code; filter by level, type, province, name",
)
@paginate(Pagination)
def units_list(request, code: str = CODE, filters: Query[UnitFilters] = None):
    admin_map = _map_or_404(code)
    units = AdminUnit.objects.filter(admin_map=admin_map).select_related("parent", "province")
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.type:
        units = units.filter(type=filters.type)
    if filters.province:
        units = units.filter(province__code=filters.province)
    words = name_fold(filters.q or "").split()
    if words:
        # Accent-insensitive matching needs the folded names: one query over the candidates.
        matching = [
            pk
            for pk, name, unit_code in units.values_list("pk", "name", "code")
            if all(word in f"{name_fold(name)} {unit_code}" for word in words)
        ]
        units = units.filter(pk__in=matching)
    return units.order_by("level", "code")


@router.get(
    "/maps/{code}/units/{unit_code}",
    response=responses(UnitDetailOut),
    summary="One unit with the units it came from and became across maps",
)
def unit_detail(request, code: str = CODE, unit_code: str = UNIT_CODE):
    admin_map = _map_or_404(code)
    unit = units_with_code(unit_code, admin_map=admin_map).first()
    if unit is None:
        raise Http404
    unit.predecessors = [
        {"kind": link.kind, "note": link.note, "unit": link.predecessor}
        for link in predecessors_of(unit)
    ]
    unit.successors = [
        {"kind": link.kind, "note": link.note, "unit": link.successor}
        for link in successors_of(unit)
    ]
    return unit
