"""Fixtures shared across the suite (registered in conftest.py)."""

import pytest

from kieumau.adminunits.models import AdminMap
from kieumau.adminunits.reference import reference_data_load


@pytest.fixture(scope="session")
def reference_data(django_db_setup, django_db_blocker):
    """The shipped maps and successions, loaded once per test database and kept."""
    with django_db_blocker.unblock():
        reference_data_load(echo=lambda line: None)
        return {admin_map.code: admin_map for admin_map in AdminMap.objects.all()}


@pytest.fixture
def maps(reference_data, db):
    return reference_data


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Vietnamese: a request in English must not leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
