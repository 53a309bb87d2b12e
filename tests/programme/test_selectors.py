from decimal import Decimal

import pytest

from kieumau.accounts.models import Role
from kieumau.assessments.models import Assessment, State
from kieumau.programme.selectors import (
    province_progress,
    provinces_with_targets,
    quotas_for_round,
    registrations_for_user,
    rounds_for_listing,
)
from kieumau.programme.services import registration_create, target_set, targets_ensure_defaults
from tests.programme.conftest import officer, unit


def _register(round_, province_code: str, ward_codes: list[str], recognised: int = 0):
    """Register wards of a 2025-07 province, the first ``recognised`` of them recognised."""
    admin_map = round_.admin_map
    registrar = officer(Role.PROVINCE, unit(admin_map, province_code))
    for index, code in enumerate(ward_codes):
        registration = registration_create(
            actor=registrar, round=round_, unit=unit(admin_map, code)
        )
        if index < recognised:
            Assessment.objects.filter(registration=registration).update(state=State.RECOGNISED)


@pytest.fixture
def progress_setup(round_2025, ministry, maps):
    targets_ensure_defaults()
    target_set(
        actor=ministry, year=2025, province=unit(maps["2025-07"], "40"), minimum=20, stretch=40
    )
    _register(round_2025, "40", ["16681", "16690", "16702"], recognised=2)  # Nghệ An
    _register(round_2025, "12", ["03388", "03408"], recognised=2)  # Lai Châu, its 2 phường
    _register(round_2025, "01", ["00004"])  # Hà Nội
    return round_2025


def test_province_progress_counts_recognised_wards_against_the_target(progress_setup):
    rows = {row.province.code: row for row in province_progress(progress_setup, 2025)}

    nghe_an, lai_chau, hanoi = rows["40"], rows["12"], rows["01"]
    assert len(rows) == 34
    assert (nghe_an.wards, nghe_an.recognised, nghe_an.percent) == (11, 2, Decimal("18.18"))
    assert (nghe_an.minimum, nghe_an.stretch, nghe_an.on_track) == (20, 40, False)
    assert (lai_chau.wards, lai_chau.recognised, lai_chau.percent) == (2, 2, Decimal("100.00"))
    assert (lai_chau.minimum, lai_chau.stretch, lai_chau.on_track) == (30, 50, True)
    assert (hanoi.wards, hanoi.recognised, hanoi.percent, hanoi.on_track) == (51, 0, 0, False)


def test_province_progress_without_a_target_for_the_year_has_no_verdict(progress_setup):
    nghe_an = next(r for r in province_progress(progress_setup, 2027) if r.province.code == "40")

    assert (nghe_an.minimum, nghe_an.stretch, nghe_an.on_track) == (None, None, None)


def test_provinces_with_targets_gives_the_wards_and_the_own_target_else_the_default(
    progress_setup,
):
    provinces = provinces_with_targets(progress_setup, 2025)
    rows = {p.code: (p.ward_count, p.minimum, p.stretch) for p in provinces}

    assert list(rows)[:3] == ["01", "04", "08"]  # by code
    assert len(rows) == 34
    assert rows["40"] == (11, 20, 40)  # Nghệ An's own target
    assert rows["12"] == (2, 30, 50)  # the national default


@pytest.mark.parametrize("selector", ["quotas", "progress"])
def test_selector_queries_do_not_grow_with_provinces(
    selector, round_2023, progress_setup, django_assert_num_queries
):
    for round_ in (round_2023, progress_setup):  # 63 provinces, then 34
        with django_assert_num_queries(1):
            if selector == "quotas":
                rows = [(q.province.name, q.registered, q.over) for q in quotas_for_round(round_)]
            else:
                rows = [
                    (r.province.name, r.percent, r.on_track)
                    for r in province_progress(round_, 2025)
                ]
        assert len(rows) == {2023: 63, 2025: 34}[round_.year]


def test_registrations_for_user_follow_the_scope(progress_setup, maps):
    nghe_an_officer = officer(Role.PROVINCE, unit(maps["2025-07"], "40"), username="na")
    ward_officer = officer(Role.WARD, unit(maps["2025-07"], "16690"))
    ministry = officer(Role.MINISTRY, username="bo")

    def codes(user):
        return [r.unit.code for r in registrations_for_user(user, progress_setup)]

    assert codes(nghe_an_officer) == ["16681", "16690", "16702"]
    assert codes(ward_officer) == ["16690"]
    assert codes(ministry) == ["00004", "03388", "03408", "16681", "16690", "16702"]


def test_rounds_for_listing_carries_quota_and_registration_totals(round_2023, progress_setup):
    listing = [(r.year, r.quota_total, r.registered) for r in rounds_for_listing()]

    assert listing == [(2025, 220, 6), (2023, 106, 0)]
