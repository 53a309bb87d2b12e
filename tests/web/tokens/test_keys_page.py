"""The "API keys" page: every officer lists, creates (shown once) and revokes their own keys."""

import hashlib
import re

import pytest
from django.utils import translation

from kieumau.api.models import ApiToken
from kieumau.api.tokens import token_create
from tests.web.test_page_markup import EVENT_ATTRIBUTE, INLINE_SCRIPT, STYLE_ATTRIBUTE

URL = "/account/api-keys/"
KEY = re.compile(r"km_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English: the new texts' Vietnamese arrives with the next translation round."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _me(client, key: str):
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_the_page_lists_only_the_users_own_keys(client, people):
    token_create(actor=people.province_own, name="Provincial reporting")
    token_create(actor=people.province_other, name="Hanoi dashboard")
    client.force_login(people.province_own)

    page = _page(client.get(URL))

    assert "Provincial reporting" in page
    assert "Hanoi dashboard" not in page
    own = ApiToken.objects.get(user=people.province_own)
    assert f"km_{own.prefix}_…" in page
    assert 'href="/api/docs"' in page


@pytest.mark.parametrize("role", ["ward_own", "province_own", "ministry", "viewer"])
def test_every_signed_in_officer_finds_the_page_in_the_menu(client, people, role):
    client.force_login(getattr(people, role))

    page = _page(client.get(URL))

    assert f'<a href="{URL}" aria-current="page">' in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_new_key_is_shown_once_and_only_its_hash_is_kept(client, people):
    client.force_login(people.ward_own)

    created = client.post(URL, {"name": "Ward tablet"})

    page = _page(created)
    keys = KEY.findall(page)
    assert len(set(keys)) == 1
    key = keys[0]
    token = ApiToken.objects.get(user=people.ward_own)
    prefix, secret = key.split("_", 2)[1:]
    assert token.name == "Ward tablet"
    assert token.prefix == prefix
    assert token.key_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert "it is shown only this once" in page
    assert "no-store" in created["Cache-Control"]
    assert key not in str(dict(client.session))
    listing = _page(client.get(URL))
    assert key not in listing
    assert secret not in listing
    assert f"km_{prefix}_…" in listing
    assert _me(client, key).json()["username"] == people.ward_own.username


def test_a_key_without_a_name_is_refused_with_a_message(client, people):
    client.force_login(people.ward_own)

    page = _page(client.post(URL, {"name": "   "}))

    assert '<p class="field-error" id="id_name_error">This field is required.</p>' in page
    assert not ApiToken.objects.exists()
    assert not KEY.findall(page)


def test_a_revoked_key_is_refused_by_the_api(client, people):
    issued = token_create(actor=people.province_own, name="Old system")
    client.force_login(people.province_own)
    assert _me(client, issued.key).status_code == 200

    response = client.post(f"{URL}{issued.token.pk}/revoke/", follow=True)

    page = _page(response)
    assert "The key “Old system” is revoked." in page
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert "Revoked " in page
    assert _me(client, issued.key).status_code == 401


def test_another_users_key_is_not_found_and_stays_active(client, people):
    issued = token_create(actor=people.province_other, name="Hanoi dashboard")
    client.force_login(people.province_own)

    response = client.post(f"{URL}{issued.token.pk}/revoke/")

    assert response.status_code == 404
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None
    assert _me(client, issued.key).status_code == 200


def test_revoking_needs_a_post(client, people):
    issued = token_create(actor=people.province_own, name="Old system")
    client.force_login(people.province_own)

    response = client.get(f"{URL}{issued.token.pk}/revoke/")

    assert response.status_code == 405
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None


def test_the_pages_have_no_inline_script_or_style(client, people):
    token_create(actor=people.ward_own, name="Ward tablet")
    client.force_login(people.ward_own)

    for page in (_page(client.get(URL)), _page(client.post(URL, {"name": "Second"}))):
        assert not INLINE_SCRIPT.findall(page)
        assert not STYLE_ATTRIBUTE.findall(page)
        assert not EVENT_ATTRIBUTE.findall(page)


def test_a_key_beyond_the_limit_is_refused_beside_the_name(client, people, settings):
    from kieumau.api.tokens import MAX_ACTIVE_TOKENS

    for number in range(MAX_ACTIVE_TOKENS):
        token_create(actor=people.viewer, name=f"Key {number}")
    client.force_login(people.viewer)

    page = _page(client.post(URL, {"name": "One more"}))

    assert f"You already have {MAX_ACTIVE_TOKENS} active keys; revoke one first." in page
    assert ApiToken.objects.filter(user=people.viewer).count() == MAX_ACTIVE_TOKENS
    assert not KEY.findall(page)
