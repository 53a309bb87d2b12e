import pytest
from django.core.exceptions import ValidationError

from kieumau.accounts.scopes import Permission
from kieumau.assessments.models import State
from kieumau.assessments.workflow import STEPS, permissions_into, step_between


def test_the_table_holds_exactly_the_programme_steps_and_their_roles():
    table = {
        (s.source.value, s.target.value): (s.permission.value, s.comment_required)
        for s in STEPS.values()
    }

    assert table == {
        ("draft", "submitted"): ("submit", False),
        ("returned", "submitted"): ("submit", False),
        ("submitted", "returned"): ("review", True),
        ("submitted", "province_approved"): ("review", False),
        ("submitted", "rejected"): ("review", True),
        ("province_approved", "recognised"): ("recognise", False),
        ("province_approved", "returned"): ("recognise", True),
    }


def test_step_between_names_an_illegal_move_in_vietnamese():
    with pytest.raises(ValidationError) as refused:
        step_between(State.DRAFT, State.RECOGNISED)

    assert refused.value.messages == [
        "Không thể chuyển bản đánh giá từ trạng thái «bản nháp» sang «đã công nhận»."
    ]


@pytest.mark.parametrize("state", list(State))
def test_no_state_moves_to_itself(state):
    with pytest.raises(ValidationError):
        step_between(state, state)


def test_a_return_comes_from_the_province_or_the_ministry():
    assert permissions_into(State.RETURNED) == (Permission.REVIEW, Permission.RECOGNISE)
    assert permissions_into(State.SUBMITTED) == (Permission.SUBMIT,)
