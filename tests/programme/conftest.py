"""Programme fixtures: a small criteria set, officers of each role, rounds made by the service."""

from datetime import date

import pytest

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level
from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup, Kind
from kieumau.programme.services import round_create

DEADLINES = {
    "self_assessment_deadline": date(2023, 9, 30),
    "review_deadline": date(2023, 10, 31),
    "recognition_deadline": date(2023, 12, 15),
}


def unit(admin_map, code: str) -> AdminUnit:
    level = Level.PROVINCE if len(code) == 2 else Level.COMMUNE
    return AdminUnit.objects.get(admin_map=admin_map, level=level, code=code)


def officer(role: Role, home: AdminUnit | None = None, *, username: str = "", **extra) -> User:
    name = username or (f"{role}-{home.admin_map.code}-{home.code}" if home else f"{role}-all")
    return User.objects.create_user(name, role=role, unit=home, **extra)


@pytest.fixture
def criteria_set(db) -> CriteriaSet:
    criteria_set = CriteriaSet.objects.create(
        code="thu", version=1, name="Bộ tiêu chí thử", basic_min_met=2
    )
    group = CriterionGroup.objects.create(
        criteria_set=criteria_set, code="I", title="Nhóm một", position=1
    )
    for position in (1, 2, 3):
        Criterion.objects.create(
            criteria_set=criteria_set,
            group=group,
            code=f"TC{position}",
            position=position,
            title=f"Tiêu chí {position}",
            kind=Kind.BOOL,
            mandatory=position == 1,
        )
    return criteria_set


@pytest.fixture
def ministry(db) -> User:
    return officer(Role.MINISTRY)


@pytest.fixture
def round_2023(maps, criteria_set, ministry):
    """The 2023 round on the 2023-05 map with the pilot rule: 106 units."""
    return round_create(
        actor=ministry,
        year=2023,
        name="Đợt 2023",
        admin_map=maps["2023-05"],
        criteria_set=criteria_set,
        quota_rule="pilot-2023",
        **DEADLINES,
    )


@pytest.fixture
def round_2025(maps, criteria_set, ministry):
    """A 2025 round on the 2025-07 map, 30% of each province's phường."""
    return round_create(
        actor=ministry,
        year=2025,
        name="Đợt 2025",
        admin_map=maps["2025-07"],
        criteria_set=criteria_set,
        quota_rule="share-of-wards",
        quota_parameters={"percent": 30},
        self_assessment_deadline=date(2025, 9, 30),
        review_deadline=date(2025, 10, 31),
        recognition_deadline=date(2025, 12, 15),
    )
