"""A small dataset with one real row behind every URL argument, and a client per role.

Built on the API tests' ``figures`` (a 2025 round with assessments in several states, quotas,
targets, a directive document and resources): this adds an evidence file, an action item, a
document with a file, a good practice with a photo, an API key, a recognition, second-factor
devices, lockout records and a group, so every admin page has a row to open.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.accounts.models import Role, User
from kieumau.api.models import ApiToken
from kieumau.api.tokens import token_create
from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
)
from kieumau.context.models import DirectiveDocument, GoodPracticePhoto
from kieumau.context.services import directive_document_add, good_practice_add
from tests.api.conftest import Figures, figures  # noqa: F401
from tests.assessments.factories import PDF, People, action_item_create, evidence_create
from tests.web.conftest import admin_map, assessment, media_root, people, round  # noqa: F401

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class Rows:
    people: People
    superuser: User
    assessment: Assessment  # Trường Vinh, draft
    result: CriterionResult
    evidence: Evidence
    action: ActionItem
    document: DirectiveDocument  # with a file
    photo: GoodPracticePhoto
    token: ApiToken  # the ward officer's
    token_keys: dict[int, str]  # user pk → bearer key

    def bearer(self, user: User) -> str:
        if user.pk not in self.token_keys:
            self.token_keys[user.pk] = token_create(actor=user, name="headers").key
        return self.token_keys[user.pk]


@pytest.fixture
def rows(figures, people) -> Rows:  # noqa: F811
    draft = figures.assessment
    result = draft.results.order_by("criterion__position").first()
    document = directive_document_add(
        actor=people.province_own,
        province=people.province_own.unit,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.DIRECTIVE,
        number="05-CT/TU",
        date=datetime.date(2023, 4, 10),
        title="Chỉ thị về xây dựng Công an phường kiểu mẫu",
        upload=SimpleUploadedFile("chi-thi.pdf", PDF),
    )
    practice = good_practice_add(
        actor=people.ward_own,
        registration=draft.registration,
        title="Quầy tiếp dân thân thiện",
        description="Bố trí quầy tiếp dân một cửa.",
        tags=[],
        photos=[SimpleUploadedFile("quay.png", PNG)],
    )
    issued = token_create(actor=people.ward_own, name="may-tinh-don-vi")
    Recognition.objects.create(
        assessment=figures.recognised[0],
        decision_number="123/QĐ-BCA",
        decision_date=datetime.date(2025, 12, 15),
        recognised_by=people.ministry,
    )
    superuser = User.objects.create_superuser("quan-tri", password=None, role=Role.MINISTRY)
    _admin_only_rows(superuser)
    return Rows(
        people=people,
        superuser=superuser,
        assessment=draft,
        result=result,
        evidence=evidence_create(result, people.ward_own),
        action=action_item_create(result),
        document=document,
        photo=practice.photos.get(),
        token=ApiToken.objects.get(user=people.ward_own, name="may-tinh-don-vi"),
        token_keys={people.ward_own.pk: issued.key},
    )


def _admin_only_rows(user: User) -> None:
    """Rows that only the admin shows: a group, second-factor devices, lockout records."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Group.objects.create(name="Văn phòng chương trình")
    TOTPDevice.objects.create(user=user, name="dien-thoai", confirmed=True)
    StaticDevice.objects.create(user=user, name="ma-du-phong", confirmed=True)
    attempt = {"username": "ke-la", "ip_address": "203.0.113.9", "user_agent": "curl"}
    AccessAttempt.objects.create(**attempt, failures_since_start=1, attempt_time=timezone.now())
    AccessLog.objects.create(**attempt, attempt_time=timezone.now())
    AccessFailureLog.objects.create(**attempt, attempt_time=timezone.now(), locked_out=False)
