"""Sign-ins, failures, lockouts, unlocks and sign-outs in the audit trail, with the address."""

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from kieumau.accounts.lockout import account_unlock
from kieumau.accounts.models import Role, SignInEvent, User
from tests.fixtures import TwoFactorClient

PASSWORD = "Dung-Mat-Khau-2025"
BROWSER = "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_ADDRESS = 30


@pytest.fixture
def officer(db) -> User:
    return User.objects.create_user("phuong", password=PASSWORD, role=Role.WARD)


def sign_in(client: Client, username: str, password: str, address: str = "10.1.2.3"):
    return client.post(
        "/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=BROWSER,
    )


def trail() -> list[tuple]:
    return list(
        SignInEvent.objects.order_by("pk").values_list("kind", "username", "user__username")
    )


def test_a_sign_in_and_sign_out_are_recorded_with_address_and_browser(client, officer):
    sign_in(client, "phuong", PASSWORD)
    client.post("/logout/", REMOTE_ADDR="10.1.2.3")

    assert trail() == [("signed_in", "phuong", "phuong"), ("signed_out", "phuong", "phuong")]
    signed_in = SignInEvent.objects.get(kind="signed_in")
    assert (signed_in.address, signed_in.user_agent, signed_in.path, signed_in.actor) == (
        "10.1.2.3",
        BROWSER,
        "/login/",
        None,
    )


def test_a_wrong_password_is_recorded_without_the_password(client, officer):
    sign_in(client, "phuong", "bi-mat-sai-123")

    event = SignInEvent.objects.get()
    assert (event.kind, event.username, event.user, event.address) == (
        "sign_in_failed",
        "phuong",
        officer,
        "10.1.2.3",
    )
    stored = [str(value) for value in SignInEvent.objects.values_list().get()]
    attempts = [str(row) for row in AccessAttempt.objects.values_list()]
    entries = [str(entry.changes) for entry in LogEntry.objects.all()]
    assert attempts and entries
    assert not any("bi-mat-sai-123" in text for text in stored + attempts + entries)


def test_an_unknown_username_is_recorded_as_typed_with_no_user(client, officer):
    sign_in(client, "ai-do", "bat-ky")

    assert trail() == [("sign_in_failed", "ai-do", None)]


def test_the_failure_that_locks_is_followed_by_one_lockout_event(client, officer):
    for _ in range(5):
        sign_in(client, "phuong", "sai")
    sign_in(client, "phuong", PASSWORD)

    assert trail() == [
        ("sign_in_failed", "phuong", "phuong"),
        ("sign_in_failed", "phuong", "phuong"),
        ("sign_in_failed", "phuong", "phuong"),
        ("locked_out", "phuong", "phuong"),
        ("sign_in_failed", "phuong", "phuong"),
        ("sign_in_failed", "phuong", "phuong"),
        ("sign_in_failed", "phuong", "phuong"),  # the right password, refused by the lock
    ]


def test_an_unlock_and_the_sign_in_after_it_complete_the_trail(client, officer):
    administrator = User.objects.create_superuser("quantri", password=PASSWORD)
    for _ in range(3):
        sign_in(client, "phuong", "sai")

    account_unlock(actor=administrator, username="phuong")
    sign_in(client, "phuong", PASSWORD)

    assert trail()[-3:] == [
        ("locked_out", "phuong", "phuong"),
        ("unlocked", "phuong", "phuong"),
        ("signed_in", "phuong", "phuong"),
    ]


def test_each_event_is_also_an_audit_log_entry_with_its_actor(client, officer):
    administrator = User.objects.create_superuser("quantri", password=PASSWORD)
    for _ in range(3):
        sign_in(client, "phuong", "sai")
    account_unlock(actor=administrator, username="phuong")
    sign_in(client, "phuong", PASSWORD)

    events = ContentType.objects.get_for_model(SignInEvent)
    logged = LogEntry.objects.filter(content_type=events, action=LogEntry.Action.CREATE)
    unlocked = SignInEvent.objects.get(kind="unlocked")
    signed_in = SignInEvent.objects.get(kind="signed_in")
    assert logged.count() == SignInEvent.objects.count() == 6
    assert logged.get(object_pk=str(unlocked.pk)).actor == administrator
    assert logged.get(object_pk=str(signed_in.pk)).actor == officer


def test_the_events_are_read_only_in_the_admin(client, officer):
    administrator = User.objects.create_superuser("quantri", password=PASSWORD)
    sign_in(client, "phuong", "sai")
    event = SignInEvent.objects.get()
    admin = TwoFactorClient()
    admin.force_login(administrator)

    listing = admin.get("/admin/accounts/signinevent/")
    change = admin.post(f"/admin/accounts/signinevent/{event.pk}/change/", {"username": "x"})
    delete = admin.post(f"/admin/accounts/signinevent/{event.pk}/delete/", {"post": "yes"})
    add = admin.get("/admin/accounts/signinevent/add/")

    assert "10.1.2.3" in listing.content.decode()
    assert (change.status_code, delete.status_code, add.status_code) == (403, 403, 403)
    assert SignInEvent.objects.get(pk=event.pk).username == "phuong"
