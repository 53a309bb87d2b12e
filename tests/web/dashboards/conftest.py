"""Dashboard fixtures: the national targets (30–50% by 2025, 100% by 2030) and a 2023 round on
the 63-province map made by the service (pilot quota rule: 106 units)."""

from datetime import date

import pytest

from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.services import round_create, targets_ensure_defaults


@pytest.fixture(autouse=True)
def targets(db):
    targets_ensure_defaults()


@pytest.fixture
def round_2023(maps, people):
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
