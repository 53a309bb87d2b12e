from decimal import Decimal

import pytest

from kieumau.accounts.models import Role, User
from kieumau.assessments.models import ActionItem, CriterionResult
from kieumau.assessments.selectors import (
    action_item_for_user,
    action_plan,
    assessment_sheet,
    recognition_of,
    result_for_user,
    unit_assessments_for_user,
)
from kieumau.assessments.services import SelfValue, result_review, results_set_self_values

from .actions import move
from .factories import action_item_create, assessment_create, evidence_create, result_of, unit_get


@pytest.fixture
def neighbour_assessment(round, people):
    return assessment_create(round, people.ward_other.unit, people.province_own)


def _fill(assessment, people, **values):
    results_set_self_values(
        actor=people.ward_own,
        assessment=assessment,
        values={code: SelfValue(value) for code, value in values.items()},
        version=assessment.version,
    )
    assessment.refresh_from_db()


def test_the_sheet_groups_criteria_in_order_with_status_requirement_and_verdict(assessment, people):
    _fill(assessment, people, **{"1": 1, "3": Decimal(70)})

    sheet = assessment_sheet(assessment)

    assert [group.group.code for group in sheet.groups] == ["I"]
    lines = sheet.lines
    assert [line.criterion.code for line in lines] == ["1", "2", "3", "4"]
    assert [line.met for line in lines] == [True, False, False, False]
    assert [line.requirement for line in lines] == ["có/không", "có/không", "≥ 80", "≥ 5"]
    assert (sheet.met_count, sheet.total, sheet.basic_min_met) == (1, 4, 3)
    assert sheet.verdict.missing == ("2", "4")
    assert sheet.line(result_of(assessment, "3").pk).result.self_value == Decimal(70)


def test_the_sheet_uses_the_reviewed_value_when_there_is_one(assessment, people):
    _fill(assessment, people, **{"3": Decimal(90)})
    move("submit", assessment, people.ward_own)
    assessment.refresh_from_db()
    result_review(
        actor=people.province_own,
        result=result_of(assessment, "3"),
        value=Decimal(60),
        comment="Số liệu chưa khớp.",
        version=assessment.version,
    )

    line = assessment_sheet(assessment).line(result_of(assessment, "3").pk)

    assert line.met is False
    assert (line.result.review_comment, line.result.reviewed_by) == (
        "Số liệu chưa khớp.",
        people.province_own,
    )


def test_the_sheet_reads_in_three_queries_whatever_the_number_of_files(
    assessment, people, django_assert_num_queries
):
    for code in ("1", "1", "3", "4"):
        evidence_create(result_of(assessment, code), people.ward_own)
    assessment = (
        type(assessment)
        .objects.select_related("registration__round__criteria_set")
        .get(pk=assessment.pk)
    )

    with django_assert_num_queries(3):
        sheet = assessment_sheet(assessment)
        files = [(line.criterion.group.code, len(line.evidence)) for line in sheet.lines]

    assert files == [("I", 2), ("I", 0), ("I", 1), ("I", 1)]
    assert sheet.evidence_count == 4


def test_unit_assessments_for_user_is_the_ward_officers_own_unit_only(
    round, assessment, neighbour_assessment, people
):
    assert list(unit_assessments_for_user(people.ward_own, round)) == [assessment]
    assert list(unit_assessments_for_user(people.ward_other, round)) == [neighbour_assessment]
    for role in ("province_own", "ministry", "viewer"):
        assert not unit_assessments_for_user(getattr(people, role), round).exists()
    orphan = User.objects.create_user("khong-don-vi", role=Role.WARD)
    assert not unit_assessments_for_user(orphan, round).exists()


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("ward_own", True),
        ("ward_other", False),
        ("province_own", True),
        ("province_other", False),
        ("ministry", True),
        ("viewer", True),
    ],
)
def test_result_and_action_item_for_user_keep_to_the_users_scope(assessment, people, role, visible):
    result = result_of(assessment, "4")
    item = action_item_create(result)
    user = getattr(people, role)

    if visible:
        assert result_for_user(user, result.pk) == result
        assert action_item_for_user(user, item.pk) == item
    else:
        with pytest.raises(CriterionResult.DoesNotExist):
            result_for_user(user, result.pk)
        with pytest.raises(ActionItem.DoesNotExist):
            action_item_for_user(user, item.pk)


def test_the_action_plan_is_the_unmet_criteria_and_any_with_items(assessment, people):
    _fill(assessment, people, **{"1": 1, "2": 1, "3": Decimal(85)})
    planned = action_item_create(result_of(assessment, "2"))  # met since the plan was made
    action_item_create(result_of(assessment, "4"))

    lines = action_plan(assessment)

    assert [(line.criterion.code, line.met) for line in lines] == [("2", True), ("4", False)]
    assert lines[0].items == [planned]
    assert lines[1].requirement == "≥ 5"


def test_the_action_plan_reads_in_four_queries_whatever_the_number_of_items(
    assessment, people, django_assert_num_queries
):
    for code in ("1", "1", "2", "4"):
        action_item_create(result_of(assessment, code))
    assessment = (
        type(assessment)
        .objects.select_related("registration__round__criteria_set")
        .get(pk=assessment.pk)
    )

    with django_assert_num_queries(4):
        counts = [len(line.items) for line in action_plan(assessment)]

    assert counts == [2, 1, 0, 1]


def test_recognition_of_is_the_decision_once_recognised(assessment, people):
    assert recognition_of(assessment) is None
    for step, actor in (
        ("submit", people.ward_own),
        ("approve", people.province_own),
        ("recognise", people.ministry),
    ):
        assessment.refresh_from_db()
        move(step, assessment, actor)

    assert recognition_of(assessment).decision_number == "1234/QĐ-BCA"


def test_a_hanoi_officer_does_not_see_a_nghe_an_unit(round, admin_map, people):
    ba_dinh = assessment_create(round, unit_get(admin_map, "00004"), people.province_other)

    with pytest.raises(CriterionResult.DoesNotExist):
        result_for_user(people.province_own, result_of(ba_dinh, "1").pk)
