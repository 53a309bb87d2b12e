import pytest
from django.conf import settings
from django.test import Client


@pytest.fixture
def password_only() -> Client:
    """A client signed in (``force_login``) with the password step alone, no second factor."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def english(client) -> Client:
    """The two-factor client (both steps passed by ``force_login``), pages in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
