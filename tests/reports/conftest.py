"""Report fixtures: the 2025 round made by the service (quotas at 30% of each province's
phường, the shipped 22 criteria), the national targets, and people of every role."""

from datetime import date

import pytest

from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.services import round_create, targets_ensure_defaults
from tests.web.factories import People, people_create


@pytest.fixture
def admin_map(maps):
    return maps["2025-07"]


@pytest.fixture
def people(admin_map) -> People:
    return people_create(admin_map)


@pytest.fixture
def round(admin_map, people):
    """2025 on the 34-province map: quotas 220 in all (Nghệ An 4, Hà Nội 16, Lai Châu 1)."""
    targets_ensure_defaults()
    return round_create(
        actor=people.ministry,
        year=2025,
        name="Đợt đánh giá 2025",
        admin_map=admin_map,
        criteria_set=default_criteria_set_load().criteria_set,
        quota_rule="share-of-wards",
        quota_parameters={"percent": 30},
        self_assessment_deadline=date(2025, 10, 31),
        review_deadline=date(2025, 11, 30),
        recognition_deadline=date(2025, 12, 31),
    )


@pytest.fixture
def round_2023(maps, people):
    """2023 on the 63-province map with the pilot rule: 106 units."""
    targets_ensure_defaults()
    return round_create(
        actor=people.ministry,
        year=2023,
        name="Đợt đánh giá 2023",
        admin_map=maps["2023-05"],
        criteria_set=default_criteria_set_load().criteria_set,
        quota_rule="pilot-2023",
        self_assessment_deadline=date(2023, 10, 31),
        review_deadline=date(2023, 11, 30),
        recognition_deadline=date(2023, 12, 31),
    )
