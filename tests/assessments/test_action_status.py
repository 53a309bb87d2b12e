from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kieumau.assessments.models import ActionItem
from kieumau.assessments.services import action_item_add

from .database import database_state
from .factories import result_of

PLAN = {"action": "Lắp camera", "owner": "Đội CSKV", "due_date": date(2026, 6, 30)}


def test_an_action_can_be_added_already_in_progress(assessment, people):
    item = action_item_add(
        actor=people.ward_own,
        result=result_of(assessment, "4"),
        **PLAN,
        status=ActionItem.Status.IN_PROGRESS,
        version=1,
    )

    assert ActionItem.objects.get(pk=item.pk).status == "in_progress"


def test_an_action_added_with_an_unknown_status_is_refused(assessment, people):
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        action_item_add(
            actor=people.ward_own, result=result_of(assessment, "4"), **PLAN, status="lost"
        )

    assert refused.value.messages == ["Trạng thái «lost» không hợp lệ."]
    assert database_state(assessment) == before
