"""API limits: calls per user, calls without a valid key per address, and the lockout of an
address that presents too many bad keys; each answered 429 in the API's error shape.

Rates here are per day, so that no counting window ends in the middle of a test.
"""

import pytest
from django.test import Client

from kieumau.accounts.lockout import account_unlock
from kieumau.accounts.models import SignInEvent, User
from tests.api.conftest import key_for

ME = "/api/v1/me"
BAD_KEY = "Bearer km_00000000_khong-phai-khoa-that"
LOCKED = (
    "Sign-in is locked after too many failed attempts for this account or from this address. "
    "Ask an administrator to unlock it."
)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATE_LIMIT_API_USER = "3/d"
    settings.RATE_LIMIT_API_ANON = "100/d"
    settings.LOGIN_FAILURE_LIMIT_ADDRESS = 3


def call(authorization: str | None, address: str = "10.0.0.1"):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    return Client().get(ME, REMOTE_ADDR=address, **headers)


def bearer(user: User) -> str:
    return f"Bearer {key_for(user)}"


def test_a_user_past_the_rate_gets_429_with_the_wait(people):
    answers = [call(bearer(people.ward_own)) for _ in range(4)]

    refused = answers[-1]
    body = refused.json()
    seconds = int(refused["Retry-After"])
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert 1 <= seconds <= 86_400
    assert (body["status"], body["code"], body["errors"]) == (429, "rate_limited", [])
    assert body["message"]["en"] == f"Too many requests: wait {seconds} seconds and try again."
    assert set(body["message"]) == {"vi", "en"}


def test_the_rate_is_per_user_not_per_address(people):
    for _ in range(3):
        call(bearer(people.ward_own))

    other = call(bearer(people.province_own))

    assert (other.status_code, other.json()["username"]) == (200, people.province_own.username)


def test_calls_without_a_key_are_limited_per_address(settings, db):
    settings.RATE_LIMIT_API_ANON = "2/d"

    answers = [call(None) for _ in range(3)]
    elsewhere = call(None, address="10.0.0.2")

    codes = [answer.json()["code"] for answer in answers]
    assert codes == ["unauthenticated", "unauthenticated", "rate_limited"]
    assert answers[-1].status_code == 429
    assert int(answers[-1]["Retry-After"]) >= 1
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (401, "unauthenticated")


def test_a_forged_forwarded_for_header_does_not_give_a_fresh_count(settings, db):
    settings.RATE_LIMIT_API_ANON = "2/d"
    client = Client()

    answers = [
        client.get(ME, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [401, 401, 429]


def test_bad_keys_from_one_address_lock_it_even_for_a_valid_key(people):
    answers = [call(BAD_KEY) for _ in range(3)]
    valid_there = call(bearer(people.ward_own))
    valid_elsewhere = call(bearer(people.ward_own), address="10.0.0.2")

    assert [a.status_code for a in answers] == [401, 401, 429]
    body = valid_there.json()
    assert (valid_there.status_code, body["code"], body["message"]["en"]) == (
        429,
        "locked_out",
        LOCKED,
    )
    assert "Retry-After" not in valid_there  # waiting does not lift it; an administrator does
    assert valid_elsewhere.status_code == 200


def test_bad_keys_are_recorded_with_their_address_and_no_user(people):
    for _ in range(3):
        call(BAD_KEY, address="10.0.0.7")

    events = SignInEvent.objects.filter(address="10.0.0.7").order_by("pk")
    assert [(e.kind, e.username, e.user, e.path) for e in events] == [
        ("sign_in_failed", "", None, ME),
        ("sign_in_failed", "", None, ME),
        ("sign_in_failed", "", None, ME),
        ("locked_out", "", None, ME),
    ]


def test_unlocking_the_address_lets_keys_in_again(people):
    administrator = User.objects.create_superuser("quantri", password="Dung-Mat-Khau-2025")
    for _ in range(3):
        call(BAD_KEY)

    removed = account_unlock(actor=administrator, address="10.0.0.1")

    assert removed == 1
    assert call(bearer(people.ward_own)).status_code == 200


def test_bad_keys_do_not_lock_the_web_sign_in_of_the_same_address(people):
    people.ward_own.set_password("Dung-Mat-Khau-2025")
    people.ward_own.save()
    for _ in range(3):
        call(BAD_KEY)

    response = Client().post(
        "/login/",
        {"username": people.ward_own.username, "password": "Dung-Mat-Khau-2025"},
        REMOTE_ADDR="10.0.0.1",
    )

    assert (response.status_code, response.url) == (302, "/")


def test_failed_web_sign_ins_do_not_lock_the_api_of_the_same_address(people):
    browser = Client()
    for name in ("a", "b", "c"):
        browser.post("/login/", {"username": name, "password": "sai"}, REMOTE_ADDR="10.0.0.1")

    assert call(bearer(people.ward_own)).status_code == 200


def test_a_missing_or_malformed_header_is_not_a_failed_sign_in(db):
    call(None)
    call("Basic dXNlcjpwYXNz")
    call("Bearer")

    assert SignInEvent.objects.count() == 0


def test_the_limits_are_described_in_the_api_documentation(db):
    description = Client().get("/api/openapi.json").json()["info"]["description"]

    assert "429 `rate_limited` with `Retry-After`" in description
    assert "429\n`locked_out` until an administrator unlocks it" in description
