"""Scope through the API, mirroring the web's: another unit's or province's assessments,
results, evidence, resources and documents are never listed, are 404 when named, and every
write to them is refused with the database and the stored files unchanged."""

import pytest

from kieumau.assessments.services import assessment_submit
from tests.api.writes import pdf, snapshot, stored_files
from tests.assessments.factories import evidence_create, result_of

OUTSIDERS = ("ward_other", "province_other")


@pytest.fixture
def trường_vinh(people, figures):
    """Trường Vinh's submitted assessment (Nghệ An) with one evidence file and resources."""
    assessment = figures.assessment
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    assessment.refresh_from_db()
    return assessment, evidence


def reads(assessment, evidence, document) -> list[str]:
    result = evidence.result_id
    return [
        f"/api/v1/assessments/{assessment.pk}",
        f"/api/v1/assessments/{assessment.pk}/history",
        f"/api/v1/results/{result}/evidence",
        f"/api/v1/evidence/{evidence.pk}",
        f"/api/v1/evidence/{evidence.pk}/file",
        f"/api/v1/registrations/{assessment.registration_id}/resources",
        f"/api/v1/documents/{document.pk}",
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_another_units_objects_are_404_to_read(api, people, figures, trường_vinh, outsider):
    assessment, evidence = trường_vinh

    for path in reads(assessment, evidence, figures.document):
        if outsider == "ward_other" and "/documents/" in path:
            continue  # a ward officer reads no province document, of any province
        response = api.get(path, as_=getattr(people, outsider))
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_another_units_objects_are_never_listed(api, people, figures, trường_vinh, outsider):
    user = getattr(people, outsider)

    assessments = api.get("/api/v1/rounds/2025/assessments", as_=user).json()["items"]
    resources = api.get("/api/v1/rounds/2025/resources", as_=user).json()["items"]
    documents = api.get("/api/v1/documents", as_=user, round=2025).json()["items"]

    assert trường_vinh[0].pk not in [item["id"] for item in assessments]
    if outsider == "ward_other":  # its own unit at most
        assert {item["unit"]["id"] for item in assessments} <= {user.unit_id}
    else:
        assert "40" not in {item["province"]["code"] for item in assessments}
    assert "16690" not in [item["unit"]["code"] for item in resources]
    assert figures.document.pk not in [item["id"] for item in documents]


def test_a_province_lists_none_of_another_provinces_assessments(api, people, figures):
    items = api.get("/api/v1/rounds/2025/assessments", as_=people.province_own).json()["items"]

    assert {item["province"]["code"] for item in items} == {"40"}
    assert not {a.pk for a in figures.other_province} & {item["id"] for item in items}


def writes(assessment, evidence, document) -> list[tuple[str, str, object]]:
    """(method, path, body) of every write naming Trường Vinh's objects or Nghệ An's."""
    path = f"/api/v1/assessments/{assessment.pk}"
    version = assessment.version
    resources = {
        "staff_norm": 1,
        "staff_actual": 1,
        "staff_under_35": 0,
        "staff_with_degree": 0,
        "headquarters": "shared",
    }
    return [
        ("PUT", f"{path}/self-values", {"version": version, "values": {"TC01": {"value": 0}}}),
        ("PUT", f"{path}/review", {"version": version, "values": {"TC01": {"value": 0}}}),
        ("POST", f"{path}/submit", {"version": version}),
        ("POST", f"{path}/return", {"version": version, "comment": "x"}),
        ("POST", f"{path}/approve", {"version": version}),
        ("POST", f"{path}/reject", {"version": version, "comment": "x"}),
        ("UPLOAD", f"/api/v1/results/{evidence.result_id}/evidence", None),
        ("DELETE", f"/api/v1/evidence/{evidence.pk}", None),
        ("PUT", f"/api/v1/registrations/{assessment.registration_id}/resources", resources),
        ("PATCH", f"/api/v1/documents/{document.pk}", {"title": "Đã bị sửa"}),
        ("UPLOAD", f"/api/v1/documents/{document.pk}/file", None),
        ("DELETE", f"/api/v1/documents/{document.pk}/file", None),
        ("DELETE", f"/api/v1/documents/{document.pk}", None),
    ]


def send(api, method, path, body, user):
    if method == "UPLOAD":
        return api.upload(path, {"file": pdf()}, as_=user)
    if method == "DELETE":
        return api.delete(path, as_=user)
    return api.send(method, path, body, as_=user)


@pytest.mark.parametrize("who", ["ward_other", "province_other", "viewer", "ministry"])
def test_every_write_to_another_units_objects_is_refused_and_changes_nothing(
    api, people, figures, trường_vinh, media_root, who
):
    assessment, evidence = trường_vinh
    user = getattr(people, who)
    before, files = snapshot(), stored_files(media_root)

    answers = {
        (method, path): send(api, method, path, body, user).status_code
        for method, path, body in writes(assessment, evidence, figures.document)
    }

    # Out of scope is 404 (existence not revealed); a role that never makes the write is 403.
    assert set(answers.values()) <= {403, 404}, answers
    if who == "province_other":
        # Its role reviews and records documents: only the scope stops it.
        assert answers["PUT", f"/api/v1/assessments/{assessment.pk}/review"] == 404
        assert answers["PATCH", f"/api/v1/documents/{figures.document.pk}"] == 404
    if who in ("viewer", "ministry"):
        assert set(answers.values()) == {403}
    assert snapshot() == before
    assert stored_files(media_root) == files


def test_a_province_cannot_record_a_document_for_another_province(api, people, figures):
    before = snapshot()
    fields = {
        "province": "40",
        "issuer": "party_committee",
        "kind": "chi_thi",
        "number": "01-CT/TU",
        "date": "2024-01-05",
        "title": "Chỉ thị",
    }

    response = api.upload("/api/v1/documents", fields, as_=people.province_other)

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["province"]
    assert snapshot() == before


def test_the_ministry_reads_every_province_but_recognises_only_approved_units(
    api, people, figures, trường_vinh
):
    assessment, evidence = trường_vinh
    before = snapshot()

    for path in reads(assessment, evidence, figures.document):
        assert api.get(path, as_=people.ministry).status_code == 200, path
    early = api.send(
        "POST",
        f"/api/v1/assessments/{assessment.pk}/recognise",
        {"version": assessment.version, "decision_number": "1/QĐ", "decision_date": "2025-12-01"},
        as_=people.ministry,
    )

    assert early.status_code == 422
    assert snapshot() == before
