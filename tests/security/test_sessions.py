"""A session ends after SESSION_COOKIE_AGE of inactivity; a request starts the count again
(saving the session at most once a minute).

Idle time is simulated by moving the stored session's expiry into the past in the session
store's table, never by waiting.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone

from kieumau.accounts.sessions import REFRESH_SECONDS, REFRESHED_AT

Session = SessionStore.get_model_class()


def _stored_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _expire_in(client, delta: timedelta) -> None:
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + delta
    )


def test_a_session_idle_longer_than_the_limit_is_signed_out(client, people):
    client.force_login(people.ward_own)
    page = reverse("web:ward-actions")
    assert client.get(page).status_code == 200

    _expire_in(client, -timedelta(seconds=1))
    response = client.get(page)

    assert response.status_code == 302
    assert response.url == f"{reverse('web:login')}?next={page}"
    assert "_auth_user_id" not in client.session


def _refreshed_ago(client, seconds: int) -> None:
    """As if the session was last saved ``seconds`` ago (and is one minute from expiring)."""
    session = client.session
    session[REFRESHED_AT] = int(time.time()) - seconds
    session.save()
    _expire_in(client, timedelta(seconds=60))


def test_a_request_a_minute_after_the_last_save_extends_the_session_by_the_idle_limit(
    client, people
):
    client.force_login(people.ward_own)
    _refreshed_ago(client, REFRESH_SECONDS)

    before = timezone.now()
    response = client.get(reverse("web:ward-actions"))
    after = timezone.now()

    assert response.status_code == 200
    assert response.context["user"] == people.ward_own
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert before + age <= _stored_expiry(client) <= after + age


def test_requests_within_a_minute_of_the_last_save_do_not_write_the_session(client, people):
    client.force_login(people.ward_own)
    _refreshed_ago(client, REFRESH_SECONDS - 5)
    expiry = _stored_expiry(client)

    responses = [client.get(reverse("web:ward-actions")) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert _stored_expiry(client) == expiry
    assert settings.SESSION_COOKIE_NAME not in responses[-1].cookies


def test_the_idle_limit_is_thirty_minutes_and_the_cookie_ends_with_the_browser(client, people):
    client.force_login(people.ward_own)
    _refreshed_ago(client, REFRESH_SECONDS)  # so that the response sets the cookie again

    response = client.get(reverse("web:ward-actions"))

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert (cookie["max-age"], cookie["expires"]) == ("", "")  # no lifetime: a browser session
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_a_production_session_cookie_is_secure(client, people, settings):
    settings.SESSION_COOKIE_SECURE = True
    client.force_login(people.ward_own)
    _refreshed_ago(client, REFRESH_SECONDS)

    response = client.get(reverse("web:ward-actions"), secure=True)

    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"] is True
