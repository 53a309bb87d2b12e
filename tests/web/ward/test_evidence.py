import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.assessments.models import Evidence
from tests.assessments.actions import move
from tests.assessments.database import database_state, stored_files
from tests.assessments.factories import EXE, PDF, evidence_create, result_of

from .helpers import htmx_post, page, version_of

CONFLICT = "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc."


@pytest.fixture
def ward(client, people):
    client.force_login(people.ward_own)
    return client


def _pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_uploading_a_pdf_stores_it_and_lists_it_under_its_criterion(ward, assessment):
    result = result_of(assessment, "TC01")

    response = ward.post(
        f"/unit/criteria/{result.pk}/evidence/",
        {"version": 1, "files": [_pdf("Nghị quyết 12.pdf"), _pdf("ke-hoach.pdf")]},
        follow=True,
    )

    html = response.content.decode()
    assert response.redirect_chain == [(f"/unit/assessment/#criterion-{result.pk}", 302)]
    names = list(Evidence.objects.filter(result=result).values_list("original_name", flat=True))
    assert names == ["Nghị_quyết_12.pdf", "ke-hoach.pdf"]
    assert len(stored_files()) == 2
    assert "Đã tải lên: Nghị_quyết_12.pdf, ke-hoach.pdf." in html
    assert ">Nghị_quyết_12.pdf</a>" in html
    assert 'Minh chứng <span class="muted">(2)</span>' in html
    assert version_of(assessment) == 3


def test_uploading_through_htmx_answers_the_evidence_block_and_the_new_version(ward, assessment):
    result = result_of(assessment, "TC01")

    response = htmx_post(
        ward, f"/unit/criteria/{result.pk}/evidence/", {"version": 1, "files": [_pdf()]}
    )

    html = response.content.decode()
    assert html.lstrip().startswith(
        f'<div class="criterion-evidence evidence" id="evidence-{result.pk}">'
    )
    assert '<p class="alert alert-success" role="status">Đã tải lên: bien-ban.pdf.</p>' in html
    assert ">bien-ban.pdf</a>" in html
    assert (
        '<input type="hidden" name="version" value="2" class="assessment-version" '
        'hx-swap-oob="outerHTML:.assessment-version">'
    ) in html


def test_an_executable_renamed_to_pdf_is_refused_with_a_message_and_nothing_stored(
    ward, assessment
):
    result = result_of(assessment, "TC01")
    before = database_state(assessment)
    fake = SimpleUploadedFile("bao-cao.pdf", EXE, content_type="application/pdf")

    response = htmx_post(
        ward, f"/unit/criteria/{result.pk}/evidence/", {"version": 1, "files": [fake]}
    )

    html = response.content.decode()
    assert database_state(assessment) == before
    assert stored_files() == []
    refusal = "«bao-cao.pdf»: Loại tệp không được chấp nhận (application/x-msdownload)"
    assert f'<p class="alert alert-error" role="alert">{refusal}' in html
    assert "chỉ nhận: doc, docx, gif, jpg, ods, odt, pdf, png, ppt, pptx, webp, xls, xlsx." in html


def test_of_several_files_the_good_ones_are_kept_and_the_bad_one_named(ward, assessment):
    result = result_of(assessment, "TC01")
    fake = SimpleUploadedFile("virus.pdf", EXE)

    response = ward.post(
        f"/unit/criteria/{result.pk}/evidence/",
        {"version": 1, "files": [_pdf(), fake]},
        follow=True,
    )

    html = response.content.decode()
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["bien-ban.pdf"]
    assert "Đã tải lên: bien-ban.pdf." in html
    assert "«virus.pdf»: Loại tệp không được chấp nhận" in html


def test_an_upload_with_a_stale_version_stores_nothing(ward, assessment):
    result = result_of(assessment, "TC01")
    ward.post(f"/unit/criteria/{result.pk}/evidence/", {"version": 1, "files": [_pdf()]})
    before = database_state(assessment)

    html = htmx_post(
        ward, f"/unit/criteria/{result.pk}/evidence/", {"version": 1, "files": [_pdf("b.pdf")]}
    ).content.decode()

    assert database_state(assessment) == before
    assert CONFLICT in html


def test_an_upload_without_files_asks_for_one(ward, assessment):
    result = result_of(assessment, "TC01")

    html = htmx_post(ward, f"/unit/criteria/{result.pk}/evidence/", {"version": 1}).content.decode()

    assert "Hãy chọn một hoặc nhiều tệp để tải lên." in html
    assert version_of(assessment) == 1


def test_removing_evidence_deletes_the_row_and_later_the_file(
    ward, assessment, people, django_capture_on_commit_callbacks
):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)

    with django_capture_on_commit_callbacks(execute=True):
        response = ward.post(f"/unit/evidence/{evidence.pk}/remove/", {"version": 1}, follow=True)

    html = response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files() == []
    assert "Đã xóa: bien-ban.pdf." in html
    assert version_of(assessment) == 2


def test_removing_evidence_through_htmx_answers_the_evidence_block(ward, assessment, people):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)

    html = htmx_post(ward, f"/unit/evidence/{evidence.pk}/remove/", {"version": 1}).content.decode()

    assert "Đã xóa: bien-ban.pdf." in html
    assert "Chưa có tệp minh chứng." in html
    assert 'value="2" class="assessment-version" hx-swap-oob' in html


def test_evidence_cannot_be_removed_once_submitted(ward, assessment, people):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)
    move("submit", assessment, people.ward_own)
    before = database_state(assessment)

    response = ward.post(f"/unit/evidence/{evidence.pk}/remove/", {"version": 2}, follow=True)

    assert database_state(assessment) == before
    assert "Chỉ được xóa minh chứng khi bản đánh giá ở trạng thái" in response.content.decode()


def test_the_evidence_download_is_the_file_for_the_own_ward(ward, assessment, people):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)

    response = ward.get(f"/assessments/evidence/{evidence.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="bien-ban.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(("role", "status"), [("ward_other", 404), ("province_other", 404)])
def test_another_scopes_officer_gets_404_for_the_evidence_download_and_its_removal(
    client, assessment, people, role, status
):
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)
    client.force_login(getattr(people, role))

    download = client.get(f"/assessments/evidence/{evidence.pk}/")
    removal = client.post(f"/unit/evidence/{evidence.pk}/remove/", {"version": 1})

    assert download.status_code == status
    assert PDF not in download.content
    assert removal.status_code in (403, 404)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_another_wards_officer_cannot_upload_to_this_assessment(client, assessment, people):
    client.force_login(people.ward_other)
    result = result_of(assessment, "TC01")

    response = client.post(
        f"/unit/criteria/{result.pk}/evidence/", {"version": 1, "files": [_pdf()]}
    )

    assert response.status_code == 404
    assert not Evidence.objects.exists()
    assert stored_files() == []


def test_the_page_lists_files_of_every_criterion(ward, assessment, people):
    evidence_create(result_of(assessment, "TC01"), people.ward_own, name="a.pdf")
    evidence_create(result_of(assessment, "TC22"), people.ward_own, name="z.pdf")

    html = page(ward)

    assert ">a.pdf</a>" in html and ">z.pdf</a>" in html
