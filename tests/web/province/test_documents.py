"""The province's directive documents: the list by issuer and the form to record one."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.context.models import DirectiveDocument
from kieumau.context.services import directive_document_add
from tests.assessments.factories import EXE, PDF
from tests.web.factories import unit_get

URL = "/province/documents/"


@pytest.fixture
def province_client(client, people):
    client.force_login(people.province_own)
    return client


@pytest.fixture
def resolution(people, admin_map) -> DirectiveDocument:
    return directive_document_add(
        actor=people.province_own,
        province=unit_get(admin_map, "40"),
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="15-NQ/TU",
        date=datetime.date(2023, 4, 12),
        title="Nghị quyết về xây dựng Công an phường kiểu mẫu",
        upload=SimpleUploadedFile("nghi-quyet-15.pdf", PDF),
    )


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _form(**changes) -> dict:
    return {
        "province": "",
        "issuer": "peoples_committee",
        "kind": "de_an",
        "number": "02/ĐA-UBND",
        "date": "01/06/2023",
        "title": "Đề án bảo đảm cơ sở vật chất cho Công an phường kiểu mẫu",
        **changes,
    }


def test_the_list_shows_each_document_under_its_issuer_with_its_file(
    province_client, resolution, round
):
    page = _page(province_client.get(URL))

    party = page.split('id="issuer-party_committee"')[1].split("</section>")[0]
    assert "Cấp ủy (Tỉnh ủy / Thành ủy) <span" in party
    assert '<th scope="row" class="nowrap">15-NQ/TU</th>' in party
    assert '<td class="nowrap">12/04/2023</td>' in party
    assert "Nghị quyết về xây dựng Công an phường kiểu mẫu" in party
    assert f'<a href="/context/documents/{resolution.pk}/file/">nghi-quyet-15.pdf</a>' in party
    assert "Chưa ghi nhận văn bản nào." in page  # the other issuers


def test_recording_a_document_with_a_file_stores_both(province_client, round, people, media_root):
    upload = SimpleUploadedFile("de-an.pdf", PDF)
    data = _form(province=unit_get(round.admin_map, "40").pk, file=upload)

    response = province_client.post(URL, data, follow=True)

    page = _page(response)
    document = DirectiveDocument.objects.get()
    assert response.redirect_chain == [(URL, 302)]
    assert "Đã ghi nhận đề án 02/ĐA-UBND (01/06/2023)." in page
    assert (document.number, document.date, document.created_by) == (
        "02/ĐA-UBND",
        datetime.date(2023, 6, 1),
        people.province_own,
    )
    assert (document.file_name, document.file_content_type) == ("de-an.pdf", "application/pdf")
    assert (media_root / document.file.name).read_bytes() == PDF


def test_a_refused_file_type_keeps_the_input_and_records_nothing(
    province_client, round, media_root
):
    data = _form(
        province=unit_get(round.admin_map, "40").pk, file=SimpleUploadedFile("bc.pdf", EXE)
    )

    page = _page(province_client.post(URL, data))

    assert "«bc.pdf»: Loại tệp không được chấp nhận" in page
    assert 'value="02/ĐA-UBND"' in page and 'value="01/06/2023"' in page
    assert "Đề án bảo đảm cơ sở vật chất cho Công an phường kiểu mẫu</textarea>" in page
    assert not DirectiveDocument.objects.exists()
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "31/02/2025", "Nhập một ngày hợp lệ."),
        ("number", "", "Trường này là bắt buộc."),
        ("date", "01/01/2999", "Ngày ban hành không được sau ngày hôm nay."),
    ],
)
def test_bad_values_are_shown_on_the_form_and_record_nothing(
    province_client, round, field, value, message
):
    data = _form(province=unit_get(round.admin_map, "40").pk, **{field: value})

    page = _page(province_client.post(URL, data))

    assert message in page
    assert not DirectiveDocument.objects.exists()


def test_the_same_document_cannot_be_recorded_twice(province_client, resolution, round):
    data = _form(
        province=resolution.province.pk,
        issuer="party_committee",
        kind="nghi_quyet",
        number="15-nq/tu",
        date="12/04/2023",
    )

    page = _page(province_client.post(URL, data))

    assert "Văn bản số 15-nq/tu ngày 12/04/2023 của cùng cơ quan ban hành" in page
    assert DirectiveDocument.objects.count() == 1


def test_another_province_cannot_be_chosen_by_hand(province_client, round):
    data = _form(province=unit_get(round.admin_map, "01").pk)

    page = _page(province_client.post(URL, data))

    assert "Vui lòng sửa các trường được đánh dấu bên dưới." in page
    assert not DirectiveDocument.objects.exists()


def test_deleting_a_document_removes_it(province_client, resolution, round):
    page = _page(province_client.post(f"{URL}{resolution.pk}/delete/", follow=True))

    assert "Đã xóa nghị quyết 15-NQ/TU (12/04/2023)." in page
    assert not DirectiveDocument.objects.exists()


def test_another_provinces_officer_neither_sees_nor_deletes_the_document(
    client, people, resolution, round
):
    client.force_login(people.province_other)

    page = _page(client.get(URL))
    response = client.post(f"{URL}{resolution.pk}/delete/")

    assert "15-NQ/TU<" not in page and "nghi-quyet-15.pdf" not in page
    assert response.status_code == 404
    assert DirectiveDocument.objects.count() == 1


@pytest.mark.parametrize("who", ["ward_own", "ministry", "viewer"])
def test_other_roles_are_refused(client, people, round, who):
    client.force_login(getattr(people, who))

    assert client.get(URL).status_code == 403
    assert client.post(URL, _form()).status_code == 403
    assert not DirectiveDocument.objects.exists()
