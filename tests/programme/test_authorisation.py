"""Who may call which programme service: role × own/other scope × service, nothing else."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from kieumau.accounts.models import Role
from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.programme.models import Quota, Registration, Round, Target
from kieumau.programme.services import (
    quota_override,
    registration_create,
    registration_withdraw,
    round_create,
    target_set,
)
from tests.programme.conftest import officer, unit

# The object of every call belongs to Nghệ An ("own"); "other" officers are from Hà Nội.
HOMES = {"own": ("40", "16690"), "other": ("01", "00004")}  # (province, phường) on 2025-07
ALLOWED = {
    "round_create": {("ministry", "national")},
    "quota_override": {("ministry", "national")},
    "target_set": {("ministry", "national")},
    "registration_create": {("province", "own")},
    "registration_withdraw": {("province", "own")},
}
ACTORS = [
    ("ministry", "national"),
    ("province", "own"),
    ("province", "other"),
    ("province", "own-inactive"),
    ("ward", "own"),
    ("ward", "other"),
    ("viewer", "own"),
    ("viewer", "other"),
    ("viewer", "national"),
]


def _actor(maps, role: str, scope: str):
    username = f"actor-{role}-{scope}"
    if scope == "national":
        return officer(Role(role), username=username)
    province_code, ward_code = HOMES[scope.removesuffix("-inactive")]
    home = unit(maps["2025-07"], ward_code if role == "ward" else province_code)
    return officer(Role(role), home, username=username, is_active=not scope.endswith("-inactive"))


def _call(service: str, actor, round_2025, withdrawable, maps):
    nghe_an = unit(maps["2025-07"], "40")
    calls = {
        "round_create": lambda: round_create(
            actor=actor,
            year=2026,
            name="Đợt 2026",
            admin_map=maps["2025-07"],
            criteria_set=round_2025.criteria_set,
            quota_rule="share-of-wards",
            quota_parameters={"percent": 50},
            self_assessment_deadline=date(2026, 9, 30),
            review_deadline=date(2026, 10, 31),
            recognition_deadline=date(2026, 12, 15),
        ),
        "quota_override": lambda: quota_override(
            actor=actor,
            quota=Quota.objects.get(round=round_2025, province=nghe_an),
            value=6,
            reason="Thêm 2 phường",
        ),
        "target_set": lambda: target_set(
            actor=actor, year=2025, province=nghe_an, minimum=40, stretch=60
        ),
        "registration_create": lambda: registration_create(
            actor=actor, round=round_2025, unit=unit(maps["2025-07"], "16690")
        ),
        "registration_withdraw": lambda: registration_withdraw(
            actor=actor, registration=withdrawable
        ),
    }
    return calls[service]()


def _database():
    return (
        list(Round.objects.values_list("year", "status")),
        list(Quota.objects.values_list("id", "computed", "override", "override_reason")),
        list(Registration.objects.values_list("id", "unit_id")),
        Assessment.objects.count(),
        CriterionResult.objects.count(),
        list(Target.objects.values_list("year", "province_id", "minimum_percent")),
        LogEntry.objects.count(),
    )


@pytest.fixture
def withdrawable(round_2025, maps):
    """A Nghệ An registration, made by a Nghệ An officer, that may still be withdrawn."""
    registrar = officer(Role.PROVINCE, unit(maps["2025-07"], "40"), username="registrar")
    return registration_create(
        actor=registrar, round=round_2025, unit=unit(maps["2025-07"], "16681")
    )


@pytest.mark.parametrize("service", list(ALLOWED))
@pytest.mark.parametrize(("role", "scope"), ACTORS, ids=["-".join(a) for a in ACTORS])
def test_programme_services_follow_the_role_and_scope_matrix(
    maps, round_2025, withdrawable, service, role, scope
):
    actor = _actor(maps, role, scope)
    before = _database()

    if (role, scope) in ALLOWED[service]:
        _call(service, actor, round_2025, withdrawable, maps)
        assert _database() != before
    else:
        with pytest.raises(Denied):
            _call(service, actor, round_2025, withdrawable, maps)
        assert _database() == before
