import pytest
from django.urls import reverse

from .factories import PDF, evidence_create, result_of


@pytest.fixture
def evidence(assessment, people):
    return evidence_create(result_of(assessment, "1"), people.ward_own, name="Biên_bản.pdf")


def _url(evidence) -> str:
    return reverse("assessments:evidence-download", args=[evidence.pk])


@pytest.mark.parametrize("role", ["ward_own", "province_own", "ministry"])
def test_evidence_download_sends_the_file_as_an_attachment_under_its_name(
    client, people, evidence, role
):
    client.force_login(getattr(people, role))

    response = client.get(_url(evidence))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Bi%C3%AAn_b%E1%BA%A3n.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    response.close()


@pytest.mark.parametrize("role", ["province_other", "ward_other"])
def test_evidence_download_outside_the_scope_is_not_found(client, people, evidence, role):
    client.force_login(getattr(people, role))

    response = client.get(_url(evidence))

    assert response.status_code == 404
    assert PDF not in response.content


def test_evidence_download_of_a_missing_file_is_not_found(client, people, evidence):
    client.force_login(people.ministry)

    response = client.get(reverse("assessments:evidence-download", args=[evidence.pk + 1]))

    assert response.status_code == 404


def test_evidence_download_sends_an_anonymous_visitor_to_the_login_page(client, evidence):
    response = client.get(_url(evidence))

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={_url(evidence)}"


def test_evidence_download_answers_only_get(client, people, evidence):
    client.force_login(people.ward_own)

    response = client.post(_url(evidence))

    assert response.status_code == 405
