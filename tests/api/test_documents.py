"""Directive documents through the API: listed per map in scope, recorded, changed and deleted
by the province with an optional file whose type is read from its bytes."""

import datetime

from django.utils import translation

from kieumau.context.models import DirectiveDocument
from tests.api.writes import PDF, pdf, renamed_executable, snapshot, stored_files

FIELDS = {
    "province": "40",
    "issuer": "peoples_committee",
    "kind": "de_an",
    "number": "1234/QĐ-UBND",
    "date": "2024-03-15",
    "title": "Đề án xây dựng Công an phường kiểu mẫu giai đoạn 2024–2030",
}


def add(api, *, as_, **fields):
    return api.upload("/api/v1/documents", {**FIELDS, **fields}, as_=as_)


def test_the_province_records_a_document_with_its_file(api, people, round, media_root):
    response = add(api, as_=people.province_own, file=pdf("de-an.pdf"))

    assert response.status_code == 201
    body = response.json()
    document = DirectiveDocument.objects.get()
    assert body["id"] == document.pk
    assert (body["map"], body["province"]["code"], body["kind"]) == ("2025-07", "40", "de_an")
    assert (document.number, document.date) == ("1234/QĐ-UBND", datetime.date(2024, 3, 15))
    assert document.created_by == people.province_own
    assert body["file"]["name"] == "de-an.pdf"
    assert body["file"]["download"] == f"/api/v1/documents/{document.pk}/file"
    assert (media_root / document.file.name).read_bytes() == PDF


def test_a_document_without_a_file(api, people, round):
    response = add(api, as_=people.province_own)

    assert response.status_code == 201
    assert response.json()["file"] is None
    assert (
        api.get(f"/api/v1/documents/{response.json()['id']}/file", as_=people.ministry).status_code
        == 404
    )


def test_the_file_downloads_as_an_attachment(api, people, round):
    document_id = add(api, as_=people.province_own, file=pdf("de-an.pdf")).json()["id"]

    response = api.get(f"/api/v1/documents/{document_id}/file", as_=people.viewer)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="de-an.pdf"'


def test_a_renamed_executable_is_refused_and_nothing_is_stored(api, people, round, media_root):
    with translation.override("en"):
        response = add(api, as_=people.province_own, file=renamed_executable("de-an.pdf"))

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "file"
    assert "This type of file is not accepted" in error["message"]["en"]
    assert not DirectiveDocument.objects.exists()
    assert stored_files(media_root) == []


def test_bad_fields_are_refused_by_field(api, people, round):
    future = add(api, as_=people.province_own, date="2999-01-01")
    other_province = add(api, as_=people.province_own, province="01")
    bad_kind = add(api, as_=people.province_own, kind="luat")

    assert [e["field"] for e in future.json()["errors"]] == ["date"]
    assert [e["field"] for e in other_province.json()["errors"]] == ["province"]
    assert [e["field"] for e in bad_kind.json()["errors"]] == ["kind"]
    assert {future.status_code, other_province.status_code, bad_kind.status_code} == {422}
    assert not DirectiveDocument.objects.exists()


def test_the_same_document_twice_is_refused(api, people, round):
    add(api, as_=people.province_own)

    again = add(api, as_=people.province_own)

    assert again.status_code == 422
    assert [e["field"] for e in again.json()["errors"]] == ["number"]
    assert DirectiveDocument.objects.count() == 1


def test_the_list_filters_by_round_map_province_issuer_and_kind(api, people, figures):
    add(api, as_=people.province_own)
    add(api, as_=people.province_other, province="01", issuer="party_committee", kind="chi_thi")

    every = api.get("/api/v1/documents", as_=people.ministry, round=2025).json()
    own = api.get("/api/v1/documents", as_=people.province_own).json()
    schemes = api.get("/api/v1/documents", as_=people.ministry, map="2025-07", kind="de_an").json()
    party = api.get("/api/v1/documents", as_=people.ministry, issuer="party_committee").json()
    ha_noi = api.get("/api/v1/documents", as_=people.ministry, province="01").json()
    old_map = api.get("/api/v1/documents", as_=people.ministry, map="2023-05").json()

    assert every["count"] == 3
    assert {item["province"]["code"] for item in own["items"]} == {"40"}
    assert own["count"] == 2
    assert [item["number"] for item in schemes["items"]] == ["1234/QĐ-UBND"]
    assert sorted(item["kind"] for item in party["items"]) == ["chi_thi", "nghi_quyet"]
    assert [item["province"]["code"] for item in ha_noi["items"]] == ["01"]
    assert old_map["count"] == 0


def test_an_unknown_round_or_map_in_the_filter_is_refused(api, people, round):
    no_round = api.get("/api/v1/documents", as_=people.ministry, round=2031)
    no_map = api.get("/api/v1/documents", as_=people.ministry, map="1999-01")

    assert [e["field"] for e in no_round.json()["errors"]] == ["round"]
    assert [e["field"] for e in no_map.json()["errors"]] == ["map"]


def test_the_province_changes_a_documents_fields(api, people, figures):
    path = f"/api/v1/documents/{figures.document.pk}"

    response = api.send(
        "PATCH",
        path,
        {"title": "Nghị quyết (sửa đổi)", "date": "2023-07-01"},
        as_=people.province_own,
    )

    assert response.status_code == 200
    figures.document.refresh_from_db()
    assert figures.document.title == "Nghị quyết (sửa đổi)"
    assert figures.document.date == datetime.date(2023, 7, 1)
    assert figures.document.number == "15-NQ/TU"
    assert response.json()["title"] == "Nghị quyết (sửa đổi)"


def test_the_province_replaces_and_removes_a_documents_file(
    api, people, figures, media_root, django_capture_on_commit_callbacks
):
    path = f"/api/v1/documents/{figures.document.pk}/file"

    attached = api.upload(path, {"file": pdf("nq.pdf")}, as_=people.province_own)
    figures.document.refresh_from_db()
    name = figures.document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        removed = api.delete(path, as_=people.province_own)

    assert attached.status_code == 200
    assert attached.json()["file"]["name"] == "nq.pdf"
    assert removed.status_code == 200
    assert removed.json()["file"] is None
    figures.document.refresh_from_db()
    assert not figures.document.file
    assert name not in stored_files(media_root)


def test_the_province_deletes_a_document(api, people, figures):
    response = api.delete(f"/api/v1/documents/{figures.document.pk}", as_=people.province_own)

    assert response.status_code == 204
    assert not DirectiveDocument.objects.exists()


def test_roles_that_do_not_record_documents_are_refused(api, people, figures):
    before = snapshot()
    path = f"/api/v1/documents/{figures.document.pk}"

    for user in (people.ward_own, people.ministry, people.viewer):
        assert add(api, as_=user).status_code == 403
        assert api.send("PATCH", path, {"title": "x"}, as_=user).status_code == 403
        assert api.upload(f"{path}/file", {"file": pdf()}, as_=user).status_code == 403
        assert api.delete(f"{path}/file", as_=user).status_code == 403
        assert api.delete(path, as_=user).status_code == 403
    assert snapshot() == before


def test_the_province_the_ministry_and_leaders_read_a_document(api, people, figures):
    for user in (people.province_own, people.ministry, people.viewer):
        response = api.get(f"/api/v1/documents/{figures.document.pk}", as_=user)
        assert response.status_code == 200
        assert response.json()["number"] == "15-NQ/TU"
    assert api.get("/api/v1/documents/99999", as_=people.ministry).status_code == 404
