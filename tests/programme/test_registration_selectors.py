"""Reads behind the province's registration page: search by name, scoped look-ups, quotas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.accounts.models import Role
from kieumau.adminunits.models import AdminUnit
from kieumau.programme.models import Registration
from kieumau.programme.selectors import (
    name_fold,
    quotas_for_user,
    registrable_unit_for_user,
    registration_for_user,
    wards_search_for_user,
)
from kieumau.programme.services import registration_create
from tests.programme.conftest import officer, unit


@pytest.fixture
def nghe_an(round_2025):
    return officer(Role.PROVINCE, unit(round_2025.admin_map, "40"))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phường Trường Vinh", "phuong truong vinh"),
        ("  ĐÔNG   Hà ", "dong ha"),
        ("Hoà Hiếu", "hoa hieu"),
    ],
)
def test_name_fold_drops_case_tones_and_diacritics(text, folded):
    assert name_fold(text) == folded


@pytest.mark.parametrize("query", ["truong vinh", "Trường Vinh", "TRUONG  VINH", "16690"])
def test_the_search_finds_a_ward_whatever_the_accents(round_2025, nghe_an, query):
    found = wards_search_for_user(nghe_an, round_2025, query)

    assert [u.full_name for u in found.units] == ["Phường Trường Vinh"]
    assert found.total == 1


def test_the_search_puts_names_starting_with_the_query_first_and_marks_registered_wards(
    round_2025, nghe_an
):
    registration_create(actor=nghe_an, round=round_2025, unit=unit(round_2025.admin_map, "16702"))

    found = wards_search_for_user(nghe_an, round_2025, "vinh")

    assert [(u.name, u.registered) for u in found.units] == [
        ("Vinh Hưng", False),
        ("Vinh Lộc", False),
        ("Vinh Phú", True),
        ("Thành Vinh", False),
        ("Trường Vinh", False),
    ]
    assert not found.has_districts


def test_the_search_keeps_to_the_officers_province_and_to_phuong(round_2025, nghe_an):
    hanoi = officer(Role.PROVINCE, unit(round_2025.admin_map, "01"))

    assert wards_search_for_user(hanoi, round_2025, "truong vinh").units == []
    # Nghệ An's xã are never offered: only phường can be registered.
    assert all(u.type == "phuong" for u in wards_search_for_user(nghe_an, round_2025, "a").units)


def test_the_search_shows_at_most_the_limit_and_counts_every_match(round_2025, maps):
    hanoi = officer(Role.PROVINCE, unit(round_2025.admin_map, "01"))

    with CaptureQueriesContext(connection) as queries:
        found = wards_search_for_user(hanoi, round_2025, "phuong", limit=5)

    assert (len(found.units), found.total, found.truncated) == (5, 51, True)
    assert len(queries) == 2


def test_an_empty_query_finds_nothing_without_a_query(round_2025, nghe_an):
    with CaptureQueriesContext(connection) as queries:
        found = wards_search_for_user(nghe_an, round_2025, "   ")

    assert (found.units, found.total, len(queries)) == ([], 0, 0)


def test_a_registrable_unit_is_a_commune_of_the_round_map_in_scope(round_2025, nghe_an, maps):
    own = unit(round_2025.admin_map, "16690")

    assert registrable_unit_for_user(nghe_an, round_2025, own.pk) == own
    for outside in (
        unit(round_2025.admin_map, "00004"),  # Hà Nội
        unit(round_2025.admin_map, "40"),  # the province itself
        AdminUnit.objects.get(admin_map=maps["2023-05"], level="commune", code="16690"),
    ):
        with pytest.raises(AdminUnit.DoesNotExist):
            registrable_unit_for_user(nghe_an, round_2025, outside.pk)


def test_a_registration_outside_the_scope_looks_missing(round_2025, nghe_an):
    registration = registration_create(
        actor=nghe_an, round=round_2025, unit=unit(round_2025.admin_map, "16690")
    )
    hanoi = officer(Role.PROVINCE, unit(round_2025.admin_map, "01"))

    assert registration_for_user(nghe_an, registration.pk) == registration
    with pytest.raises(Registration.DoesNotExist):
        registration_for_user(hanoi, registration.pk)


def test_quotas_for_user_are_those_of_the_officers_province(round_2025, nghe_an, ministry):
    registration_create(actor=nghe_an, round=round_2025, unit=unit(round_2025.admin_map, "16690"))

    quotas = list(quotas_for_user(nghe_an, round_2025))

    assert [(q.province.code, q.effective_quota, q.registered, q.over) for q in quotas] == [
        ("40", 4, 1, 0)
    ]
    assert quotas_for_user(ministry, round_2025).count() == 34
