"""The shipped maps hold the statistics office's facts (see DESIGN.md)."""

from django.db.models import Count

from kieumau.adminunits.models import AdminUnit, Succession
from kieumau.adminunits.selectors import map_summaries
from kieumau.adminunits.types import Level, UnitType


def _summary(code):
    return next(m for m in map_summaries() if m.code == code)


def _count(admin_map, **filters):
    return AdminUnit.objects.filter(admin_map=admin_map, **filters).count()


def test_2023_map_has_63_provinces_and_10598_communes_of_which_1771_wards(maps):
    summary = _summary("2023-05")

    assert (summary.provinces, summary.communes, summary.wards) == (63, 10598, 1771)
    assert _count(maps["2023-05"], type=UnitType.CENTRAL_CITY) == 5


def test_2023_map_has_48_districts_with_wards_in_the_five_central_cities(maps):
    rows = (
        AdminUnit.objects.filter(
            admin_map=maps["2023-05"], level=Level.DISTRICT, children__type=UnitType.WARD
        )
        .filter(province__type=UnitType.CENTRAL_CITY)
        .values("province__name")
        .annotate(districts=Count("id", distinct=True))
    )

    assert {row["province__name"]: row["districts"] for row in rows} == {
        "Hà Nội": 13,
        "Hồ Chí Minh": 17,
        "Hải Phòng": 7,
        "Đà Nẵng": 6,
        "Cần Thơ": 5,
    }


def test_2025_january_map_has_63_provinces_and_10051_communes_of_which_1716_wards(maps):
    summary = _summary("2025-01")

    assert (summary.provinces, summary.communes, summary.wards) == (63, 10051, 1716)
    assert _count(maps["2025-01"], type=UnitType.CENTRAL_CITY) == 6  # Huế since 1 January 2025


def test_2025_july_map_has_34_provinces_3321_communes_and_no_district_level(maps):
    admin_map = maps["2025-07"]

    assert _summary("2025-07").provinces == 34
    assert _count(admin_map, level=Level.DISTRICT) == 0
    assert _count(admin_map, type=UnitType.WARD) == 687
    assert _count(admin_map, type=UnitType.COMMUNE) == 2621
    assert _count(admin_map, type=UnitType.SPECIAL_ZONE) == 13
    assert _count(admin_map, level=Level.COMMUNE) == 3321
    assert not AdminUnit.objects.filter(
        admin_map=admin_map, level=Level.COMMUNE, parent__level=Level.DISTRICT
    ).exists()


def test_district_types_are_read_from_names(maps):
    def unit(code):
        return AdminUnit.objects.get(admin_map=maps["2023-05"], level=Level.DISTRICT, code=code)

    assert unit("001").type == UnitType.URBAN_DISTRICT  # Quận Ba Đình
    assert unit("769").type == UnitType.MUNICIPAL_CITY  # Thành phố Thủ Đức
    assert unit("412").type == UnitType.PROVINCIAL_CITY  # Thành phố Vinh
    assert unit("269").type == UnitType.TOWN  # Thị xã Sơn Tây
    assert unit("318").type == UnitType.RURAL_DISTRICT  # Huyện Bạch Long Vĩ, no communes
    assert _count(maps["2023-05"], level=Level.DISTRICT) == 705


def test_every_old_province_passes_into_exactly_one_new_province(maps):
    links = Succession.objects.filter(
        predecessor__admin_map=maps["2025-01"],
        predecessor__level=Level.PROVINCE,
        successor_map=maps["2025-07"],
    )
    new_name_of = {
        link.predecessor.name: link.successor.name
        for link in links.select_related("predecessor", "successor")
    }

    assert len(new_name_of) == 63
    assert links.count() == 63
    assert len(set(new_name_of.values())) == 34
    assert new_name_of["Yên Bái"] == "Lào Cai"
    assert new_name_of["Nam Định"] == "Ninh Bình"
    assert new_name_of["Bắc Giang"] == "Bắc Ninh"
    assert links.get(predecessor__name="Hà Nội").kind == Succession.Kind.UNCHANGED
    assert links.get(predecessor__name="Yên Bái").kind == Succession.Kind.WHOLE


def test_units_of_2023_pass_into_2025_january_by_code_or_are_marked_unknown(maps):
    links = Succession.objects.filter(
        predecessor__admin_map=maps["2023-05"], successor_map=maps["2025-01"]
    )
    vanished = links.filter(kind=Succession.Kind.UNKNOWN)

    assert links.filter(predecessor__level=Level.COMMUNE).count() == 10598
    assert not vanished.exclude(successor=None).exists()
    assert links.filter(kind=Succession.Kind.SAME_CODE, successor=None).count() == 0
    # Every commune of 2025-01 whose code existed in 2023 has exactly that predecessor.
    kept = links.filter(predecessor__level=Level.COMMUNE, kind=Succession.Kind.SAME_CODE)
    assert kept.count() + vanished.filter(predecessor__level=Level.COMMUNE).count() == 10598
    assert not kept.exclude(predecessor__code=models_code("successor__code")).exists()


def models_code(field):
    from django.db.models import F

    return F(field)
