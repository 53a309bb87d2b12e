from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.assessments.services import (
    SelfValue,
    results_set_self_values,
    self_values_errors,
)
from kieumau.criteria.types import Level

from .database import database_state
from .factories import result_of

ALL_MET = {
    "1": SelfValue(1),
    "2": SelfValue(True),
    "3": SelfValue(Decimal("92.5"), "  Theo biên bản.  "),
    "4": SelfValue("7"),
}


def _values(assessment) -> dict[str, tuple]:
    rows = CriterionResult.objects.filter(assessment=assessment).values_list(
        "criterion__code", "self_value", "self_note"
    )
    return {code: (value, note) for code, value, note in rows}


def test_every_value_is_stored_with_one_version_bump_and_the_verdict(assessment, people):
    stored = results_set_self_values(
        actor=people.ward_own, assessment=assessment, values=ALL_MET, version=1
    )

    assert _values(assessment) == {
        "1": (Decimal(1), ""),
        "2": (Decimal(1), ""),
        "3": (Decimal("92.5"), "Theo biên bản."),
        "4": (Decimal(7), ""),
    }
    fresh = Assessment.objects.get(pk=assessment.pk)
    assert (fresh.version, fresh.met_count, fresh.level) == (2, 4, Level.FULL)
    assert (stored.version, stored.met_count, stored.level) == (2, 4, Level.FULL)


def test_criteria_not_named_are_left_as_they_are_and_none_clears_a_value(assessment, people):
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=ALL_MET, version=1)

    results_set_self_values(
        actor=people.ward_own, assessment=assessment, values={"4": SelfValue(None)}, version=2
    )

    values = _values(assessment)
    assert values["4"] == (None, "")
    assert values["3"] == (Decimal("92.5"), "Theo biên bản.")
    assert Assessment.objects.get(pk=assessment.pk).met_count == 3


def test_one_bad_value_refuses_them_all_and_names_each_criterion(assessment, people):
    before = database_state(assessment)
    values = ALL_MET | {"1": SelfValue(2), "3": SelfValue(150), "4": SelfValue("mười")}

    with pytest.raises(ValidationError) as refused:
        results_set_self_values(
            actor=people.ward_own, assessment=assessment, values=values, version=1
        )

    assert refused.value.message_dict == {
        "1": ["Tiêu chí 1 chỉ nhận Có (1) hoặc Không (0)."],
        "3": ["Tiêu chí 3 là tỷ lệ phần trăm, từ 0 đến 100."],
        "4": ["Tiêu chí 4: «mười» không phải là một số."],
    }
    assert database_state(assessment) == before


def test_an_unknown_criterion_or_a_number_too_large_is_refused(assessment, people):
    before = database_state(assessment)
    values = {"99": SelfValue(1), "4": SelfValue(10**11)}

    with pytest.raises(ValidationError) as refused:
        results_set_self_values(
            actor=people.ward_own, assessment=assessment, values=values, version=1
        )

    errors = refused.value.message_dict
    assert errors["99"] == ["Bản đánh giá không có tiêu chí 99."]
    assert list(errors) == ["99", "4"] and len(errors["4"]) == 1
    assert database_state(assessment) == before


def test_a_stale_version_refuses_everything(assessment, people):
    results_set_self_values(
        actor=people.ward_own, assessment=assessment, values={"1": SelfValue(1)}, version=1
    )
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        results_set_self_values(
            actor=people.ward_own, assessment=assessment, values=ALL_MET, version=1
        )

    assert not hasattr(refused.value, "error_dict")
    assert refused.value.messages[0].startswith("Bản đánh giá đã được người khác cập nhật")
    assert database_state(assessment) == before


@pytest.mark.parametrize("state", [State.SUBMITTED, State.PROVINCE_APPROVED, State.RECOGNISED])
def test_values_are_frozen_once_the_assessment_has_left_the_ward(assessment, people, state):
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Chỉ được sửa kết quả tự đánh giá khi"):
        results_set_self_values(
            actor=people.ward_own, assessment=assessment, values=ALL_MET, version=1
        )

    assert database_state(assessment) == before


def test_a_returned_assessment_takes_values_again(assessment, people):
    Assessment.objects.filter(pk=assessment.pk).update(state=State.RETURNED)

    results_set_self_values(actor=people.ward_own, assessment=assessment, values=ALL_MET, version=1)

    assert Assessment.objects.get(pk=assessment.pk).met_count == 4


@pytest.mark.parametrize("role", ["ward_other", "province_other", "ministry", "viewer"])
def test_only_the_units_ward_or_its_province_may_enter_values(assessment, people, role):
    before = database_state(assessment)

    with pytest.raises(Denied):
        results_set_self_values(
            actor=getattr(people, role), assessment=assessment, values=ALL_MET, version=1
        )

    assert database_state(assessment) == before


def test_the_province_may_enter_values_it_collected_from_the_ward(assessment, people):
    results_set_self_values(
        actor=people.province_own, assessment=assessment, values=ALL_MET, version=1
    )

    assert Assessment.objects.get(pk=assessment.pk).met_count == 4


def test_only_changed_results_are_written_and_audited_with_the_actor(assessment, people):
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=ALL_MET, version=1)
    result = result_of(assessment, "4")
    logged = LogEntry.objects.count()

    results_set_self_values(
        actor=people.ward_own,
        assessment=assessment,
        values=ALL_MET | {"4": SelfValue(6)},
        version=2,
    )

    entries = LogEntry.objects.order_by("pk")[logged:]
    changed = [e for e in entries if e.content_type.model == "criterionresult"]
    assert [(e.object_pk, e.changes_dict["self_value"]) for e in changed] == [
        (str(result.pk), ["7.00", "6"])
    ]
    assert {e.actor for e in entries} == {people.ward_own}


def test_self_values_errors_says_what_would_be_refused_and_changes_nothing(assessment, people):
    before = database_state(assessment)

    errors = self_values_errors(
        assessment=assessment, values={"1": SelfValue(2), "3": SelfValue(50), "9": SelfValue(1)}
    )

    assert errors == {
        "1": ["Tiêu chí 1 chỉ nhận Có (1) hoặc Không (0)."],
        "9": ["Bản đánh giá không có tiêu chí 9."],
    }
    assert self_values_errors(assessment=assessment, values=ALL_MET) == {}
    assert database_state(assessment) == before
