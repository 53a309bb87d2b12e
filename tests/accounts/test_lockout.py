"""Lockout after repeated failed sign-ins, through the real sign-in form, and every way to lift
it: the service, the admin action and ``kieumau unlock``."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from kieumau.accounts.lockout import account_unlock
from kieumau.accounts.models import Role, SignInEvent, User
from tests.fixtures import TwoFactorClient

PASSWORD = "Dung-Mat-Khau-2025"
LOCKED_TEXT = (
    "Sign-in is locked after too many failed attempts for this account or from this address. "
    "Ask an administrator to unlock it."
)
WRONG_TEXT = "Please enter a correct username and password."


def english(client: Client) -> Client:
    """The pages in English: the new messages are asserted in their source language."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_ADDRESS = 6


@pytest.fixture
def client(client) -> Client:
    return english(client)


@pytest.fixture
def officer(db) -> User:
    return User.objects.create_user("phuong", password=PASSWORD, role=Role.WARD)


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("quantri", password=PASSWORD)


def sign_in(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client: Client, username: str, times: int, address: str = "10.0.0.1") -> None:
    for _ in range(times):
        response = sign_in(client, username, "sai-mat-khau", address)
        assert response.status_code in (200, 429)


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_failures_below_the_limit_are_only_wrong_passwords(client, officer):
    fail(client, "phuong", 2)

    response = sign_in(client, "phuong", "sai-mat-khau")

    assert response.status_code == 429  # the third failure locks
    assert LOCKED_TEXT in response.content.decode()
    assert WRONG_TEXT not in response.content.decode()


def test_after_the_limit_the_right_password_still_fails_with_the_message(client, officer):
    fail(client, "phuong", 3)

    response = sign_in(client, "phuong", PASSWORD)

    page = response.content.decode()
    assert response.status_code == 429
    assert f'<div class="alert alert-error" role="alert"><p>{LOCKED_TEXT}</p></div>' in page
    assert "<h1>Sign in</h1>" in page  # the normal page, with its form
    assert 'name="username" value="phuong"' in page
    assert WRONG_TEXT not in page
    assert not is_signed_in(client)


def test_the_admin_sign_in_is_locked_too_and_shows_the_same_message(client, admin_user):
    for _ in range(3):
        client.post("/admin/login/", {"username": "quantri", "password": "sai"})

    response = client.post("/admin/login/", {"username": "quantri", "password": PASSWORD})

    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not is_signed_in(client)


def test_the_account_lock_holds_from_every_address(client, officer):
    fail(client, "phuong", 3, address="10.0.0.1")

    response = sign_in(client, "phuong", PASSWORD, address="10.9.9.9")

    assert (response.status_code, is_signed_in(client)) == (429, False)


def test_a_success_before_the_limit_starts_the_count_again(client, officer):
    fail(client, "phuong", 2)
    assert sign_in(client, "phuong", PASSWORD).status_code == 302
    client.logout()

    fail(client, "phuong", 2)
    response = sign_in(client, "phuong", PASSWORD)

    assert (response.status_code, is_signed_in(client)) == (302, True)


def test_an_unknown_username_is_locked_like_a_real_one(client, officer):
    fail(client, "khong-co-ai", 3)

    response = sign_in(client, "khong-co-ai", "bat-ky")

    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()


def test_colleagues_behind_one_address_are_not_locked_by_a_few_typos(client, officer):
    User.objects.create_user("dong-nghiep", password=PASSWORD, role=Role.WARD)
    fail(client, "khach-1", 2)
    fail(client, "khach-2", 2)
    fail(client, "dong-nghiep", 1)  # 5 failures from the address, limit 6

    response = sign_in(client, "phuong", PASSWORD)

    assert (response.status_code, is_signed_in(client)) == (302, True)


def test_an_address_is_locked_after_its_own_limit_for_every_account(client, officer):
    for name in ("a", "b", "c"):
        fail(client, name, 2)  # 6 failures from 10.0.0.1, none reaching an account's 3

    from_there = sign_in(client, "phuong", PASSWORD, address="10.0.0.1")
    from_elsewhere = sign_in(client, "phuong", PASSWORD, address="10.0.0.2")

    assert from_there.status_code == 429
    assert LOCKED_TEXT in from_there.content.decode()
    assert from_elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(client, officer):
    for n, name in enumerate(("a", "b", "c", "d", "e", "f")):
        client.post(
            "/login/",
            {"username": name, "password": "sai"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    response = sign_in(client, "phuong", PASSWORD, address="10.0.0.1")

    assert (response.status_code, is_signed_in(client)) == (429, False)


def test_unlocking_the_account_lets_the_right_password_in(client, officer, admin_user):
    fail(client, "phuong", 3)

    removed = account_unlock(actor=admin_user, username="phuong")
    response = sign_in(client, "phuong", PASSWORD)

    assert removed == 1
    assert (response.status_code, response.url, is_signed_in(client)) == (302, "/", True)


def test_unlocking_an_address_lifts_its_lock(client, officer, admin_user):
    for name in ("a", "b", "c"):
        fail(client, name, 2)

    removed = account_unlock(actor=admin_user, address="10.0.0.1")
    response = sign_in(client, "phuong", PASSWORD)

    assert removed == 3
    assert (response.status_code, is_signed_in(client)) == (302, True)


def test_unlock_records_who_unlocked(client, officer, admin_user):
    fail(client, "phuong", 3)

    account_unlock(actor=admin_user, username="phuong")

    event = SignInEvent.objects.get(kind=SignInEvent.Kind.UNLOCKED)
    assert (event.username, event.user, event.actor, event.address) == (
        "phuong",
        officer,
        admin_user,
        None,
    )


def test_unlocking_what_is_not_locked_changes_nothing(officer, admin_user):
    assert account_unlock(actor=admin_user, username="phuong") == 0
    assert not SignInEvent.objects.filter(kind=SignInEvent.Kind.UNLOCKED).exists()


@pytest.mark.parametrize(
    ("username", "address", "message"),
    [
        (None, None, "Name either an account or an address to unlock."),
        ("phuong", "10.0.0.1", "Name either an account or an address to unlock."),
        ("  ", None, "Name either an account or an address to unlock."),
        (None, "10.0.0.999", "10.0.0.999 is not an IP address."),
        (None, "phuong", "phuong is not an IP address."),
    ],
)
def test_unlock_refuses_a_muddled_request(client, officer, admin_user, username, address, message):
    fail(client, "phuong", 3)

    with pytest.raises(ValidationError) as refused:
        account_unlock(actor=admin_user, username=username, address=address)

    with translation.override("en"):
        assert refused.value.messages == [message]
    assert sign_in(client, "phuong", PASSWORD).status_code == 429


def test_only_an_administrator_may_unlock(client, officer):
    fail(client, "phuong", 3)
    colleague = User.objects.create_user("dong-nghiep", password=PASSWORD, role=Role.MINISTRY)

    with pytest.raises(PermissionDenied):
        account_unlock(actor=colleague, username="phuong")

    assert sign_in(client, "phuong", PASSWORD).status_code == 429


def test_the_admin_action_unlocks_the_chosen_accounts(client, officer, admin_user):
    fail(client, "phuong", 3)
    admin = english(TwoFactorClient())
    admin.force_login(admin_user)

    response = admin.post(
        "/admin/accounts/user/",
        {"action": "unlock_sign_in", "_selected_action": [officer.pk, admin_user.pk]},
        follow=True,
    )

    assert "Unlocked: phuong." in response.content.decode()
    assert sign_in(client, "phuong", PASSWORD).status_code == 302
    assert SignInEvent.objects.get(kind=SignInEvent.Kind.UNLOCKED).actor == admin_user


def test_the_admin_action_says_when_nothing_was_locked(officer, admin_user):
    admin = english(TwoFactorClient())
    admin.force_login(admin_user)

    response = admin.post(
        "/admin/accounts/user/",
        {"action": "unlock_sign_in", "_selected_action": [officer.pk]},
        follow=True,
    )

    assert "None of these accounts was locked." in response.content.decode()


def test_the_command_unlocks_an_account(client, officer):
    fail(client, "phuong", 3)
    out = StringIO()

    call_command("unlock", "phuong", stdout=out)

    assert out.getvalue() == "Đã mở khóa tài khoản phuong (xóa 1 bản ghi đăng nhập sai).\n"
    assert sign_in(client, "phuong", PASSWORD).status_code == 302
    event = SignInEvent.objects.get(kind=SignInEvent.Kind.UNLOCKED)
    assert (event.username, event.actor) == ("phuong", None)


def test_the_command_unlocks_an_address(client, officer):
    for name in ("a", "b", "c"):
        fail(client, name, 2)
    out = StringIO()

    call_command("unlock", "--address", "10.0.0.1", stdout=out)

    assert out.getvalue() == "Đã mở khóa địa chỉ 10.0.0.1 (xóa 3 bản ghi đăng nhập sai).\n"
    assert sign_in(client, "phuong", PASSWORD).status_code == 302


def test_the_command_says_when_nothing_was_locked(officer):
    out = StringIO()

    call_command("unlock", "phuong", stdout=out)

    assert out.getvalue() == "Không có gì thay đổi: tài khoản phuong không bị khóa.\n"


def test_the_command_refuses_a_bad_address(client, officer):
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("unlock", "--address", "khong-phai-ip")

    assert str(refused.value) == "khong-phai-ip is not an IP address."
