"""Evidence files through the API: uploaded by the ward while the assessment is with it, read
within scope, downloaded as attachments, refused (and not stored) when not what they claim."""

from django.utils import translation

from kieumau.assessments.models import Evidence
from kieumau.assessments.services import assessment_submit
from tests.api.writes import PDF, pdf, renamed_executable, snapshot, stored_files
from tests.assessments.factories import evidence_create, result_of


def upload(api, result, file, *, as_, **fields):
    return api.upload(f"/api/v1/results/{result.pk}/evidence", {"file": file, **fields}, as_=as_)


def test_the_ward_uploads_a_file_stored_with_its_hash(api, people, assessment, media_root):
    result = result_of(assessment, "TC01")

    response = upload(api, result, pdf("Biên bản họp.pdf"), as_=people.ward_own, version=1)

    assert response.status_code == 201
    body = response.json()
    evidence = Evidence.objects.get()
    assert body["id"] == evidence.pk
    assert (body["result"], body["name"], body["content_type"]) == (
        result.pk,
        "Biên_bản_họp.pdf",
        "application/pdf",
    )
    assert body["size"] == len(PDF) == evidence.size
    assert body["uploaded_by"] == "phuong"
    assert (media_root / evidence.file.name).read_bytes() == PDF
    assessment.refresh_from_db()
    assert assessment.version == 2


def test_the_list_of_a_result_shows_its_files_oldest_first(api, people, assessment):
    result = result_of(assessment, "TC03")
    first = evidence_create(result, people.ward_own, name="a.pdf")
    second = evidence_create(result, people.ward_own, name="b.pdf")
    evidence_create(result_of(assessment, "TC04"), people.ward_own)

    response = api.get(f"/api/v1/results/{result.pk}/evidence", as_=people.province_own)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert [item["id"] for item in response.json()["items"]] == [first.pk, second.pk]


def test_a_file_downloads_as_an_attachment_under_its_name(api, people, assessment):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own, name="bien-ban.pdf")

    response = api.get(f"/api/v1/evidence/{evidence.pk}/file", as_=people.viewer)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_one_files_record_reads_by_id(api, people, assessment):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)

    response = api.get(f"/api/v1/evidence/{evidence.pk}", as_=people.province_own)

    assert response.status_code == 200
    assert response.json()["sha256"] == evidence.sha256


def test_the_ward_removes_a_file_and_it_leaves_storage(
    api, people, assessment, media_root, django_capture_on_commit_callbacks
):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)
    name = evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"/api/v1/evidence/{evidence.pk}?version=1", as_=people.ward_own)

    assert response.status_code == 204
    assert not Evidence.objects.exists()
    assessment.refresh_from_db()
    assert assessment.version == 2
    assert name not in stored_files(media_root)


def test_a_renamed_executable_is_refused_and_nothing_is_stored(api, people, assessment, media_root):
    before = snapshot()

    with translation.override("en"):
        response = upload(
            api, result_of(assessment, "TC01"), renamed_executable(), as_=people.ward_own
        )

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert "This type of file is not accepted" in error["message"]["en"]
    assert "pdf" in error["message"]["en"]
    assert snapshot() == before
    assert stored_files(media_root) == []


def test_an_empty_or_missing_file_is_refused(api, people, assessment, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    result = result_of(assessment, "TC01")
    empty = upload(api, result, SimpleUploadedFile("x.pdf", b""), as_=people.ward_own)
    missing = api.upload(f"/api/v1/results/{result.pk}/evidence", {}, as_=people.ward_own)

    assert empty.status_code == 422
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["file"]
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_no_file_is_added_or_removed_once_submitted(api, people, assessment, media_root):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    before = snapshot()
    files = stored_files(media_root)

    added = upload(api, result_of(assessment, "TC02"), pdf(), as_=people.ward_own)
    removed = api.delete(f"/api/v1/evidence/{evidence.pk}", as_=people.ward_own)

    assert (added.status_code, removed.status_code) == (422, 422)
    assert snapshot() == before
    assert stored_files(media_root) == files


def test_a_stale_version_on_upload_is_a_conflict(api, people, assessment, media_root):
    response = upload(api, result_of(assessment, "TC01"), pdf(), as_=people.ward_own, version=7)

    assert response.status_code == 409
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_only_the_ward_uploads_and_removes(api, people, assessment, media_root):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)
    before = snapshot()

    for user in (people.province_own, people.ministry, people.viewer):
        assert upload(api, result_of(assessment, "TC02"), pdf(), as_=user).status_code == 403
        assert api.delete(f"/api/v1/evidence/{evidence.pk}", as_=user).status_code == 403
    assert snapshot() == before


def test_unknown_ids_are_404(api, people, assessment):
    for path in (
        "/api/v1/results/99999/evidence",
        "/api/v1/evidence/99999",
        "/api/v1/evidence/99999/file",
    ):
        assert api.get(path, as_=people.ministry).status_code == 404
    assert api.delete("/api/v1/evidence/99999", as_=people.ward_own).status_code == 404
