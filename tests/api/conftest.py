"""Calling the API as each role: a personal key per person, sent as a bearer token."""

import json
from dataclasses import dataclass

import pytest
from django.test import Client

from kieumau.accounts.models import User
from kieumau.api.tokens import token_create
from tests.web.conftest import admin_map, assessment, media_root, people, round  # noqa: F401


@dataclass
class Api:
    """``api.get("/api/v1/me", as_=people.ward_own)`` → the response (``.json()`` to read)."""

    client: Client

    def _headers(self, user: User | None) -> dict:
        if user is None:
            return {}
        return {"HTTP_AUTHORIZATION": f"Bearer {key_for(user)}"}

    def get(self, path: str, *, as_: User | None, **query):
        return self.client.get(path, query, **self._headers(as_))

    def delete(self, path: str, *, as_: User | None):
        return self.client.delete(path, **self._headers(as_))

    def send(self, method: str, path: str, body, *, as_: User | None):
        """POST/PUT/PATCH a JSON body."""
        return self.client.generic(
            method, path, json.dumps(body), "application/json", **self._headers(as_)
        )

    def upload(self, path: str, data: dict, *, as_: User | None):
        """POST multipart form data (files as SimpleUploadedFile values)."""
        return self.client.post(path, data, **self._headers(as_))


_KEYS: dict[int, str] = {}


def key_for(user: User) -> str:
    """One key per user per test (the database is rolled back between tests)."""
    if user.pk not in _KEYS or not user.api_tokens.exists():
        _KEYS[user.pk] = token_create(actor=user, name="tests").key
    return _KEYS[user.pk]


@pytest.fixture
def api() -> Api:
    _KEYS.clear()
    return Api(Client())
