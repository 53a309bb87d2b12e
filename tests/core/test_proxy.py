"""Behind a proxy the client's address comes from the one header the proxy overwrites."""

import pytest

from kieumau.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db


def _failed_sign_in(client, **headers) -> str:
    client.post("/login/", {"username": "khong-co", "password": "sai"}, **headers)
    return SignInEvent.objects.latest("pk").address


def test_without_a_configured_header_the_connections_address_counts(client, settings):
    settings.CLIENT_ADDRESS_HEADER = ""

    address = _failed_sign_in(client, REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="203.0.113.9")

    assert address == "10.1.1.1"


def test_the_configured_header_gives_the_clients_address(client, settings):
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"

    address = _failed_sign_in(client, REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="203.0.113.9")

    assert address == "203.0.113.9"


def test_a_header_that_is_not_an_address_is_ignored(client, settings):
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"

    address = _failed_sign_in(client, REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="1.2.3.4, 5.6.7.8")

    assert address == "10.1.1.1"
