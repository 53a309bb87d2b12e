"""Cached aggregates are read from the cache until a change of reported data commits."""

import re
from datetime import date

import pytest
from django.db import transaction
from django.utils import translation

from kieumau.accounts.models import Role
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.readers.gso import read_gso_list
from kieumau.adminunits.services.maps import admin_map_load
from kieumau.adminunits.types import Level, UnitType
from kieumau.core.aggregates import aggregates_cached, data_version
from kieumau.programme.services import registration_create
from tests.adminunits.gso_files import write_csv
from tests.assessments.factories import user_create

URL = "/dashboard/"


class Counter:
    """A computation that says how often it ran."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self) -> int:
        self.runs += 1
        return self.runs


def _free_ward(round, province):
    return (
        AdminUnit.objects.filter(province=province, level=Level.COMMUNE, type=UnitType.WARD)
        .exclude(pk__in=round.registrations.values("unit"))
        .order_by("code")
        .first()
    )


def test_a_value_is_computed_once_while_nothing_changes(db):
    compute = Counter()

    values = [aggregates_cached("figures", (1,), compute) for _ in range(3)]

    assert (values, compute.runs) == ([1, 1, 1], 1)


def test_the_key_holds_its_parts_and_the_language(db):
    compute = Counter()

    aggregates_cached("figures", (1,), compute)
    aggregates_cached("figures", (2,), compute)
    with translation.override("en"):
        aggregates_cached("figures", (1,), compute)

    assert compute.runs == 3


def test_a_committed_change_of_reported_data_makes_the_value_stale(
    round, people, django_capture_on_commit_callbacks
):
    compute = Counter()
    aggregates_cached("figures", (round.pk,), compute)
    version = data_version()

    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            actor=people.province_own, round=round, unit=_free_ward(round, people.province_own.unit)
        )

    assert data_version() != version
    assert aggregates_cached("figures", (round.pk,), compute) == 2


def test_a_rolled_back_change_leaves_the_value_fresh(
    round, people, django_capture_on_commit_callbacks
):
    compute = Counter()
    aggregates_cached("figures", (round.pk,), compute)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        registration_create(
            actor=people.province_own, round=round, unit=_free_ward(round, people.province_own.unit)
        )
        raise RuntimeError("refused later in the same transaction")

    assert callbacks == []
    assert aggregates_cached("figures", (round.pk,), compute) == 1


def test_a_change_the_reports_do_not_read_leaves_the_value_fresh(
    db, maps, django_capture_on_commit_callbacks
):
    compute = Counter()
    aggregates_cached("figures", (), compute)

    with django_capture_on_commit_callbacks(execute=True):
        officer = user_create("can-bo-moi", Role.VIEWER)
        officer.first_name = "Cán bộ"
        officer.save()

    assert aggregates_cached("figures", (), compute) == 1


def test_the_national_dashboard_shows_a_registration_as_soon_as_it_is_committed(
    client, round, people, admin_map, django_capture_on_commit_callbacks
):
    client.force_login(people.ministry)
    before = client.get(URL).content.decode()
    ward = _free_ward(round, people.province_own.unit)

    with django_capture_on_commit_callbacks(execute=True):
        registration_create(actor=people.province_own, round=round, unit=ward)
    after = client.get(URL).content.decode()

    assert _registered(before) + 1 == _registered(after)


def _registered(page: str) -> int:
    block = page.split('id="kpi-registered"')[1]
    return int(re.search(r'class="kpi-value">([\d.]+)<', block).group(1).replace(".", ""))


def test_loading_a_map_makes_the_values_stale(db, tmp_path, django_capture_on_commit_callbacks):
    compute = Counter()
    aggregates_cached("figures", (), compute)
    gso_list = read_gso_list(write_csv(tmp_path / "list.csv"))

    with django_capture_on_commit_callbacks(execute=True):
        admin_map_load(
            code="test-01",
            name="Danh mục thử",
            effective_date=date(2025, 7, 1),
            source="list.csv",
            gso_list=gso_list,
        )

    assert aggregates_cached("figures", (), compute) == 2
