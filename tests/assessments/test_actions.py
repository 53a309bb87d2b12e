from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kieumau.assessments.models import ActionItem, Assessment
from kieumau.assessments.services import (
    action_item_add,
    action_item_remove,
    action_item_update,
    result_set_self_value,
)

from .database import database_state
from .factories import action_item_create, result_of

PLAN = {
    "action": "  Lắp thêm 4 camera tại các tuyến phố chính  ",
    "owner": "Đội Cảnh sát khu vực",
    "due_date": date(2026, 6, 30),
    "budget_vnd": 0,
}


def test_an_action_is_planned_for_an_unmet_criterion(assessment, people):
    item = action_item_add(
        actor=people.ward_own, result=result_of(assessment, "4"), **PLAN, version=1
    )

    item = ActionItem.objects.get(pk=item.pk)
    assert (item.result, item.action, item.owner, item.due_date, item.budget_vnd) == (
        result_of(assessment, "4"),
        "Lắp thêm 4 camera tại các tuyến phố chính",
        "Đội Cảnh sát khu vực",
        date(2026, 6, 30),
        0,
    )
    assert item.status == ActionItem.Status.PLANNED
    assert Assessment.objects.get(pk=assessment.pk).version == 2


def test_no_action_is_planned_for_a_met_criterion(assessment, people):
    result_set_self_value(
        actor=people.ward_own, result=result_of(assessment, "2"), value=1, version=1
    )
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        action_item_add(actor=people.ward_own, result=result_of(assessment, "2"), **PLAN)

    assert refused.value.messages == ["Tiêu chí 2 đã đạt: không cần kế hoạch khắc phục."]
    assert database_state(assessment) == before


def test_an_action_without_what_who_and_when_or_with_a_negative_budget_is_refused(
    assessment, people
):
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        action_item_add(
            actor=people.ward_own,
            result=result_of(assessment, "4"),
            action=" ",
            owner="",
            due_date=None,
            budget_vnd=-1,
        )

    assert refused.value.messages == [
        "Cần mô tả việc sẽ làm.",
        "Cần ghi người hoặc bộ phận chịu trách nhiệm.",
        "Cần hạn hoàn thành.",
        "Kinh phí dự kiến không được âm.",
    ]
    assert database_state(assessment) == before


def test_an_action_is_updated_even_after_its_criterion_was_met(assessment, people):
    item = action_item_create(result_of(assessment, "2"))
    result_set_self_value(
        actor=people.ward_own, result=result_of(assessment, "2"), value=1, version=1
    )

    action_item_update(
        actor=people.ward_own,
        item=item,
        action="Lắp thêm camera",
        owner="Đội CSKV",
        due_date=date(2026, 5, 31),
        budget_vnd=120_000_000,
        status=ActionItem.Status.DONE,
        version=2,
    )

    item.refresh_from_db()
    assert (item.status, item.due_date, item.budget_vnd) == ("done", date(2026, 5, 31), 120_000_000)


def test_an_unknown_status_is_refused(assessment, people):
    item = action_item_create(result_of(assessment, "2"))
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Trạng thái «xong» không hợp lệ"):
        action_item_update(
            actor=people.ward_own,
            item=item,
            action="Lắp thêm camera",
            owner="Đội CSKV",
            due_date=date(2026, 5, 31),
            budget_vnd=None,
            status="xong",
        )

    assert database_state(assessment) == before


def test_an_action_is_removed(assessment, people):
    item = action_item_create(result_of(assessment, "2"))

    action_item_remove(actor=people.ward_own, item=item, version=1)

    assert not ActionItem.objects.filter(pk=item.pk).exists()


def test_a_stale_version_refuses_an_action_change(assessment, people):
    item = action_item_create(result_of(assessment, "2"))
    action_item_remove(actor=people.ward_own, item=action_item_create(result_of(assessment, "3")))
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="đã được người khác cập nhật"):
        action_item_remove(actor=people.ward_own, item=item, version=1)

    assert database_state(assessment) == before
