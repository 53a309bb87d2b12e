import datetime
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kieumau.adminunits.models import AdminUnit
from kieumau.context import services
from kieumau.context.models import DirectiveDocument

from .conftest import PDF, exe, pdf, png, stored_files

Issuer, Kind = DirectiveDocument.Issuer, DirectiveDocument.Kind
RESOLUTION = {
    "issuer": Issuer.PARTY_COMMITTEE,
    "kind": Kind.RESOLUTION,
    "number": "15-NQ/TU",
    "date": datetime.date(2023, 3, 1),
    "title": "Về xây dựng Công an phường điển hình, kiểu mẫu",
}


def add(world, **changes) -> DirectiveDocument:
    values = {"actor": world.users["province_own"], "province": world.nghe_an, **RESOLUTION}
    return services.directive_document_add(**(values | changes))


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_directive_document_add_records_the_document_and_its_checked_file(world, media):
    document = add(world, number=" 15-NQ/TU ", upload=pdf("Nghị quyết 15.pdf"))

    document.refresh_from_db()
    assert (document.number, document.province, document.created_by) == (
        "15-NQ/TU",
        world.nghe_an,
        world.users["province_own"],
    )
    assert document.file_name == "Nghị_quyết_15.pdf"
    assert document.file_content_type == "application/pdf"
    assert document.file_size == len(PDF)
    assert document.file_sha256 == hashlib.sha256(PDF).hexdigest()
    assert re.fullmatch(r"directives/[0-9a-f]{32}\.pdf", document.file.name)
    assert stored_files(media) == [document.file.name]
    assert (media / document.file.name).read_bytes() == PDF


def test_directive_document_add_without_a_file_stores_nothing(world, media):
    document = add(world)

    assert not document.file
    assert (document.file_name, document.file_size) == ("", None)
    assert stored_files(media) == []


def test_directive_document_add_refuses_a_renamed_executable_and_stores_nothing(world, media):
    with pytest.raises(ValidationError) as refused:
        add(world, upload=exe("nghi-quyet.pdf"))

    assert messages(refused.value) == {
        "file": [
            "«nghi-quyet.pdf»: Loại tệp không được chấp nhận (application/x-msdownload); chỉ"
            " nhận: doc, docx, ods, odt, pdf, ppt, pptx, xls, xlsx."
        ]
    }
    assert not DirectiveDocument.objects.exists()
    assert stored_files(media) == []


def test_directive_document_add_refuses_an_image(world, media):
    with pytest.raises(ValidationError, match="image/png"):
        add(world, upload=png())

    assert stored_files(media) == []


def test_directive_document_add_refuses_a_unit_that_is_not_a_province(world):
    ward = AdminUnit.objects.get(admin_map=world.admin_map, code="16690")

    with pytest.raises(ValidationError) as refused:
        add(world, province=ward)

    assert messages(refused.value) == {
        "province": ["Văn bản chỉ đạo phải gắn với một tỉnh, thành phố."]
    }


def test_directive_document_add_refuses_a_date_in_the_future(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        add(world, date=tomorrow)

    assert messages(refused.value) == {"date": ["Ngày ban hành không được sau ngày hôm nay."]}


def test_directive_document_add_accepts_todays_date(world):
    assert add(world, date=timezone.localdate()).pk


def test_directive_document_add_refuses_the_same_number_date_and_issuer(world, media):
    add(world)

    with pytest.raises(ValidationError) as refused:
        add(world, number="15-nq/tu", upload=pdf())

    assert messages(refused.value) == {
        "number": [
            "Văn bản số 15-nq/tu ngày 01/03/2023 của cùng cơ quan ban hành đã được ghi nhận"
            " cho Tỉnh Nghệ An."
        ]
    }
    assert DirectiveDocument.objects.count() == 1
    assert stored_files(media) == []


def test_directive_document_add_accepts_the_same_number_from_another_issuer_or_province(world):
    add(world)
    add(world, issuer=Issuer.PEOPLES_COMMITTEE, kind=Kind.SCHEME)
    add(world, actor=world.users["province_other"], province=world.hanoi)

    assert DirectiveDocument.objects.filter(number="15-NQ/TU").count() == 3


def test_directive_document_add_turns_a_simultaneous_duplicate_into_a_message(
    world, media, monkeypatch
):
    add(world)
    # Another officer's identical document commits between this one's checks and its insert:
    # every check passes, the database's unique constraint refuses the row.
    monkeypatch.setattr(services, "_directive_duplicate_exists", lambda document: False)
    monkeypatch.setattr(DirectiveDocument, "validate_constraints", lambda self, exclude=None: None)

    with pytest.raises(ValidationError) as refused:
        add(world, upload=pdf())

    assert messages(refused.value) == {
        "number": [
            "Văn bản số 15-NQ/TU ngày 01/03/2023 của cùng cơ quan ban hành đã được ghi nhận"
            " cho Tỉnh Nghệ An."
        ]
    }
    assert DirectiveDocument.objects.count() == 1
    assert stored_files(media) == []


def test_directive_document_model_constraint_speaks_vietnamese(world):
    document = add(world)
    document.pk = None

    with pytest.raises(ValidationError) as refused:
        document.full_clean()

    assert refused.value.messages == [
        "Văn bản cùng số, ngày và cơ quan ban hành đã được ghi nhận cho tỉnh này."
    ]


def test_directive_document_add_reports_every_problem_at_once(world):
    with pytest.raises(ValidationError) as refused:
        add(world, number="  ", title="", kind="sac_lenh", issuer="quoc_hoi")

    assert messages(refused.value) == {
        "issuer": ["Cơ quan ban hành không hợp lệ."],
        "kind": ["Loại văn bản không hợp lệ."],
        "number": ["Số, ký hiệu văn bản không được để trống."],
        "title": ["Trích yếu không được để trống."],
    }


def test_directive_document_update_changes_fields_and_replaces_the_file(
    world, media, django_capture_on_commit_callbacks
):
    document = add(world, upload=pdf("cu.pdf"))
    old_name = document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        updated = services.directive_document_update(
            actor=world.users["province_own"],
            document=document,
            kind=Kind.CONCLUSION,
            title="  Kết luận   về sơ kết một năm ",
            upload=pdf("moi.pdf"),
        )

    updated.refresh_from_db()
    assert (updated.kind, updated.title, updated.number) == (
        Kind.CONCLUSION,
        "Kết luận về sơ kết một năm",
        "15-NQ/TU",
    )
    assert updated.file_name == "moi.pdf"
    assert updated.file.name != old_name
    assert stored_files(media) == [updated.file.name]


def test_directive_document_update_removes_the_file(
    world, media, django_capture_on_commit_callbacks
):
    document = add(world, upload=pdf())

    with django_capture_on_commit_callbacks(execute=True):
        services.directive_document_update(
            actor=world.users["province_own"], document=document, remove_file=True
        )

    document.refresh_from_db()
    assert not document.file
    assert (document.file_name, document.file_sha256, document.file_size) == ("", "", None)
    assert stored_files(media) == []


def test_directive_document_update_refuses_a_duplicate_and_changes_nothing(world, media):
    add(world)
    other = add(world, number="16-NQ/TU", upload=pdf())
    before = DirectiveDocument.objects.values().get(pk=other.pk)
    files_before = stored_files(media)

    with pytest.raises(ValidationError, match="Văn bản số 15-NQ/TU ngày 01/03/2023"):
        services.directive_document_update(
            actor=world.users["province_own"], document=other, number="15-NQ/TU", upload=pdf()
        )

    assert DirectiveDocument.objects.values().get(pk=other.pk) == before
    assert stored_files(media) == files_before


def test_directive_document_update_refuses_a_new_file_and_its_removal_together(world):
    document = add(world)

    with pytest.raises(ValidationError) as refused:
        services.directive_document_update(
            actor=world.users["province_own"], document=document, upload=pdf(), remove_file=True
        )

    assert messages(refused.value) == {"file": ["Chỉ chọn một việc: thay tệp hoặc gỡ tệp."]}


def test_directive_document_remove_deletes_the_row_and_then_its_file(
    world, media, django_capture_on_commit_callbacks
):
    document = add(world, upload=pdf())

    with django_capture_on_commit_callbacks() as callbacks:
        services.directive_document_remove(actor=world.users["province_own"], document=document)

    assert not DirectiveDocument.objects.exists()
    assert stored_files(media) == [document.file.name]  # kept until the deletion is committed
    for callback in callbacks:
        callback()
    assert stored_files(media) == []
