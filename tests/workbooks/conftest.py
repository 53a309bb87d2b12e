"""Workbook fixtures: the 2025 round (default 22 criteria) on the 2025-07 map; Nghệ An (40) is
the province under test, with Trường Vinh and two more phường registered; people of every role.

Files are real xlsx files on disk (``tmp_path``), read back and edited with openpyxl.
"""

import pytest

from kieumau.assessments.models import Assessment
from tests.web.factories import (
    PROVINCE_CODE,
    WARD_CODE,
    People,
    people_create,
    programme_round_create,
    unit_get,
    wards_register,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_map(maps):
    return maps["2025-07"]


@pytest.fixture
def people(admin_map) -> People:
    return people_create(admin_map)


@pytest.fixture
def round(admin_map):
    return programme_round_create(admin_map)


@pytest.fixture
def province(admin_map):
    return unit_get(admin_map, PROVINCE_CODE)


@pytest.fixture
def registered(round, admin_map, people, province) -> list[Assessment]:
    """Trường Vinh and two more phường of Nghệ An, registered, drafts with empty results."""
    from tests.assessments.factories import assessment_create

    own = assessment_create(round, unit_get(admin_map, WARD_CODE), people.province_own)
    return [own, *wards_register(round, people.province_own, 2, province=province)]
