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


@dataclass
class Figures:
    """A round with something in every figure: see ``figures``."""

    round: object
    assessment: object  # Trường Vinh, draft, with resources recorded
    recognised: list  # Nghệ An: full, 22/22
    approved: list  # Nghệ An: basic, 20/22
    other_province: list  # Hà Nội: submitted, not met, 12/22
    document: object  # Nghệ An's party committee resolution


@pytest.fixture
def figures(round, people, assessment) -> Figures:  # noqa: F811
    """The 2025 round with quotas, targets, a directive document, resources and assessments
    in several states in Nghệ An (40) and Hà Nội (01)."""
    import datetime

    from kieumau.assessments.models import Assessment, State
    from kieumau.context.services import directive_document_add, resources_set
    from kieumau.programme.services import quotas_compute, target_set
    from tests.web.factories import wards_register

    quotas_compute(actor=people.ministry, round=round)
    target_set(actor=people.ministry, year=2025, province=None, minimum=30, stretch=50)
    target_set(
        actor=people.ministry, year=2025, province=people.province_own.unit, minimum=5, stretch=10
    )
    nghe_an, ha_noi = people.province_own.unit, people.province_other.unit
    recognised = wards_register(round, people.province_own, 2, province=nghe_an)
    approved = wards_register(round, people.province_own, 1, province=nghe_an)
    other = wards_register(round, people.province_other, 2, province=ha_noi)
    for group, state, level, met in (
        (recognised, State.RECOGNISED, "full", 22),
        (approved, State.PROVINCE_APPROVED, "basic", 20),
        (other, State.SUBMITTED, "not_met", 12),
    ):
        Assessment.objects.filter(pk__in=[a.pk for a in group]).update(
            state=state, level=level, met_count=met
        )
    document = directive_document_add(
        actor=people.province_own,
        province=nghe_an,
        issuer="party_committee",
        kind="nghi_quyet",
        number="15-NQ/TU",
        date=datetime.date(2023, 6, 1),
        title="Nghị quyết về xây dựng Công an phường kiểu mẫu",
    )
    resources_set(
        actor=people.ward_own,
        registration=assessment.registration,
        staff_norm=20,
        staff_actual=18,
        staff_under_35=9,
        staff_with_degree=12,
        headquarters="independent",
        funding_planned_vnd=1_000_000_000,
        funding_disbursed_vnd=400_000_000,
        equipment_adequate=True,
    )
    return Figures(round, assessment, recognised, approved, other, document)
