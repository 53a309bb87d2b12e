from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import Assessment, Recognition, State, Transition
from kieumau.assessments.services import (
    assessment_recognise,
    assessment_reject,
    assessment_return,
)
from kieumau.assessments.workflow import STEPS

from .actions import move
from .database import database_state

TARGETS = {
    "submit": State.SUBMITTED,
    "return": State.RETURNED,
    "approve": State.PROVINCE_APPROVED,
    "reject": State.REJECTED,
    "recognise": State.RECOGNISED,
}
# Who holds the permission for each move (the ministry's return is a case of its own).
MOVERS = {
    "submit": "ward_own",
    "return": "province_own",
    "approve": "province_own",
    "reject": "province_own",
    "recognise": "ministry",
}


def _in_state(assessment: Assessment, state: State) -> Assessment:
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    assessment.refresh_from_db()
    return assessment


@pytest.mark.parametrize(
    ("source", "name", "mover", "comment"),
    [
        (State.DRAFT, "submit", "ward_own", ""),
        (State.RETURNED, "submit", "ward_own", ""),
        (State.SUBMITTED, "return", "province_own", "Bổ sung minh chứng tiêu chí 3."),
        (State.SUBMITTED, "approve", "province_own", ""),
        (State.SUBMITTED, "reject", "province_own", "Chưa đủ điều kiện."),
        (State.PROVINCE_APPROVED, "recognise", "ministry", ""),
        (State.PROVINCE_APPROVED, "return", "ministry", "Bổ sung minh chứng tiêu chí 3."),
    ],
)
def test_each_legal_step_by_its_role_moves_and_records_the_step(
    assessment, people, source, name, mover, comment
):
    _in_state(assessment, source)
    actor = getattr(people, mover)

    moved = move(name, assessment, actor)

    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.state, stored.version) == (TARGETS[name], 2)
    assert moved.version == 2
    step = Transition.objects.get(assessment=assessment)
    assert (step.from_state, step.to_state, step.actor, step.comment) == (
        source,
        TARGETS[name],
        actor,
        comment,
    )


ILLEGAL = [
    (source, name)
    for source in State
    for name, target in TARGETS.items()
    if (source, target) not in STEPS
]


@pytest.mark.parametrize(("source", "name"), ILLEGAL)
def test_an_illegal_step_is_refused_with_a_clear_message_and_changes_nothing(
    assessment, people, source, name
):
    _in_state(assessment, source)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match=r"^\['Không thể chuyển bản đánh giá từ trạng thái"):
        move(name, assessment, getattr(people, MOVERS[name]))

    assert database_state(assessment) == before


def test_the_ministry_cannot_return_an_assessment_still_with_the_ward(assessment, people):
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="«bản nháp» sang «trả lại để bổ sung»"):
        move("return", assessment, people.ministry)

    assert database_state(assessment) == before


@pytest.mark.parametrize(
    ("source", "service", "mover"),
    [
        (State.SUBMITTED, assessment_return, "province_own"),
        (State.SUBMITTED, assessment_reject, "province_own"),
        (State.PROVINCE_APPROVED, assessment_return, "ministry"),
    ],
)
def test_a_return_or_rejection_without_a_reason_is_refused(
    assessment, people, source, service, mover
):
    _in_state(assessment, source)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match=r"Cần ghi rõ lý do\."):
        service(actor=getattr(people, mover), assessment=assessment, comment="  \n", version=1)

    assert database_state(assessment) == before


@pytest.mark.parametrize(
    ("number", "when"), [("", date(2025, 12, 20)), ("  ", date(2025, 12, 20)), ("12/QĐ", None)]
)
def test_recognition_needs_a_decision_number_and_date(assessment, people, number, when):
    _in_state(assessment, State.PROVINCE_APPROVED)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Cần nhập số và ngày của quyết định công nhận"):
        assessment_recognise(
            actor=people.ministry,
            assessment=assessment,
            decision_number=number,
            decision_date=when,
            version=1,
        )

    assert database_state(assessment) == before


def test_recognition_records_the_decision(assessment, people):
    _in_state(assessment, State.PROVINCE_APPROVED)

    move("recognise", assessment, people.ministry)

    recognition = Recognition.objects.get(assessment=assessment)
    assert (
        recognition.decision_number,
        recognition.decision_date,
        recognition.recognised_by,
    ) == ("1234/QĐ-BCA", date(2025, 12, 20), people.ministry)


def test_the_full_path_is_recorded_as_steps_and_in_the_audit_trail(assessment, people):
    path = [
        ("submit", people.ward_own),
        ("return", people.province_own),
        ("submit", people.ward_own),
        ("approve", people.province_own),
        ("recognise", people.ministry),
    ]
    for name, actor in path:
        assessment = move(name, assessment, actor)

    steps = Transition.objects.filter(assessment=assessment).order_by("at", "id")
    assert [(s.from_state, s.to_state, s.actor.username) for s in steps] == [
        ("draft", "submitted", "phuong"),
        ("submitted", "returned", "tinh"),
        ("returned", "submitted", "phuong"),
        ("submitted", "province_approved", "tinh"),
        ("province_approved", "recognised", "bo"),
    ]
    assert assessment.version == 6
    updates = LogEntry.objects.get_for_object(assessment).filter(action=LogEntry.Action.UPDATE)
    assert [
        (entry.changes_dict["state"], entry.actor.username)
        for entry in updates.order_by("timestamp", "id")
    ] == [
        (["draft", "submitted"], "phuong"),
        (["submitted", "returned"], "tinh"),
        (["returned", "submitted"], "phuong"),
        (["submitted", "province_approved"], "tinh"),
        (["province_approved", "recognised"], "bo"),
    ]
    logged_steps = LogEntry.objects.get_for_objects(Transition.objects.all())
    assert sorted(entry.actor.username for entry in logged_steps) == sorted(
        actor.username for _, actor in path
    )
    recognition_entry = LogEntry.objects.get_for_object(assessment.recognition).get()
    assert recognition_entry.actor == people.ministry


def test_of_two_reviewers_holding_the_same_version_the_second_is_refused(assessment, people):
    _in_state(assessment, State.SUBMITTED)
    move("approve", assessment, people.province_own, version=1)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="đã được người khác cập nhật"):
        assessment_return(
            actor=people.province_own, assessment=assessment, comment="Xem lại", version=1
        )

    assert database_state(assessment) == before
    assert Assessment.objects.get(pk=assessment.pk).state == State.PROVINCE_APPROVED


def test_a_ward_officer_cannot_submit_another_wards_assessment(assessment, people):
    before = database_state(assessment)

    with pytest.raises(Denied) as refused:
        move("submit", assessment, people.ward_other)

    assert str(refused.value) == "Chỉ Công an phường được gửi bản tự đánh giá của đơn vị mình."
    assert database_state(assessment) == before
