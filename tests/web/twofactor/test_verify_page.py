"""The second step of signing in: the app's code or a recovery code, then the page asked for."""

import pytest
from django.test import Client

from tests.accounts.twofactor.helpers import app_code, enrolled, fresh_code

VERIFY = "/account/two-factor/verify/"
WRONG = (
    "The code is not right, has expired or was already used. Enter the code the app shows now, "
    "or an unused recovery code."
)


@pytest.fixture
def ward(password_only, people, round):
    """Trường Vinh's officer, who set up an authenticator, signed in with the password."""
    setup = enrolled(people.ward_own)
    password_only.force_login(people.ward_own)
    return setup


def test_the_apps_code_completes_sign_in_and_leads_to_the_page_asked_for(password_only, ward):
    asked = password_only.get("/unit/actions/")
    before = password_only.session.session_key

    response = password_only.post(
        VERIFY, {"code": fresh_code(ward.device), "next": "/unit/actions/"}
    )

    assert asked["Location"] == f"{VERIFY}?next=%2Funit%2Factions%2F"
    assert response["Location"] == "/unit/actions/"
    assert password_only.get("/unit/actions/").status_code == 200
    assert password_only.session.session_key != before


def test_a_wrong_code_is_refused_with_a_message_and_the_pages_stay_closed(password_only, ward):
    wrong = "000000" if fresh_code(ward.device) != "000000" else "111111"

    response = password_only.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert password_only.get("/unit/actions/")["Location"].startswith(VERIFY)


def test_an_expired_code_is_refused(password_only, ward):
    response = password_only.post(VERIFY, {"code": app_code(ward.device, steps_from_now=-4)})

    assert WRONG in response.content.decode()


def test_a_replayed_code_is_refused_in_another_session(password_only, ward, people):
    code = fresh_code(ward.device)
    password_only.post(VERIFY, {"code": code})
    thief = Client()
    thief.cookies["django_language"] = "en"
    thief.force_login(people.ward_own)

    response = thief.post(VERIFY, {"code": code})

    assert WRONG in response.content.decode()
    assert thief.get("/unit/actions/")["Location"].startswith(VERIFY)


def test_too_many_wrong_codes_make_the_next_try_wait(password_only, ward, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    right = fresh_code(ward.device)
    password_only.post(VERIFY, {"code": "000000" if right != "000000" else "111111"})

    response = password_only.post(VERIFY, {"code": right})

    assert "Too many wrong codes. Wait 60 seconds and try again." in response.content.decode()
    assert password_only.get("/unit/actions/")["Location"].startswith(VERIFY)


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(password_only, ward, people):
    code = ward.recovery_codes[0]

    used = password_only.post(VERIFY, {"code": f"{code[:4]}-{code[4:]}"}, follow=True)
    again = Client()
    again.cookies["django_language"] = "en"
    again.force_login(people.ward_own)
    reused = again.post(VERIFY, {"code": code})

    assert "You signed in with a recovery code; 9 codes are left. Each code works once." in (
        used.content.decode()
    )
    assert used.redirect_chain[-1][0] == "/unit/assessment/"
    assert WRONG in reused.content.decode()


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/", "javascript:x"])
def test_the_next_page_is_never_another_site(password_only, ward, target):
    response = password_only.post(VERIFY, {"code": fresh_code(ward.device), "next": target})

    assert response["Location"] == "/"


def test_an_empty_or_long_code_is_refused_with_a_message(password_only, ward):
    empty = password_only.post(VERIFY, {"code": ""}).content.decode()
    long = password_only.post(VERIFY, {"code": "1" * 21}).content.decode()

    assert "Enter the code." in empty
    assert "Ensure this value has at most 20 characters (it has 21)." in long


def test_a_verified_or_deviceless_user_is_sent_on(client, password_only, people, round):
    client.force_login(people.province_own)
    password_only.force_login(people.ward_own)

    assert client.get(VERIFY)["Location"] == "/"
    assert password_only.get(f"{VERIFY}?next=/unit/actions/")["Location"] == "/unit/actions/"
