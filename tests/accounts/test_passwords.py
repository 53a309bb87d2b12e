"""Passwords: stored with Argon2, older hashes upgraded at sign-in, weak ones refused in
Vietnamese."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from kieumau.accounts.models import Role, User
from kieumau.settings import PASSWORD_HASHERS

PASSWORD = "Dung-Mat-Khau-2025"


@pytest.fixture(autouse=True)
def production_hashers(settings):
    """The hashers of the settings module, at their real cost, not the suite's fast one."""
    settings.PASSWORD_HASHERS = PASSWORD_HASHERS


@pytest.fixture
def officer(db) -> User:
    return User.objects.create_user(
        "nguyenvana",
        password=PASSWORD,
        role=Role.WARD,
        first_name="Văn A",
        last_name="Nguyễn",
        email="nguyenvana@congan.example.vn",
    )


def change_password(client: Client, new: str):
    return client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )


def test_a_new_password_is_stored_with_argon2(officer):
    algorithm, *_parts = officer.password.split("$")

    assert algorithm == "argon2"
    assert officer.check_password(PASSWORD)


def test_a_changed_password_is_stored_with_argon2(client, officer):
    client.force_login(officer)

    response = change_password(client, "Mot-Mat-Khau-Moi-2026")

    officer.refresh_from_db()
    assert (response.status_code, response.url) == (302, "/")
    assert officer.password.startswith("argon2$argon2id$")
    assert officer.check_password("Mot-Mat-Khau-Moi-2026")


def test_an_old_pbkdf2_hash_is_upgraded_to_argon2_at_sign_in(client, officer):
    User.objects.filter(pk=officer.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )

    response = client.post("/login/", {"username": "nguyenvana", "password": PASSWORD})

    officer.refresh_from_db()
    assert (response.status_code, response.url) == (302, "/")
    assert officer.password.startswith("argon2$argon2id$")
    assert officer.check_password(PASSWORD)


def test_a_hash_of_a_hasher_no_longer_accepted_does_not_sign_in(client, officer):
    unsalted_md5 = "5f4dcc3b5aa765d61d8327deb882cf99"  # "password", from a legacy import
    User.objects.filter(pk=officer.pk).update(password=unsalted_md5)

    response = client.post("/login/", {"username": "nguyenvana", "password": "password"})

    officer.refresh_from_db()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert officer.password == unsalted_md5


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Ng7#qz", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("password123", "Mật khẩu này quá phổ biến."),
        ("20252026202720", "Mật khẩu này hoàn toàn là số."),
        ("nguyenvana2025", "Mật khẩu quá giống với Tên đăng nhập."),
        ("nguyenvana@congan.example", "Mật khẩu quá giống với địa chỉ email."),
    ],
)
def test_a_weak_password_is_refused_in_vietnamese_and_nothing_changes(
    client, officer, new, message
):
    client.force_login(officer)
    before = officer.password

    response = change_password(client, new)

    officer.refresh_from_db()
    assert response.status_code == 200
    assert message in response.content.decode()
    assert officer.password == before
