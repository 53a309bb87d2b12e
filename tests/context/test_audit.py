"""Every change made through the context services is in the audit trail with its actor."""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from kieumau.context import services
from kieumau.context.models import (
    DirectiveDocument,
    GoodPractice,
    GoodPracticePhoto,
    GoodPracticeTag,
    Resources,
)

from .conftest import pdf, png

Action = LogEntry.Action


def entries(model, pk) -> list[tuple[int, str, dict]]:
    """(action, actor, changed fields) of one row's entries, oldest first."""
    return [
        (entry.action, entry.actor.username, sorted(entry.changes_dict))
        for entry in LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
        ).order_by("pk")
    ]


def test_directive_document_add_update_remove_are_audited_with_the_actor(world):
    officer = world.users["province_own"]
    document = services.directive_document_add(
        actor=officer,
        province=world.nghe_an,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="15-NQ/TU",
        date=datetime.date(2023, 3, 1),
        title="Về xây dựng Công an phường kiểu mẫu",
    )
    services.directive_document_update(
        actor=officer, document=document, title="Trích yếu đã sửa", upload=pdf()
    )
    services.directive_document_remove(actor=officer, document=document)

    created, updated, deleted = entries(DirectiveDocument, document.pk)
    assert created[:2] == (Action.CREATE, "province_own")
    assert updated == (
        Action.UPDATE,
        "province_own",
        ["file", "file_content_type", "file_name", "file_sha256", "file_size", "title"],
    )
    assert deleted[:2] == (Action.DELETE, "province_own")


def test_directive_document_update_records_before_and_after(world):
    officer = world.users["province_own"]
    document = services.directive_document_add(
        actor=officer,
        province=world.nghe_an,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="15-NQ/TU",
        date=datetime.date(2023, 3, 1),
        title="Cũ",
    )

    services.directive_document_update(actor=officer, document=document, title="Mới")

    entry = LogEntry.objects.get_for_object(document).get(action=Action.UPDATE)
    assert entry.changes_dict == {"title": ["Cũ", "Mới"]}


def test_resources_set_is_audited_as_a_create_then_an_update(world):
    values = {
        "registration": world.registration,
        "staff_norm": 30,
        "staff_actual": 28,
        "staff_under_35": 12,
        "staff_with_degree": 20,
        "headquarters": Resources.Headquarters.SHARED,
        "funding_planned_vnd": 0,
        "funding_disbursed_vnd": 0,
        "equipment_adequate": False,
    }
    officer = world.users["ward_own"]
    resources = services.resources_set(actor=officer, **values)
    services.resources_set(actor=officer, **(values | {"staff_actual": 30}))
    services.resources_set(actor=officer, **(values | {"staff_actual": 30}))  # no change

    assert entries(Resources, resources.pk)[0][:2] == (Action.CREATE, "ward_own")
    assert entries(Resources, resources.pk)[1:] == [(Action.UPDATE, "ward_own", ["staff_actual"])]


def test_good_practice_add_and_remove_are_audited_for_every_row(world):
    officer = world.users["ward_own"]
    practice = services.good_practice_add(
        actor=officer,
        registration=world.registration,
        title="Một cửa",
        description="Quầy một cửa.",
        tags=["dịch vụ công"],
        photos=[png()],
    )
    tag, photo = practice.tags.get(), practice.photos.get()

    services.good_practice_remove(actor=officer, practice=practice)

    for model, pk in (
        (GoodPractice, practice.pk),
        (GoodPracticeTag, tag.pk),
        (GoodPracticePhoto, photo.pk),
    ):
        assert [entry[:2] for entry in entries(model, pk)] == [
            (Action.CREATE, "ward_own"),
            (Action.DELETE, "ward_own"),
        ]
