from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.assessments.services import result_review, result_set_self_value
from kieumau.criteria.types import Level

from .actions import move
from .database import database_state
from .factories import result_of

ALL_MET = {"1": 1, "2": 1, "3": Decimal("92.5"), "4": 7}


def _version(assessment: Assessment) -> int:
    return Assessment.objects.values_list("version", flat=True).get(pk=assessment.pk)


def _set(assessment, actor, values: dict) -> None:
    for code, value in values.items():
        result_set_self_value(
            actor=actor,
            result=result_of(assessment, code),
            value=value,
            version=_version(assessment),
        )


def _verdict(assessment) -> tuple[int, str]:
    stored = Assessment.objects.get(pk=assessment.pk)
    return stored.met_count, stored.level


@pytest.mark.parametrize(
    ("code", "value", "stored"),
    [
        ("1", 1, Decimal(1)),
        ("1", Decimal("0.00"), Decimal(0)),
        ("2", True, Decimal(1)),
        ("3", 0, Decimal(0)),
        ("3", "100", Decimal(100)),
        ("3", Decimal("85.5"), Decimal("85.5")),
        ("4", Decimal("-3"), Decimal(-3)),
        ("4", "12345.67", Decimal("12345.67")),
        ("4", None, None),
    ],
)
def test_a_self_value_fitting_the_criterion_kind_is_stored(assessment, people, code, value, stored):
    result = result_set_self_value(
        actor=people.ward_own,
        result=result_of(assessment, code),
        value=value,
        note="  Theo biên bản kiểm tra.  ",
        version=1,
    )

    result = CriterionResult.objects.get(pk=result.pk)
    assert (result.self_value, result.self_note) == (stored, "Theo biên bản kiểm tra.")
    assert _version(assessment) == 2


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("1", 2, "Tiêu chí 1 chỉ nhận Có (1) hoặc Không (0)."),
        ("2", Decimal("0.5"), "Tiêu chí 2 chỉ nhận Có (1) hoặc Không (0)."),
        ("3", Decimal("100.01"), "Tiêu chí 3 là tỷ lệ phần trăm, từ 0 đến 100."),
        ("3", -1, "Tiêu chí 3 là tỷ lệ phần trăm, từ 0 đến 100."),
        ("4", "1.234", "Tiêu chí 4: nhập tối đa 2 chữ số thập phân."),
        ("4", "mười", "Tiêu chí 4: «mười» không phải là một số."),
        ("4", Decimal("NaN"), "Tiêu chí 4: «NaN» không phải là một số."),
    ],
)
def test_a_self_value_not_fitting_the_kind_is_refused_and_changes_nothing(
    assessment, people, code, value, message
):
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        result_set_self_value(
            actor=people.ward_own, result=result_of(assessment, code), value=value, version=1
        )

    assert refused.value.messages == [message]
    assert database_state(assessment) == before


def test_a_number_too_large_for_the_column_is_refused(assessment, people):
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="self_value"):
        result_set_self_value(
            actor=people.ward_own, result=result_of(assessment, "4"), value=10**11, version=1
        )

    assert database_state(assessment) == before


def test_the_verdict_follows_the_self_values(assessment, people):
    assert _verdict(assessment) == (0, Level.NOT_MET)

    _set(assessment, people.ward_own, ALL_MET)
    assert _verdict(assessment) == (4, Level.FULL)

    _set(assessment, people.ward_own, {"3": 60})
    assert _verdict(assessment) == (3, Level.BASIC)

    _set(assessment, people.ward_own, {"3": 80, "1": 0})  # 80 meets "≥ 80"; 1 is mandatory
    assert _verdict(assessment) == (3, Level.NOT_MET)


def test_the_reviewed_value_prevails_over_the_self_value(assessment, people):
    _set(assessment, people.ward_own, ALL_MET)
    move("submit", assessment, people.ward_own, version=_version(assessment))

    reviewed = result_review(
        actor=people.province_own,
        result=result_of(assessment, "3"),
        value=Decimal(50),
        comment="Biên bản chỉ ghi 50%.",
        version=_version(assessment),
    )

    assert _verdict(assessment) == (3, Level.BASIC)
    reviewed = CriterionResult.objects.get(pk=reviewed.pk)
    assert (reviewed.self_value, reviewed.review_value, reviewed.effective_value) == (
        Decimal("92.5"),
        Decimal(50),
        Decimal(50),
    )
    assert (reviewed.reviewed_by, reviewed.review_comment) == (
        people.province_own,
        "Biên bản chỉ ghi 50%.",
    )
    assert reviewed.reviewed_at is not None


def test_a_review_without_a_value_keeps_the_self_value(assessment, people):
    _set(assessment, people.ward_own, ALL_MET)
    move("submit", assessment, people.ward_own, version=_version(assessment))
    result_review(
        actor=people.province_own,
        result=result_of(assessment, "4"),
        value=2,
        version=_version(assessment),
    )
    assert _verdict(assessment) == (3, Level.BASIC)

    result_review(
        actor=people.province_own,
        result=result_of(assessment, "4"),
        value=None,
        comment="Đã xác minh lại: đúng 7 camera.",
        version=_version(assessment),
    )

    assert _verdict(assessment) == (4, Level.FULL)
    assert result_of(assessment, "4").effective_value == Decimal(7)


@pytest.mark.parametrize("state", [State.SUBMITTED, State.PROVINCE_APPROVED, State.RECOGNISED])
def test_self_values_are_frozen_once_the_assessment_has_left_the_ward(assessment, people, state):
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Chỉ được sửa kết quả tự đánh giá khi"):
        result_set_self_value(
            actor=people.ward_own, result=result_of(assessment, "1"), value=1, version=1
        )

    assert database_state(assessment) == before


def test_the_self_value_message_names_the_states_that_allow_it(assessment, people):
    Assessment.objects.filter(pk=assessment.pk).update(state=State.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        result_set_self_value(
            actor=people.ward_own, result=result_of(assessment, "1"), value=1, version=1
        )

    assert refused.value.messages == [
        "Chỉ được sửa kết quả tự đánh giá khi bản đánh giá ở trạng thái «bản nháp» hoặc "
        "«trả lại để bổ sung» (hiện tại: «đã gửi thẩm định»)."
    ]


@pytest.mark.parametrize("state", [State.DRAFT, State.RETURNED, State.PROVINCE_APPROVED])
def test_a_review_is_refused_unless_the_assessment_is_submitted(assessment, people, state):
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    before = database_state(assessment)

    with pytest.raises(ValidationError, match="Chỉ được thẩm định kết quả khi"):
        result_review(
            actor=people.province_own, result=result_of(assessment, "1"), value=0, version=1
        )

    assert database_state(assessment) == before


def test_of_two_writers_holding_the_same_version_the_second_is_refused(assessment, people):
    colleague = type(people.ward_own).objects.create_user(
        "phuong-2", role=people.ward_own.role, unit=people.ward_own.unit
    )
    result_set_self_value(
        actor=people.ward_own, result=result_of(assessment, "3"), value=90, version=1
    )
    before = database_state(assessment)

    with pytest.raises(ValidationError) as refused:
        result_set_self_value(
            actor=colleague, result=result_of(assessment, "3"), value=40, version=1
        )

    assert refused.value.messages == [
        "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc. "
        "Hãy tải lại trang để xem thay đổi rồi thực hiện lại."
    ]
    assert database_state(assessment) == before
    assert result_of(assessment, "3").self_value == Decimal(90)


def test_a_value_change_is_audited_with_its_actor(assessment, people):
    result = result_set_self_value(
        actor=people.ward_own, result=result_of(assessment, "4"), value=6, version=1
    )

    entry = LogEntry.objects.get_for_object(result).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people.ward_own
    assert entry.changes_dict["self_value"] == [None, "6"]
