"""The ward page shows a service's refusal in the language the officer chose."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.assessments.services import assessment_submit
from tests.assessments.database import database_state
from tests.assessments.factories import PDF, result_of
from tests.web.ward.helpers import htmx_post, version_of, whole_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_in_english(client, people):
    client.force_login(people.ward_own)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_saving_a_submitted_assessment_is_refused_in_english(ward_in_english, people, assessment):
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    before = database_state(assessment)

    response = ward_in_english.post(
        f"/unit/assessment/{assessment.pk}/save/",
        whole_form(assessment, {"TC03": "1"}, version=version_of(assessment)),
    )

    html = response.content.decode()
    assert database_state(assessment) == before
    assert (
        "You may change the self-assessment values only while the assessment is in state "
        "«draft» or «returned for changes» (now: «submitted»)."
    ) in html
    assert "Chỉ được sửa" not in html


def test_an_upload_on_a_stale_page_shows_the_conflict_in_english(ward_in_english, assessment):
    result = result_of(assessment, "TC01")
    url = f"/unit/criteria/{result.pk}/evidence/"
    ward_in_english.post(url, {"version": 1, "files": [_pdf("a.pdf")]})
    before = database_state(assessment)

    html = htmx_post(ward_in_english, url, {"version": 1, "files": [_pdf("b.pdf")]})
    html = html.content.decode()

    assert database_state(assessment) == before
    assert "The assessment was updated by someone else while you were working on it." in html
    assert "«b.pdf»" not in html  # the conflict concerns the page, not the file
