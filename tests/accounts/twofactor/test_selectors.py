import pytest
from django.contrib.auth.models import AnonymousUser
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.twofactor.selectors import (
    has_confirmed_device,
    recovery_codes_left,
    two_factor_required,
)

from .helpers import enrolled


@pytest.mark.parametrize(
    ("role", "required"),
    [("province_own", True), ("ministry", True), ("ward_own", False), ("viewer", False)],
)
def test_two_factor_is_required_for_province_and_ministry_officers(people, role, required):
    assert two_factor_required(getattr(people, role)) is required


def test_an_anonymous_visitor_is_not_asked_for_a_second_factor():
    assert two_factor_required(AnonymousUser()) is False


def test_only_a_confirmed_authenticator_counts(people):
    TOTPDevice.objects.create(user=people.ward_own, confirmed=False)
    assert has_confirmed_device(people.ward_own) is False

    enrolled(people.ward_own)

    assert has_confirmed_device(people.ward_own) is True
    assert has_confirmed_device(people.ward_other) is False
    assert recovery_codes_left(people.ward_own) == 10
