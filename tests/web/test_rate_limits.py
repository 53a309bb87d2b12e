"""Requests per address on the public pages and the sign-in form: past the rate, a 429 page in
the normal layout that says how long to wait, and nothing else happens.

Rates here are per day so that no counting window ends in the middle of a test.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from kieumau.accounts.models import Role, SignInEvent, User
from kieumau.web.views import rate_limited

PASSWORD = "Dung-Mat-Khau-2025"
WAIT = re.compile(r"Too many requests from your address\. Wait ([\d,]+) seconds and try again\.")


@pytest.fixture(autouse=True)
def rates(settings):
    settings.RATE_LIMIT_PUBLIC = "3/d"
    settings.RATE_LIMIT_SIGN_IN = "2/d"


@pytest.fixture
def client(client) -> Client:
    client.cookies["django_language"] = "en"  # the new messages, in their source language
    return client


@pytest.fixture
def officer(db) -> User:
    return User.objects.create_user("phuong", password=PASSWORD, role=Role.WARD)


def assert_rate_limited(response) -> None:
    page = response.content.decode()
    seconds = WAIT.search(page)
    assert response.status_code == 429
    assert seconds is not None
    assert response["Retry-After"] == seconds.group(1).replace(",", "")  # 12,312 on the page
    assert 1 <= int(response["Retry-After"]) <= 86_400
    assert "<h1>Too many requests</h1>" in page
    assert '<footer class="site-footer">' in page  # the normal layout


def test_the_landing_page_is_limited_per_address(client, db):
    for _ in range(3):
        assert client.get("/", REMOTE_ADDR="10.0.0.1").status_code == 200

    assert_rate_limited(client.get("/", REMOTE_ADDR="10.0.0.1"))
    assert client.get("/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_signed_in_officers_are_not_counted_on_the_public_pages(client, officer):
    client.force_login(officer)
    answers = [client.get("/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(5)]
    client.logout()
    client.cookies["django_language"] = "en"  # logout() drops every cookie

    assert answers == [302] * 5  # each time to the officer's first page
    for _ in range(3):
        assert client.get("/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert_rate_limited(client.get("/", REMOTE_ADDR="10.0.0.1"))


def test_sign_in_posts_past_the_rate_are_refused_even_with_the_right_password(client, officer):
    for _ in range(2):
        client.post("/login/", {"username": "phuong", "password": "sai"}, REMOTE_ADDR="10.0.0.1")

    response = client.post(
        "/login/", {"username": "phuong", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )

    assert_rate_limited(response)
    assert "_auth_user_id" not in client.session
    # Refused before any password was checked: not a failed sign-in, nothing recorded.
    assert SignInEvent.objects.filter(username="phuong").count() == 2


def test_the_sign_in_page_still_opens_when_the_posts_are_limited(client, officer):
    for _ in range(3):
        client.post("/login/", {"username": "phuong", "password": "sai"}, REMOTE_ADDR="10.0.0.1")

    page = client.get("/login/", REMOTE_ADDR="10.0.0.1")

    assert page.status_code == 200
    assert '<input type="password" name="password"' in page.content.decode()


def test_another_address_still_signs_in(client, officer):
    for _ in range(3):
        client.post("/login/", {"username": "x", "password": "sai"}, REMOTE_ADDR="10.0.0.1")

    response = client.post(
        "/login/", {"username": "phuong", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )

    assert (response.status_code, response.url) == (302, "/")


def test_the_language_switch_is_limited_and_works_below_the_rate(client, db):
    switched = client.post(
        "/i18n/setlang/", {"language": "vi", "next": "/"}, REMOTE_ADDR="10.0.0.3"
    )
    for _ in range(2):
        client.post("/i18n/setlang/", {"language": "en", "next": "/"}, REMOTE_ADDR="10.0.0.3")

    refused = client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, REMOTE_ADDR="10.0.0.3")

    assert (switched.status_code, switched.url) == (302, "/")
    assert_rate_limited(refused)
    assert client.cookies["django_language"].value == "en"  # the refused switch changed nothing


def test_the_default_rates_let_an_office_work(client, settings, officer):
    settings.RATE_LIMIT_PUBLIC = "120/m"
    settings.RATE_LIMIT_SIGN_IN = "30/m"

    pages = [client.get("/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(30)]
    sign_ins = [
        client.post("/login/", {"username": "x", "password": "sai"}, REMOTE_ADDR="10.0.0.1")
        for _ in range(4)
    ]

    assert pages == [200] * 30
    assert [response.status_code for response in sign_ins] == [200] * 4


def test_limits_can_be_switched_off(client, settings, db):
    settings.RATELIMIT_ENABLE = False

    assert [client.get("/").status_code for _ in range(5)] == [200] * 5


def test_the_configured_rate_limit_view_asks_for_a_minute_when_it_does_not_know(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = rate_limited(request, exception=None)

    assert (response.status_code, response["Retry-After"]) == (429, "60")
