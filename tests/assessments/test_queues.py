"""The review queue of a province and the ministry's recognition queue, scoped to the user."""

from datetime import timedelta

import pytest

from kieumau.assessments.models import Assessment, State, Transition
from kieumau.assessments.selectors import (
    assessment_state_counts_for_user,
    recognition_queue_for_user,
    recognitions_for_user,
    review_queue_for_user,
)

from .actions import move
from .factories import assessment_create, unit_get


@pytest.fixture
def units(round, admin_map, people, assessment):
    """Trường Vinh (draft), Thành Vinh (submitted), Vinh Phú (approved), Ba Đình (approved)."""
    thanh_vinh = assessment_create(round, unit_get(admin_map, "16681"), people.province_own)
    vinh_phu = assessment_create(round, unit_get(admin_map, "16702"), people.province_own)
    ba_dinh = assessment_create(round, unit_get(admin_map, "00004"), people.province_other)
    hanoi_ward = type(people.ward_own).objects.create_user(
        "ba-dinh", role=people.ward_own.role, unit=ba_dinh.registration.unit
    )
    vinh_phu_ward = type(people.ward_own).objects.create_user(
        "vinh-phu", role=people.ward_own.role, unit=vinh_phu.registration.unit
    )
    move("submit", thanh_vinh, people.ward_other)
    move("approve", move("submit", vinh_phu, vinh_phu_ward), people.province_own)
    move("approve", move("submit", ba_dinh, hanoi_ward), people.province_other)
    return {
        "own": assessment,
        "thanh_vinh": Assessment.objects.get(pk=thanh_vinh.pk),
        "vinh_phu": Assessment.objects.get(pk=vinh_phu.pk),
        "ba_dinh": Assessment.objects.get(pk=ba_dinh.pk),
    }


def _codes(assessments) -> list[str]:
    return [a.registration.unit.code for a in assessments]


def test_the_review_queue_keeps_to_the_province_and_the_states_asked(round, people, units):
    submitted = review_queue_for_user(people.province_own, round, states=[State.SUBMITTED])
    sent = review_queue_for_user(
        people.province_own, round, states=[State.SUBMITTED, State.PROVINCE_APPROVED]
    )

    assert _codes(submitted) == ["16681"]
    assert sorted(_codes(sent)) == ["16681", "16702"]
    assert _codes(review_queue_for_user(people.province_other, round, states=["submitted"])) == []
    assert _codes(review_queue_for_user(people.ward_own, round, states=["submitted"])) == []


def test_the_review_queue_shows_the_latest_submission_and_puts_the_longest_waiting_first(
    round, people, units
):
    thanh_vinh, vinh_phu = units["thanh_vinh"], units["vinh_phu"]
    latest = Transition.objects.get(assessment=thanh_vinh, to_state=State.SUBMITTED)
    Transition.objects.filter(pk=latest.pk).update(at=latest.at - timedelta(days=3))
    Transition.objects.filter(assessment=vinh_phu, to_state=State.SUBMITTED).update(
        at=latest.at - timedelta(days=5)
    )

    queue = list(
        review_queue_for_user(
            people.province_own, round, states=[State.SUBMITTED, State.PROVINCE_APPROVED]
        )
    )

    assert _codes(queue) == ["16702", "16681"]
    assert queue[1].submitted_at == latest.at - timedelta(days=3)
    assert queue[1].registration.unit.parent.code == "40"


def test_state_counts_cover_every_state_in_the_users_scope(round, people, units):
    assert assessment_state_counts_for_user(people.province_own, round) == {
        "draft": 1,
        "submitted": 1,
        "returned": 0,
        "province_approved": 1,
        "recognised": 0,
        "rejected": 0,
    }
    assert assessment_state_counts_for_user(people.ministry, round)["province_approved"] == 2


def test_the_recognition_queue_holds_the_approved_units_optionally_of_one_province(
    round, people, units, admin_map
):
    nghe_an = unit_get(admin_map, "40")

    everyone = recognition_queue_for_user(people.ministry, round)
    nghe_an_only = recognition_queue_for_user(people.ministry, round, province=nghe_an)

    assert sorted(_codes(everyone)) == ["00004", "16702"]
    assert _codes(nghe_an_only) == ["16702"]
    assert nghe_an_only[0].approved_at is not None


def test_recognitions_list_the_decisions_of_the_round_in_the_users_scope(
    round, people, units, admin_map
):
    move("recognise", units["ba_dinh"], people.ministry)

    decisions = list(recognitions_for_user(people.ministry, round))

    assert [(r.decision_number, r.assessment.registration.unit.code) for r in decisions] == [
        ("1234/QĐ-BCA", "00004")
    ]
    assert list(recognitions_for_user(people.province_own, round)) == []
    assert list(recognitions_for_user(people.province_other, round)) == decisions
    assert not list(
        recognitions_for_user(people.ministry, round, province=unit_get(admin_map, "40"))
    )
