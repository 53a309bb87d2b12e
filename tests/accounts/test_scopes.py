import pytest

from kieumau.accounts.models import Role, User
from kieumau.accounts.scopes import Denied, Permission, in_scope, require, unit_filter
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level


def _unit(maps, map_code, level, code):
    return AdminUnit.objects.get(admin_map=maps[map_code], level=level, code=code)


def _user(role, unit=None, **extra):
    return User.objects.create_user(
        f"{role}-{unit.code if unit else 'all'}", role=role, unit=unit, **extra
    )


def _visible_provinces(user, admin_map):
    units = AdminUnit.objects.filter(admin_map=admin_map, level=Level.PROVINCE)
    return sorted(unit.name for unit in units if in_scope(user, unit))


def test_a_2025_province_officer_sees_the_2023_provinces_merged_into_theirs(maps):
    lao_cai = _unit(maps, "2025-07", Level.PROVINCE, "15")
    officer = _user(Role.PROVINCE, lao_cai)

    assert _visible_provinces(officer, maps["2023-05"]) == ["Lào Cai", "Yên Bái"]
    assert _visible_provinces(officer, maps["2025-07"]) == ["Lào Cai"]


def test_a_2025_ward_officer_sees_the_wards_that_formed_theirs(maps):
    ba_dinh = _unit(maps, "2025-07", Level.COMMUNE, "00004")
    officer = _user(Role.WARD, ba_dinh)
    old_wards = AdminUnit.objects.filter(admin_map=maps["2023-05"], level=Level.COMMUNE)

    visible = old_wards.filter(unit_filter(officer, maps["2023-05"], field="pk"))

    # The ten wards the official table lists for the 2025 Phường Ba Đình, through 2025-01.
    assert sorted(visible.values_list("code", flat=True)) == [
        "00004",
        "00013",
        "00016",
        "00019",
        "00022",
        "00028",
        "00040",
        "00055",
        "00073",
        "00112",
    ]
    assert not in_scope(officer, _unit(maps, "2025-07", Level.COMMUNE, "00008"))


def test_the_ministry_and_a_national_viewer_see_everything(maps):
    ward = _unit(maps, "2023-05", Level.COMMUNE, "16681")

    for user in (_user(Role.MINISTRY), _user(Role.VIEWER)):
        assert in_scope(user, ward)
        assert unit_filter(user, maps["2023-05"]).children == []


def test_a_province_officer_without_a_unit_sees_nothing(maps):
    officer = _user(Role.PROVINCE)

    assert not in_scope(officer, _unit(maps, "2025-07", Level.PROVINCE, "01"))


def test_an_inactive_user_is_refused_everything(maps):
    nghe_an = _unit(maps, "2025-07", Level.PROVINCE, "40")
    officer = _user(Role.PROVINCE, nghe_an, is_active=False)

    with pytest.raises(Denied):
        require(officer, Permission.VIEW, unit=nghe_an)


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        (Role.PROVINCE, Permission.REGISTER, True),
        (Role.PROVINCE, Permission.REVIEW, True),
        (Role.PROVINCE, Permission.ASSESS, False),
        (Role.PROVINCE, Permission.RECOGNISE, False),
        (Role.WARD, Permission.ASSESS, True),
        (Role.WARD, Permission.REGISTER, False),
        (Role.VIEWER, Permission.VIEW, True),
        (Role.VIEWER, Permission.REVIEW, False),
        (Role.MINISTRY, Permission.RECOGNISE, True),
        (Role.MINISTRY, Permission.REVIEW, False),
    ],
)
def test_require_follows_the_role_table(maps, role, permission, allowed):
    nghe_an = _unit(maps, "2025-07", Level.PROVINCE, "40")
    ward = AdminUnit.objects.get(admin_map=maps["2025-07"], code="16690")
    home = {Role.WARD: ward, Role.MINISTRY: None}.get(role, nghe_an)
    user = _user(role, home)

    if allowed:
        require(user, permission, unit=ward)
    else:
        with pytest.raises(Denied):
            require(user, permission, unit=ward)


def test_require_refuses_another_provinces_ward_with_a_clear_message(maps):
    officer = _user(Role.PROVINCE, _unit(maps, "2025-07", Level.PROVINCE, "40"))
    hanoi_ward = _unit(maps, "2025-07", Level.COMMUNE, "00004")

    with pytest.raises(Denied, match=r"^Chỉ Công an tỉnh được đăng ký đơn vị của tỉnh mình\.$"):
        require(officer, Permission.REGISTER, unit=hanoi_ward)
