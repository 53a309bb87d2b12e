"""Reading assessments through the API: the round's list in the user's scope, one assessment
with every criterion, and its workflow history."""

from decimal import Decimal

from kieumau.assessments.models import State
from kieumau.assessments.services import SelfValue, assessment_submit, results_set_self_values
from tests.assessments.factories import evidence_create, result_of


def test_a_ward_officer_lists_only_the_own_units_assessment(api, people, figures):
    response = api.get("/api/v1/rounds/2025/assessments", as_=people.ward_own)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["id"] == figures.assessment.pk
    assert item["unit"]["code"] == "16690"
    assert item["province"]["code"] == "40"
    assert (item["round"], item["state"], item["version"]) == (2025, "draft", 1)


def test_a_province_lists_its_province_and_the_ministry_every_province(api, people, figures):
    own = api.get("/api/v1/rounds/2025/assessments", as_=people.province_own).json()
    everyone = api.get("/api/v1/rounds/2025/assessments", as_=people.ministry).json()

    assert {item["province"]["code"] for item in own["items"]} == {"40"}
    assert own["count"] == 1 + len(figures.recognised) + len(figures.approved)
    assert {item["province"]["code"] for item in everyone["items"]} == {"01", "40"}
    assert everyone["count"] == own["count"] + len(figures.other_province)


def test_the_list_filters_by_state_level_and_province(api, people, figures):
    path = "/api/v1/rounds/2025/assessments"

    recognised = api.get(path, as_=people.ministry, state="recognised").json()
    basic = api.get(path, as_=people.ministry, level="basic").json()
    ha_noi = api.get(path, as_=people.ministry, province="01").json()

    assert sorted(i["id"] for i in recognised["items"]) == sorted(a.pk for a in figures.recognised)
    assert [i["id"] for i in basic["items"]] == [a.pk for a in figures.approved]
    assert sorted(i["id"] for i in ha_noi["items"]) == sorted(a.pk for a in figures.other_province)


def test_the_list_is_paginated(api, people, figures):
    page = api.get("/api/v1/rounds/2025/assessments", as_=people.ministry, limit=2, offset=1)

    everyone = api.get("/api/v1/rounds/2025/assessments", as_=people.ministry).json()["items"]
    assert page.json()["count"] == len(everyone)
    assert [i["id"] for i in page.json()["items"]] == [i["id"] for i in everyone[1:3]]


def test_an_unknown_round_or_a_bad_filter_is_refused(api, people, figures):
    missing = api.get("/api/v1/rounds/2031/assessments", as_=people.ministry)
    bad_state = api.get("/api/v1/rounds/2025/assessments", as_=people.ministry, state="done")

    assert missing.status_code == 404
    assert bad_state.status_code == 422
    assert bad_state.json()["errors"][0]["field"] == "state"


def test_one_assessment_shows_every_criterion_with_values_review_and_evidence(
    api, people, assessment
):
    results_set_self_values(
        actor=people.ward_own,
        assessment=assessment,
        values={"TC01": SelfValue(True, "Có quyết định"), "TC02": SelfValue("85.5")},
        version=1,
    )
    evidence = evidence_create(result_of(assessment, "TC01"), people.ward_own)

    response = api.get(f"/api/v1/assessments/{assessment.pk}", as_=people.province_own)

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["version"], body["total"]) == ("draft", 2, 22)
    assert body["met_count"] == 1
    results = {r["criterion"]["code"]: r for r in body["results"]}
    assert len(results) == 22
    first, second = results["TC01"], results["TC02"]
    assert first["criterion"]["kind"] == "bool"
    assert (first["self_value"], first["self_note"], first["met"]) == (
        "1.00",
        "Có quyết định",
        True,
    )
    assert [e["id"] for e in first["evidence"]] == [evidence.pk]
    assert first["evidence"][0]["name"] == "bien-ban.pdf"
    assert first["evidence"][0]["uploaded_by"] == "phuong"
    assert first["evidence"][0]["download"] == f"/api/v1/evidence/{evidence.pk}/file"
    assert second["criterion"]["threshold"] == "90.00"
    assert Decimal(second["effective_value"]) == Decimal("85.5")
    assert second["met"] is False
    assert second["review_value"] is None
    assert body["recognition"] is None


def test_the_detail_reads_in_a_fixed_number_of_queries(
    api, people, assessment, django_assert_max_num_queries
):
    for code in ("TC01", "TC03", "TC04"):
        evidence_create(result_of(assessment, code), people.ward_own)
        evidence_create(result_of(assessment, code), people.ward_own, name="anh.pdf")

    # 15 for the assessment, plus the rate limit (address lock, per-user counter in the cache)
    with django_assert_max_num_queries(22):
        response = api.get(f"/api/v1/assessments/{assessment.pk}", as_=people.ward_own)

    assert sum(len(r["evidence"]) for r in response.json()["results"]) == 6


def test_the_history_lists_each_workflow_step(api, people, assessment):
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)

    response = api.get(f"/api/v1/assessments/{assessment.pk}/history", as_=people.viewer)

    assert response.status_code == 200
    (step,) = response.json()["items"]
    assert (step["from_state"], step["to_state"], step["actor"]) == ("draft", "submitted", "phuong")
    assert State(response.json()["items"][0]["to_state"]) == State.SUBMITTED


def test_an_unknown_assessment_is_404_and_an_impossible_id_422(api, people, assessment):
    unknown = api.get(f"/api/v1/assessments/{assessment.pk + 1000}", as_=people.ministry)
    zero = api.get("/api/v1/assessments/0", as_=people.ministry)
    huge = api.get(f"/api/v1/assessments/{2**70}", as_=people.ministry)

    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"
    assert zero.status_code == 422
    assert huge.status_code == 422
