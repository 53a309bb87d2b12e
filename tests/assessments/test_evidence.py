import hashlib
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import Assessment, Evidence, State
from kieumau.assessments.services import evidence_add, evidence_open, evidence_remove

from .database import database_state, stored_files
from .factories import EXE, PDF, evidence_create, result_of


def _upload(content: bytes = PDF, name: str = "Biên bản kiểm tra.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_evidence_file_is_stored_under_a_random_name_with_its_sha256(
    assessment, people, media_root
):
    evidence = evidence_add(
        actor=people.ward_own, result=result_of(assessment, "1"), upload=_upload(), version=1
    )

    evidence = Evidence.objects.get(pk=evidence.pk)
    on_disk = Path(media_root, evidence.file.name)
    assert evidence.file.name == f"evidence/{evidence.sha256[:2]}/{evidence.storage_name}"
    assert evidence.sha256 == hashlib.sha256(on_disk.read_bytes()).hexdigest()
    assert on_disk.read_bytes() == PDF
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "Biên_bản_kiểm_tra.pdf",
        "application/pdf",
        len(PDF),
    )
    assert evidence.uploaded_by == people.ward_own
    assert stored_files() == [evidence.file.name]
    assert Assessment.objects.get(pk=assessment.pk).version == 2


def test_adding_evidence_without_a_version_still_bumps_it(assessment, people):
    evidence_add(actor=people.ward_own, result=result_of(assessment, "1"), upload=_upload())

    assert Assessment.objects.get(pk=assessment.pk).version == 2


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(assessment, people):
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Loại tệp không được chấp nhận"):
        evidence_add(
            actor=people.ward_own,
            result=result_of(assessment, "1"),
            upload=_upload(EXE, "bao-cao.pdf"),
            version=1,
        )

    assert database_state(assessment) == before
    assert stored_files() == []


def test_an_oversized_file_is_refused_and_nothing_is_stored(assessment, people, settings):
    settings.UPLOAD_MAX_BYTES = 1_048_576
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="vượt giới hạn 1 MB"):
        evidence_add(
            actor=people.ward_own,
            result=result_of(assessment, "1"),
            upload=_upload(PDF + b"0" * 1_048_576),
            version=1,
        )

    assert database_state(assessment) == before
    assert stored_files() == []


def test_a_criterion_takes_at_most_the_configured_number_of_files(assessment, people, settings):
    settings.EVIDENCE_MAX_FILES_PER_CRITERION = 2
    result = result_of(assessment, "1")
    for _ in range(2):
        evidence_add(actor=people.ward_own, result=result, upload=_upload())
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        evidence_add(actor=people.ward_own, result=result, upload=_upload())

    assert refused.value.messages == [
        "Tiêu chí 1 đã có đủ 2 tệp minh chứng; hãy xóa bớt trước khi thêm."
    ]
    assert database_state(assessment) == before
    assert len(stored_files()) == 2


def test_evidence_cannot_be_added_once_submitted(assessment, people):
    Assessment.objects.filter(pk=assessment.pk).update(state=State.SUBMITTED)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Chỉ được thêm minh chứng khi"):
        evidence_add(actor=people.ward_own, result=result_of(assessment, "1"), upload=_upload())

    assert database_state(assessment) == before


def test_a_ward_officer_cannot_touch_another_wards_evidence(assessment, people):
    evidence = evidence_create(result_of(assessment, "1"), people.ward_own)
    before = database_state(assessment)

    with pytest.raises(Denied):
        evidence_add(actor=people.ward_other, result=result_of(assessment, "1"), upload=_upload())
    with pytest.raises(Denied):
        evidence_remove(actor=people.ward_other, evidence=evidence)
    with pytest.raises(Denied):
        evidence_open(actor=people.ward_other, evidence=evidence)

    assert database_state(assessment) == before


def test_removing_evidence_deletes_the_row_and_then_the_file(
    assessment, people, django_capture_on_commit_callbacks
):
    evidence = evidence_create(result_of(assessment, "1"), people.ward_own)

    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(actor=people.ward_own, evidence=evidence, version=1)

    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert stored_files() == []
    entry = LogEntry.objects.get_for_object(evidence).get(action=LogEntry.Action.DELETE)
    assert entry.actor == people.ward_own


def test_a_refused_removal_keeps_row_and_file(assessment, people):
    evidence = evidence_create(result_of(assessment, "1"), people.ward_own)
    Assessment.objects.filter(pk=assessment.pk).update(state=State.PROVINCE_APPROVED)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Chỉ được xóa minh chứng khi"):
        evidence_remove(actor=people.ward_own, evidence=evidence)

    assert database_state(assessment) == before
    assert stored_files() == [evidence.file.name]


def test_the_province_reads_an_evidence_file_of_its_ward(assessment, people):
    evidence = evidence_create(result_of(assessment, "1"), people.ward_own)

    with evidence_open(actor=people.province_own, evidence=evidence) as opened:
        assert opened.read() == PDF


def test_adding_evidence_is_audited_with_its_actor(assessment, people):
    evidence = evidence_add(
        actor=people.ward_own, result=result_of(assessment, "2"), upload=_upload()
    )

    entry = LogEntry.objects.get_for_object(evidence).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, people.ward_own)
    assert entry.changes_dict["sha256"] == [None, hashlib.sha256(PDF).hexdigest()]
