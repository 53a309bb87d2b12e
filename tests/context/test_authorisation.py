"""Who may call each context service: service × role, allowed or Denied with nothing changed."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Denied
from kieumau.context import services
from kieumau.context.models import (
    DirectiveDocument,
    GoodPractice,
    GoodPracticePhoto,
    GoodPracticeTag,
    Resources,
)

from .conftest import PNG, ROLES, World, pdf, png, stored_files


@dataclass
class Subjects:
    world: World
    document: DirectiveDocument
    practice: GoodPractice
    photo: GoodPracticePhoto


@pytest.fixture
def subjects(world) -> Subjects:
    """Rows made with the ORM, so that refusals are tested against existing data."""
    document = DirectiveDocument.objects.create(
        province=world.nghe_an,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="15-NQ/TU",
        date=datetime.date(2023, 3, 1),
        title="Về xây dựng Công an phường điển hình, kiểu mẫu",
        created_by=world.users["province_own"],
    )
    practice = GoodPractice.objects.create(
        registration=world.registration,
        title="Dịch vụ công trực tuyến",
        description="Hướng dẫn người dân nộp hồ sơ trực tuyến.",
        created_by=world.users["ward_own"],
    )
    GoodPracticeTag.objects.create(practice=practice, name="dịch vụ công")
    photo = GoodPracticePhoto(
        practice=practice,
        original_name="tru-so.png",
        content_type="image/png",
        size=len(PNG),
        sha256="0" * 64,
    )
    photo.image.save("tru-so.png", ContentFile(PNG))
    return Subjects(world, document, practice, photo)


CALLS: dict[str, Callable[[Subjects, User], object]] = {
    "directive_document_add": lambda s, actor: services.directive_document_add(
        actor=actor,
        province=s.world.nghe_an,
        issuer=DirectiveDocument.Issuer.PEOPLES_COMMITTEE,
        kind=DirectiveDocument.Kind.SCHEME,
        number="12/ĐA-UBND",
        date=datetime.date(2023, 6, 1),
        title="Đề án xây dựng Công an phường kiểu mẫu",
        upload=pdf(),
    ),
    "directive_document_update": lambda s, actor: services.directive_document_update(
        actor=actor, document=s.document, title="Trích yếu mới", upload=pdf()
    ),
    "directive_document_remove": lambda s, actor: services.directive_document_remove(
        actor=actor, document=s.document
    ),
    "resources_set": lambda s, actor: services.resources_set(
        actor=actor,
        registration=s.world.registration,
        staff_norm=30,
        staff_actual=30,
        staff_under_35=10,
        staff_with_degree=20,
        headquarters=Resources.Headquarters.INDEPENDENT,
        funding_planned_vnd=1_000_000_000,
        funding_disbursed_vnd=0,
        equipment_adequate=True,
    ),
    "good_practice_add": lambda s, actor: services.good_practice_add(
        actor=actor,
        registration=s.world.registration,
        title="Camera an ninh cộng đồng",
        description="Người dân cùng lắp camera ở các ngõ.",
        tags=["camera"],
        photos=[png()],
    ),
    "good_practice_photo_add": lambda s, actor: services.good_practice_photo_add(
        actor=actor, practice=s.practice, upload=png()
    ),
    "good_practice_photo_remove": lambda s, actor: services.good_practice_photo_remove(
        actor=actor, photo=s.photo
    ),
    "good_practice_remove": lambda s, actor: services.good_practice_remove(
        actor=actor, practice=s.practice
    ),
}

ALLOWED_ROLES = {name: {"ward_own"} for name in CALLS} | {
    # the province enters what it collected from its wards in a workbook
    "resources_set": {"ward_own", "province_own"},
    "directive_document_add": {"province_own"},
    "directive_document_update": {"province_own"},
    "directive_document_remove": {"province_own"},
}


def snapshot(media) -> dict[str, list]:
    models = (DirectiveDocument, Resources, GoodPractice, GoodPracticeTag, GoodPracticePhoto)
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    return rows | {
        "log": list(LogEntry.objects.order_by("pk").values_list("pk", flat=True)),
        "files": stored_files(media),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("service", CALLS)
def test_only_the_officer_of_the_unit_may_call_the_service(
    subjects, media, django_capture_on_commit_callbacks, service, role
):
    before = snapshot(media)
    actor = subjects.world.users[role]

    if role in ALLOWED_ROLES[service]:
        with django_capture_on_commit_callbacks(execute=True):
            CALLS[service](subjects, actor)
        assert snapshot(media) != before
    else:
        with pytest.raises(Denied):
            CALLS[service](subjects, actor)
        assert snapshot(media) == before


def test_a_refusal_says_who_may_do_it(subjects):
    with pytest.raises(Denied, match=r"^Chỉ Công an tỉnh được cập nhật văn bản chỉ đạo"):
        CALLS["directive_document_add"](subjects, subjects.world.users["ward_own"])
    with pytest.raises(Denied, match=r"^Chỉ Công an phường được nhập kết quả tự đánh giá"):
        CALLS["good_practice_add"](subjects, subjects.world.users["province_own"])


def test_an_inactive_officer_of_the_unit_is_refused(subjects, media):
    officer = subjects.world.users["ward_own"]
    officer.is_active = False
    officer.save()
    before = snapshot(media)

    with pytest.raises(Denied):
        CALLS["good_practice_add"](subjects, officer)

    assert snapshot(media) == before
