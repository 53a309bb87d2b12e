import pytest

from kieumau.accounts.models import Role, User
from kieumau.assessments.models import Assessment, State, Transition
from kieumau.assessments.selectors import (
    assessment_detail_for_user,
    assessments_for_user,
    unmet_results,
    workflow_history,
)
from kieumau.assessments.services import result_set_self_value

from .actions import move
from .factories import assessment_create, result_of, unit_get


@pytest.fixture
def hanoi_assessment(round, admin_map, people):
    ba_dinh = unit_get(admin_map, "00004")  # Phường Ba Đình, Hà Nội
    return assessment_create(round, ba_dinh, people.province_other)


@pytest.fixture
def neighbour_assessment(round, people):
    return assessment_create(round, people.ward_other.unit, people.province_own)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("ward_own", {"own"}),
        ("ward_other", {"neighbour"}),
        ("province_own", {"own", "neighbour"}),
        ("province_other", {"hanoi"}),
        ("ministry", {"own", "neighbour", "hanoi"}),
        ("viewer", {"own", "neighbour", "hanoi"}),
    ],
)
def test_assessments_for_user_keeps_to_the_users_scope(
    round, people, assessment, neighbour_assessment, hanoi_assessment, role, sees
):
    names = {
        assessment.pk: "own",
        neighbour_assessment.pk: "neighbour",
        hanoi_assessment.pk: "hanoi",
    }

    found = assessments_for_user(getattr(people, role), round)

    assert {names[a.pk] for a in found} == sees


def test_assessments_for_user_reads_units_without_a_query_per_row(
    round, people, assessment, neighbour_assessment, hanoi_assessment, django_assert_num_queries
):
    ministry = User.objects.select_related("unit").get(pk=people.ministry.pk)

    with django_assert_num_queries(1):
        rows = [
            (a.registration.unit.name, a.registration.unit.province.name, a.registration.round.year)
            for a in assessments_for_user(ministry, round)
        ]

    assert len(rows) == 3


def test_an_inactive_user_sees_no_assessment(round, people, assessment):
    people.ministry.is_active = False

    assert list(assessments_for_user(people.ministry, round)) == []


def test_an_assessment_outside_the_scope_looks_missing(assessment, people):
    assert assessment_detail_for_user(people.province_own, assessment.pk) == assessment
    with pytest.raises(Assessment.DoesNotExist):
        assessment_detail_for_user(people.province_other, assessment.pk)
    with pytest.raises(Assessment.DoesNotExist):
        assessment_detail_for_user(people.ward_other, assessment.pk)
    with pytest.raises(Assessment.DoesNotExist):
        assessment_detail_for_user(people.ministry, assessment.pk + 1000)


def test_a_ward_officer_without_a_unit_sees_nothing(assessment):
    stray = User.objects.create_user("lac", role=Role.WARD)

    with pytest.raises(Assessment.DoesNotExist):
        assessment_detail_for_user(stray, assessment.pk)


def test_workflow_history_lists_the_steps_oldest_first(assessment, people):
    move("submit", assessment, people.ward_own)
    move("return", assessment, people.province_own, version=2)

    history = workflow_history(assessment)

    assert [(t.from_state, t.to_state, t.actor) for t in history] == [
        (State.DRAFT, State.SUBMITTED, people.ward_own),
        (State.SUBMITTED, State.RETURNED, people.province_own),
    ]
    assert all(isinstance(t, Transition) for t in history)


def test_unmet_results_are_the_criteria_not_met_or_without_a_value(assessment, people):
    result_set_self_value(
        actor=people.ward_own, result=result_of(assessment, "1"), value=1, version=1
    )
    result_set_self_value(
        actor=people.ward_own, result=result_of(assessment, "3"), value=79, version=2
    )

    assert [r.criterion.code for r in unmet_results(assessment)] == ["2", "3", "4"]
