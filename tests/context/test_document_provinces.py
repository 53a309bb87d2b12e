"""Which provinces' directive documents a user may record, on a given map."""

import pytest

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level
from kieumau.context.selectors import document_provinces_for_user


def codes(user, admin_map) -> list[str]:
    return [p.code for p in document_provinces_for_user(user, admin_map)]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("province_own", ["40"]),
        ("province_other", ["01"]),
        ("ward_own", []),
        ("ministry", []),
        ("viewer", []),
    ],
)
def test_a_province_officer_records_documents_of_their_own_province_only(world, role, expected):
    assert codes(world.users[role], world.admin_map) == expected


def test_on_an_older_map_the_province_covers_every_province_it_came_from(world, maps):
    lao_cai = AdminUnit.objects.get(admin_map=world.admin_map, level=Level.PROVINCE, code="15")
    officer = User.objects.create_user("lao-cai", role=Role.PROVINCE, unit=lao_cai)

    provinces = document_provinces_for_user(officer, maps["2023-05"])

    assert sorted(p.name for p in provinces) == ["Lào Cai", "Yên Bái"]
    assert {p.admin_map_id for p in provinces} == {maps["2023-05"].pk}
