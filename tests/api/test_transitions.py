"""The workflow through the API: ward submits, province returns or approves, ministry
recognises; every move checks the role, the state, the reason and the version."""

import datetime

from kieumau.assessments.models import Recognition, State, Transition
from tests.api.writes import all_met, snapshot
from tests.assessments.factories import result_of


def move(api, assessment, action, *, as_, version, **body):
    return api.send(
        "POST",
        f"/api/v1/assessments/{assessment.pk}/{action}",
        {"version": version, **body},
        as_=as_,
    )


def test_the_whole_workflow_through_the_api(api, people, assessment):
    values = all_met(assessment)
    values["TC02"] = {"value": "50", "note": "Đang triển khai"}
    path = f"/api/v1/assessments/{assessment.pk}"

    filled = api.send(
        "PUT", f"{path}/self-values", {"version": 1, "values": values}, as_=people.ward_own
    )
    version = filled.json()["version"]
    submitted = move(api, assessment, "submit", as_=people.ward_own, version=version)
    comment = {"TC02": {"value": None, "comment": "Chưa đạt 90%"}}
    reviewed = api.send(
        "PUT",
        f"{path}/review",
        {"version": submitted.json()["version"], "values": comment},
        as_=people.province_own,
    )
    returned = move(
        api,
        assessment,
        "return",
        as_=people.province_own,
        version=reviewed.json()["version"],
        comment="Bổ sung tiêu chí TC02",
    )
    fixed = api.send(
        "PUT",
        f"{path}/self-values",
        {"version": returned.json()["version"], "values": {"TC02": {"value": "91"}}},
        as_=people.ward_own,
    )
    resubmitted = move(
        api, assessment, "submit", as_=people.ward_own, version=fixed.json()["version"]
    )
    approved = move(
        api, assessment, "approve", as_=people.province_own, version=resubmitted.json()["version"]
    )
    recognised = move(
        api,
        assessment,
        "recognise",
        as_=people.ministry,
        version=approved.json()["version"],
        decision_number="123/QĐ-BCA",
        decision_date="2025-12-15",
    )

    answers = [filled, submitted, reviewed, returned, fixed, resubmitted, approved, recognised]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert [
        a.json()["state"] for a in (submitted, returned, resubmitted, approved, recognised)
    ] == [
        "submitted",
        "returned",
        "submitted",
        "province_approved",
        "recognised",
    ]
    assessment.refresh_from_db()
    assert (assessment.state, assessment.level, assessment.met_count) == ("recognised", "full", 22)
    assert result_of(assessment, "TC02").self_value == 91
    steps = Transition.objects.filter(assessment=assessment).order_by("at", "id")
    assert [(s.from_state, s.to_state, s.actor.username) for s in steps] == [
        ("draft", "submitted", "phuong"),
        ("submitted", "returned", "tinh"),
        ("returned", "submitted", "phuong"),
        ("submitted", "province_approved", "tinh"),
        ("province_approved", "recognised", "bo"),
    ]
    assert steps[1].comment == "Bổ sung tiêu chí TC02"
    recognition = Recognition.objects.get(assessment=assessment)
    assert (recognition.decision_number, recognition.decision_date) == (
        "123/QĐ-BCA",
        datetime.date(2025, 12, 15),
    )
    detail = api.get(path, as_=people.viewer).json()
    assert detail["recognition"] == {"decision_number": "123/QĐ-BCA", "decision_date": "2025-12-15"}
    history = api.get(f"{path}/history", as_=people.ward_own).json()
    assert [step["to_state"] for step in history["items"]] == [s.to_state for s in steps]


def test_a_stale_version_is_a_conflict_and_moves_nothing(api, people, assessment):
    move(api, assessment, "submit", as_=people.ward_own, version=1)
    before = snapshot()

    stale = move(api, assessment, "approve", as_=people.province_own, version=1)

    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert snapshot() == before


def test_returning_or_rejecting_needs_a_reason(api, people, assessment):
    move(api, assessment, "submit", as_=people.ward_own, version=1)
    before = snapshot()

    blank = move(api, assessment, "return", as_=people.province_own, version=2, comment="  ")
    missing = move(api, assessment, "reject", as_=people.province_own, version=2)

    assert blank.status_code == 422
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["comment"]
    assert snapshot() == before


def test_a_move_from_the_wrong_state_is_refused_with_the_states(api, people, assessment):
    before = snapshot()

    response = move(api, assessment, "approve", as_=people.province_own, version=1)

    assert response.status_code == 422
    assert "«" in response.json()["message"]["en"]
    assert snapshot() == before


def test_a_role_that_cannot_make_the_move_is_refused_403(api, people, assessment):
    before = snapshot()

    answers = [
        move(api, assessment, "submit", as_=people.province_own, version=1),
        move(api, assessment, "approve", as_=people.ward_own, version=1),
        move(api, assessment, "reject", as_=people.ministry, version=1, comment="x"),
        move(
            api,
            assessment,
            "recognise",
            as_=people.province_own,
            version=1,
            decision_number="1",
            decision_date="2025-12-01",
        ),
        move(api, assessment, "submit", as_=people.viewer, version=1),
    ]

    assert [answer.status_code for answer in answers] == [403] * 5
    assert snapshot() == before


def test_recognition_needs_a_decision_number_and_date(api, people, assessment):
    assessment.state = State.PROVINCE_APPROVED
    assessment.save()
    before = snapshot()

    no_date = move(
        api, assessment, "recognise", as_=people.ministry, version=1, decision_number="9"
    )
    blank = move(
        api,
        assessment,
        "recognise",
        as_=people.ministry,
        version=1,
        decision_number=" ",
        decision_date="2025-12-01",
    )

    assert no_date.status_code == 422
    assert [e["field"] for e in no_date.json()["errors"]] == ["decision_date"]
    assert blank.status_code == 422
    assert snapshot() == before
    assert not Recognition.objects.exists()
