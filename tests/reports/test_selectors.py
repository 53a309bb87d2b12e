import pytest

from kieumau.accounts.models import Role
from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import State
from kieumau.reports.selectors import (
    DashboardScope,
    dashboard_scope,
    home_provinces_for_user,
    province_assessments_for_user,
    province_for_user,
)
from tests.assessments.factories import user_create
from tests.web.factories import unit_get, wards_register


def test_dashboard_scope_follows_the_role_and_the_attached_unit(people, admin_map):
    province_leader = user_create("lanh-dao-tinh", Role.VIEWER, unit_get(admin_map, "40"))
    ward_leader = user_create("lanh-dao-phuong", Role.VIEWER, unit_get(admin_map, "16690"))

    assert dashboard_scope(people.ministry) == DashboardScope.NATIONAL
    assert dashboard_scope(people.viewer) == DashboardScope.NATIONAL
    assert dashboard_scope(people.province_own) == DashboardScope.PROVINCE
    assert dashboard_scope(province_leader) == DashboardScope.PROVINCE
    assert dashboard_scope(people.ward_own) is None
    assert dashboard_scope(ward_leader) is None


def test_home_provinces_are_the_users_province_on_the_rounds_map(people, round, round_2023):
    assert [p.code for p in home_provinces_for_user(people.province_own, round)] == ["40"]
    on_2023 = home_provinces_for_user(people.province_own, round_2023)
    assert [(p.admin_map.code, p.code, p.name) for p in on_2023] == [("2023-05", "40", "Nghệ An")]
    assert home_provinces_for_user(people.ministry, round) == []


def test_a_merged_province_reads_each_of_its_predecessors_on_the_2023_map(admin_map, round_2023):
    lao_cai = user_create("lao-cai", Role.PROVINCE, unit_get(admin_map, "15"))

    provinces = home_provinces_for_user(lao_cai, round_2023)

    assert [(p.code, p.name) for p in provinces] == [("10", "Lào Cai"), ("15", "Yên Bái")]


def test_province_for_user_lets_the_ministry_read_any_province(people, round):
    assert province_for_user(people.ministry, round, "01").name == "Hà Nội"
    assert province_for_user(people.viewer, round, "40").name == "Nghệ An"
    assert province_for_user(people.province_own, round, "40").name == "Nghệ An"


@pytest.mark.parametrize(
    ("who", "code"),
    [("province_own", "01"), ("province_other", "40"), ("ward_own", "40"), ("ministry", "99")],
)
def test_province_for_user_hides_what_is_out_of_scope_as_missing(people, round, who, code):
    with pytest.raises(AdminUnit.DoesNotExist):
        province_for_user(getattr(people, who), round, code)


def test_province_assessments_for_user_filter_by_province_and_state(people, round, admin_map):
    nghe_an = unit_get(admin_map, "40")
    drafts = wards_register(round, people.province_own, 2, province=nghe_an)
    wards_register(round, people.province_own, 1, province=nghe_an, state=State.SUBMITTED)
    wards_register(round, people.province_other, 2, province=unit_get(admin_map, "01"))

    every = province_assessments_for_user(people.province_own, round, nghe_an)
    submitted = province_assessments_for_user(
        people.province_own, round, nghe_an, state=State.SUBMITTED
    )
    other = province_assessments_for_user(people.province_other, round, nghe_an)

    assert [a.registration.unit.code for a in every] == ["16681", "16702", "16708"]
    assert [a.pk for a in every][:2] == [a.pk for a in drafts]
    assert [a.state for a in submitted] == ["submitted"]
    assert list(other) == []
