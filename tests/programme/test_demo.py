from kieumau.accounts.demo import demo_accounts_ensure, demo_user
from kieumau.accounts.models import Role
from kieumau.assessments.models import State
from kieumau.programme.demo import demo_round_ensure
from kieumau.programme.models import Round
from kieumau.programme.selectors import quotas_for_round


def _demo_round():
    demo_accounts_ensure()
    return demo_round_ensure(ministry=demo_user(Role.MINISTRY), province=demo_user(Role.PROVINCE))


def test_demo_round_registers_three_nghe_an_wards_under_its_quota_of_four(maps):
    demo_round, created = _demo_round()

    assert created
    assert (demo_round.year, demo_round.admin_map.code, demo_round.criteria_set.code) == (
        2025,
        "2025-07",
        "mau-22-tieu-chi",
    )
    registrations = demo_round.registrations.select_related("unit", "assessment")
    assert sorted(r.unit.name for r in registrations) == ["Thành Vinh", "Trường Vinh", "Vinh Phú"]
    assert {r.assessment.state for r in registrations} == {State.DRAFT}
    assert {r.assessment.results.count() for r in registrations} == {22}
    nghe_an = quotas_for_round(demo_round).get(province__code="40")
    assert (nghe_an.effective_quota, nghe_an.registered) == (4, 3)


def test_demo_round_is_left_alone_when_the_year_exists(maps):
    first, _ = _demo_round()

    second, created = _demo_round()

    assert not created
    assert second == first
    assert Round.objects.count() == 1
    assert first.registrations.count() == 3
