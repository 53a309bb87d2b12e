"""Writing criterion values through the API: the ward's own values, the province's review.

Both are batches applied all or none; each refusal names its criterion code; a stale version
is a conflict (409) and changes nothing.
"""

from decimal import Decimal

from django.utils import translation

from kieumau.assessments.models import State
from kieumau.assessments.services import SelfValue, assessment_submit, results_set_self_values
from tests.api.writes import all_met, snapshot
from tests.assessments.factories import result_of


def self_values(api, assessment, values, *, as_, version=None):
    version = assessment.version if version is None else version
    return api.send(
        "PUT",
        f"/api/v1/assessments/{assessment.pk}/self-values",
        {"version": version, "values": values},
        as_=as_,
    )


def test_the_ward_records_values_as_text_numbers_booleans_and_null(api, people, assessment):
    response = self_values(
        api,
        assessment,
        {
            "TC01": {"value": True, "note": "Quyết định số 12"},
            "TC02": {"value": "92.5"},
            "TC06": {"value": 85},
            "TC05": {"value": None},
            "TC03": {"value": False},
        },
        as_=people.ward_own,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 2
    assessment.refresh_from_db()
    assert assessment.version == 2
    assert result_of(assessment, "TC01").self_value == 1
    assert result_of(assessment, "TC01").self_note == "Quyết định số 12"
    assert result_of(assessment, "TC02").self_value == Decimal("92.5")
    assert result_of(assessment, "TC06").self_value == 85
    assert result_of(assessment, "TC03").self_value == 0
    assert result_of(assessment, "TC05").self_value is None
    assert assessment.met_count == body["met_count"] == 3  # TC01, TC02, TC06


def test_values_meeting_every_criterion_give_the_model_level(api, people, assessment):
    response = self_values(api, assessment, all_met(assessment), as_=people.ward_own)

    assert response.status_code == 200
    assessment.refresh_from_db()
    assert (assessment.met_count, assessment.level) == (22, "full")
    assert all(result["met"] for result in response.json()["results"])


def test_one_bad_value_among_many_changes_nothing_and_names_its_criterion(api, people, assessment):
    values = all_met(assessment)
    values["TC02"] = {"value": "150"}  # a percentage
    values["TC04"] = {"value": "có"}  # not a number
    before = snapshot()

    with translation.override("en"):
        response = self_values(api, assessment, values, as_=people.ward_own)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert sorted(error["field"] for error in errors) == ["TC02", "TC04"]
    by_code = {error["field"]: error["message"]["en"] for error in errors}
    assert by_code["TC02"] == "Criterion TC02 is a percentage, from 0 to 100."
    assert "«có» is not a number" in by_code["TC04"]
    assert snapshot() == before


def test_an_unknown_criterion_code_is_refused_by_its_code(api, people, assessment):
    before = snapshot()

    response = self_values(
        api, assessment, {"TC01": {"value": True}, "TC99": {"value": 1}}, as_=people.ward_own
    )

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["TC99"]
    assert snapshot() == before


def test_a_stale_version_is_a_conflict_and_changes_nothing(api, people, assessment):
    first = self_values(api, assessment, {"TC01": {"value": True}}, as_=people.ward_own, version=1)
    before = snapshot()

    stale = self_values(api, assessment, {"TC01": {"value": False}}, as_=people.ward_own, version=1)

    assert first.status_code == 200
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert set(stale.json()["message"]) == {"vi", "en"}
    assert snapshot() == before


def test_a_body_that_is_not_the_schema_is_422_naming_the_field(api, people, assessment):
    path = f"/api/v1/assessments/{assessment.pk}/self-values"

    no_version = api.send("PUT", path, {"values": {}}, as_=people.ward_own)
    bad_entry = api.send(
        "PUT", path, {"version": 1, "values": {"TC01": {"value": [1]}}}, as_=people.ward_own
    )
    not_json = api.client.put(path, "{", "application/json", **api._headers(people.ward_own))

    assert no_version.status_code == 422
    assert [e["field"] for e in no_version.json()["errors"]] == ["version"]
    assert bad_entry.status_code == 422
    assert bad_entry.json()["errors"][0]["field"].startswith("values.TC01.value")
    assert not_json.status_code == 422
    assessment.refresh_from_db()
    assert assessment.version == 1


def test_values_cannot_change_once_submitted(api, people, assessment):
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    assessment.refresh_from_db()
    before = snapshot()

    response = self_values(api, assessment, {"TC01": {"value": True}}, as_=people.ward_own)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] is None
    assert snapshot() == before


def test_roles_that_do_not_assess_are_refused_403(api, people, assessment):
    before = snapshot()

    for user in (people.ministry, people.viewer):
        response = self_values(api, assessment, {"TC01": {"value": True}}, as_=user)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
    assert snapshot() == before


def test_the_province_may_enter_its_wards_values_it_collected(api, people, assessment):
    response = self_values(api, assessment, {"TC01": {"value": True}}, as_=people.province_own)

    assert response.status_code == 200
    assert result_of(assessment, "TC01").self_value == 1


def submitted(assessment, people, values=None):
    results_set_self_values(
        actor=people.ward_own,
        assessment=assessment,
        values=values or {"TC02": SelfValue("95"), "TC01": SelfValue(True)},
        version=assessment.version,
    )
    assessment.refresh_from_db()
    assessment_submit(actor=people.ward_own, assessment=assessment, version=assessment.version)
    assessment.refresh_from_db()
    return assessment


def review(api, assessment, values, *, as_, version=None):
    return api.send(
        "PUT",
        f"/api/v1/assessments/{assessment.pk}/review",
        {"version": assessment.version if version is None else version, "values": values},
        as_=as_,
    )


def test_the_province_reviews_values_and_the_reviewed_value_prevails(api, people, assessment):
    assessment = submitted(assessment, people)

    response = review(
        api,
        assessment,
        {"TC02": {"value": "80", "comment": "Số liệu chưa khớp báo cáo"}, "TC01": {"value": None}},
        as_=people.province_own,
    )

    assert response.status_code == 200
    reviewed = result_of(assessment, "TC02")
    assert reviewed.review_value == 80
    assert reviewed.review_comment == "Số liệu chưa khớp báo cáo"
    assert reviewed.reviewed_by == people.province_own
    assert reviewed.self_value == 95
    line = next(r for r in response.json()["results"] if r["criterion"]["code"] == "TC02")
    assert (line["effective_value"], line["met"], line["reviewed_by"]) == ("80.00", False, "tinh")
    assert result_of(assessment, "TC01").review_value is None


def test_a_review_with_one_bad_value_changes_nothing(api, people, assessment):
    assessment = submitted(assessment, people)
    before = snapshot()

    response = review(
        api,
        assessment,
        {"TC02": {"value": "80"}, "TC01": {"value": "2"}},
        as_=people.province_own,
    )

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["TC01"]
    assert snapshot() == before


def test_only_the_province_reviews_and_only_a_submitted_assessment(api, people, assessment):
    draft = review(api, assessment, {"TC01": {"value": True}}, as_=people.province_own)
    by_ward = review(api, assessment, {"TC01": {"value": True}}, as_=people.ward_own)
    by_ministry = review(api, assessment, {"TC01": {"value": True}}, as_=people.ministry)

    assert draft.status_code == 422
    assert by_ward.status_code == 403
    assert by_ministry.status_code == 403
    assessment.refresh_from_db()
    assert (assessment.state, assessment.version) == (State.DRAFT, 1)
