"""The "Two-step verification" account page: status, new recovery codes, turning it off."""

import re

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.twofactor.helpers import enrolled

ACCOUNT = "/account/two-factor/"


def test_the_topbar_links_to_the_page(english, people, round):
    english.force_login(people.ward_own)

    page = english.get("/unit/assessment/").content.decode()

    assert '<a class="topbar-link" href="/account/two-factor/">Two-step verification</a>' in page


def test_without_an_authenticator_the_page_offers_the_set_up(english, people):
    english.force_login(people.ward_own)

    page = english.get(ACCOUNT).content.decode()

    assert "Signing in needs only your password." in page
    assert 'id="two-factor-enrol" href="/account/two-factor/setup/"' in page
    assert 'id="two-factor-disable"' not in page


def test_a_province_officer_sees_it_on_and_cannot_turn_it_off(english, people):
    english.force_login(people.province_own)

    page = english.get(ACCOUNT).content.decode()
    refused = english.post("/account/two-factor/disable/", follow=True).content.decode()

    assert '<span class="badge badge-met">On</span>' in page
    assert 'id="two-factor-disable"' not in page
    assert "Your role requires two-step verification." in page
    assert "Two-step verification is required for your role and cannot be turned off." in refused
    assert TOTPDevice.objects.filter(user=people.province_own, confirmed=True).count() == 1


def test_new_recovery_codes_are_shown_once_and_replace_the_old(english, people):
    setup = enrolled(people.province_own)
    english.force_login(people.province_own)

    before = english.get(ACCOUNT).content.decode()
    response = english.post("/account/two-factor/recovery-codes/")

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    stored = StaticToken.objects.filter(device__user=people.province_own)
    assert "10 unused recovery codes left." in before
    assert sorted(codes) == sorted(stored.values_list("token", flat=True)) and len(codes) == 10
    assert not set(codes) & set(setup.recovery_codes)
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert english.get("/account/two-factor/recovery-codes/").status_code == 405


def test_recovery_codes_without_an_authenticator_are_refused_with_a_message(english, people):
    english.force_login(people.viewer)

    response = english.post("/account/two-factor/recovery-codes/", follow=True)

    assert "Turn on two-step verification first." in response.content.decode()
    assert not StaticToken.objects.exists()


def test_a_ward_officer_turns_it_off_and_signs_in_with_the_password_again(english, people):
    enrolled(people.ward_own)
    english.force_login(people.ward_own)

    response = english.post("/account/two-factor/disable/", follow=True)

    assert "Two-step verification is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=people.ward_own).exists()
    assert not StaticToken.objects.filter(device__user=people.ward_own).exists()
    assert english.get("/account/api-keys/").status_code == 200
