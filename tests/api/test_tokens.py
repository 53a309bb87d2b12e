"""Personal API keys: stored hashed, shown once, revocable; nothing without a valid key."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from kieumau.api.models import ApiToken
from kieumau.api.tokens import token_create, token_revoke, token_user


def test_a_key_is_stored_only_as_its_hash_and_names_its_owner(people):
    issued = token_create(actor=people.ward_own, name="Phần mềm quản lý hồ sơ")

    stored = ApiToken.objects.get()
    assert issued.key.startswith(f"km_{stored.prefix}_")
    secret = issued.key.split("_", 2)[2]
    assert stored.key_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())
    assert token_user(issued.key) == people.ward_own


@pytest.mark.parametrize(
    "mangle", [lambda k: k[:-1] + "x", lambda k: k + "x", lambda k: "km_", str.upper, lambda k: ""]
)
def test_a_wrong_key_belongs_to_nobody(people, mangle):
    issued = token_create(actor=people.ward_own, name="x")

    assert token_user(mangle(issued.key)) is None


def test_a_revoked_key_or_an_inactive_owner_no_longer_works(people):
    issued = token_create(actor=people.ward_own, name="x")
    other = token_create(actor=people.province_own, name="y")

    token_revoke(actor=people.ward_own, token=issued.token)
    people.province_own.is_active = False
    people.province_own.save()

    assert token_user(issued.key) is None
    assert token_user(other.key) is None


def test_nobody_revokes_another_officers_key(people):
    issued = token_create(actor=people.ward_own, name="x")

    with pytest.raises(ApiToken.DoesNotExist):
        token_revoke(actor=people.province_own, token=issued.token)
    assert token_user(issued.key) == people.ward_own


def test_a_key_needs_a_name(people):
    with pytest.raises(ValidationError) as refusal:
        token_create(actor=people.ward_own, name="  ")

    assert "name" in refusal.value.message_dict
    assert not ApiToken.objects.exists()


def test_the_api_answers_who_the_key_belongs_to(api, people):
    response = api.get("/api/v1/me", as_=people.province_own)

    assert response.status_code == 200
    assert response.json()["role"] == "province"
    assert response.json()["unit"]["code"] == "40"


def test_without_a_key_the_api_refuses_in_both_languages(api, people):
    response = api.get("/api/v1/me", as_=None)

    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert set(body["message"]) == {"vi", "en"}


def test_the_schema_and_the_docs_are_served_without_anything_remote(client):
    schema = client.get("/api/openapi.json")
    docs = client.get("/api/docs")

    assert schema.status_code == 200
    assert "/api/v1/me" in schema.json()["paths"]
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html
