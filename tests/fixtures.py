"""Fixtures shared across the suite (registered in conftest.py)."""

import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.sessions import REFRESHED_AT
from kieumau.accounts.twofactor.selectors import (
    confirmed_device,
    has_confirmed_device,
    two_factor_required,
)
from kieumau.adminunits.models import AdminMap
from kieumau.adminunits.reference import reference_data_load


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 at the lowest cost, the suite's hasher (conftest.py): the same ``argon2$argon2id$``
    hashes, in microseconds. tests/accounts/test_passwords.py puts the production one back."""

    time_cost = 1
    memory_cost = 8  # KiB, the least Argon2 allows with one lane
    parallelism = 1


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


class TwoFactorClient(Client):
    """A test client whose ``force_login`` also passes the second factor where the user needs one
    (their role requires it, or they set up an authenticator), as the verification page does:
    the confirmed authenticator's persistent id goes into the session (``django_otp.login``).
    The session counts as just saved, as after a sign-in through the forms (so the next request
    does not save it again, see kieumau.accounts.sessions)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[REFRESHED_AT] = int(time.time())
        if two_factor_required(user) or has_confirmed_device(user):
            device = confirmed_device(user)
            if device is None:
                device = TOTPDevice.objects.create(
                    user=user, name="Test authenticator", confirmed=True
                )
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client() -> TwoFactorClient:
    """pytest-django's ``client``, signing in with both factors (see TwoFactorClient)."""
    return TwoFactorClient()


@pytest.fixture
def admin_client(client, admin_user) -> TwoFactorClient:
    """pytest-django's ``admin_client`` (a superuser), with both factors passed."""
    client.force_login(admin_user)
    return client
