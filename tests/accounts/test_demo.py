from kieumau.accounts.demo import DEMO_PASSWORD, demo_accounts_ensure
from kieumau.accounts.models import Role, User


def test_demo_accounts_are_created_once_with_their_units(maps):
    first = demo_accounts_ensure()
    User.objects.filter(username="catinh.nghean").update(first_name="Đã sửa")

    second = demo_accounts_ensure()

    assert [created for _, created in first] == [True, True, True]
    assert [created for _, created in second] == [False, False, False]
    province = User.objects.get(username="catinh.nghean")
    ward = User.objects.get(username="caphuong.truongvinh")
    assert province.first_name == "Đã sửa"  # existing accounts are left as they are
    assert (province.role, province.unit.full_name, province.unit.admin_map.code) == (
        Role.PROVINCE,
        "Tỉnh Nghệ An",
        "2025-07",
    )
    assert (ward.role, ward.unit.full_name, ward.unit.province.name) == (
        Role.WARD,
        "Phường Trường Vinh",
        "Nghệ An",
    )
    assert ward.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="bocongan").is_superuser
