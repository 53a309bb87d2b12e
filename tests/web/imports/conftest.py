"""Import pages: Nghệ An's officer with Trường Vinh and two more phường registered in the 2025
round; pages in English (the new texts' Vietnamese comes with the next translation round)."""

import pytest

from kieumau.assessments.models import Assessment
from tests.assessments.factories import assessment_create
from tests.web.factories import PROVINCE_CODE, WARD_CODE, unit_get, wards_register


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def province(admin_map):
    return unit_get(admin_map, PROVINCE_CODE)


@pytest.fixture
def registered(round, admin_map, people, province) -> list[Assessment]:
    own = assessment_create(round, unit_get(admin_map, WARD_CODE), people.province_own)
    return [own, *wards_register(round, people.province_own, 2, province=province)]


@pytest.fixture
def province_client(client, people, round):
    client.force_login(people.province_own)
    return client
