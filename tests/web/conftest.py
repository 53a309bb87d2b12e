import pytest

from kieumau.assessments.models import Assessment
from tests.assessments.factories import assessment_create

from .factories import WARD_CODE, People, people_create, programme_round_create, unit_get


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to its own directory, never to var/media."""
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
def assessment(round, admin_map, people) -> Assessment:
    """Trường Vinh's draft assessment: 22 empty results."""
    return assessment_create(round, unit_get(admin_map, WARD_CODE), people.province_own)
