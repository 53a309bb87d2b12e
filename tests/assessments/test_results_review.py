"""The province's review of several criteria at once: all of them or none."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.assessments.services import ReviewValue, result_set_self_value, results_review
from kieumau.assessments.services.common import CONFLICT
from kieumau.criteria.types import Level

from .actions import move
from .database import database_state
from .factories import result_of


@pytest.fixture
def submitted(assessment, people) -> Assessment:
    """Trường Vinh sent with every criterion met by its own values."""
    for code, value in {"1": 1, "2": 1, "3": 90, "4": 6}.items():
        stored = Assessment.objects.get(pk=assessment.pk)
        result_set_self_value(
            actor=people.ward_own,
            result=result_of(assessment, code),
            value=value,
            version=stored.version,
        )
    return move("submit", Assessment.objects.get(pk=assessment.pk), people.ward_own)


def test_reviewed_values_and_comments_are_stored_with_the_reviewer_and_the_verdict_follows(
    submitted, people
):
    stored = results_review(
        actor=people.province_own,
        assessment=submitted,
        reviews={
            "2": ReviewValue(0, "  Chưa có biên bản.  "),
            "3": ReviewValue("75.5", "Số liệu thực tế thấp hơn."),
        },
        version=submitted.version,
    )

    two, three = result_of(submitted, "2"), result_of(submitted, "3")
    assert (two.review_value, two.review_comment) == (Decimal(0), "Chưa có biên bản.")
    assert (three.review_value, three.review_comment) == (
        Decimal("75.5"),
        "Số liệu thực tế thấp hơn.",
    )
    assert two.reviewed_by == three.reviewed_by == people.province_own
    assert two.reviewed_at is not None
    assert (stored.version, stored.met_count, stored.level) == (
        submitted.version + 1,
        2,
        Level.NOT_MET,
    )
    assert Assessment.objects.get(pk=submitted.pk).met_count == 2


def test_an_unchanged_criterion_keeps_its_reviewer_and_time(submitted, people):
    results_review(
        actor=people.province_own,
        assessment=submitted,
        reviews={"1": ReviewValue(1, "Đúng.")},
        version=submitted.version,
    )
    first = result_of(submitted, "1")
    other = type(people.province_own).objects.create_user(
        "tinh-2", role=people.province_own.role, unit=people.province_own.unit
    )

    results_review(
        actor=other,
        assessment=submitted,
        reviews={"1": ReviewValue(1, "Đúng."), "4": ReviewValue(None, "Giữ nguyên.")},
        version=submitted.version + 1,
    )

    again, four = result_of(submitted, "1"), result_of(submitted, "4")
    assert (again.reviewed_by, again.reviewed_at) == (people.province_own, first.reviewed_at)
    assert (four.reviewed_by, four.review_value, four.review_comment) == (
        other,
        None,
        "Giữ nguyên.",
    )


def test_one_bad_value_refuses_every_criterion_and_names_each_refused_code(submitted, people):
    before = database_state(submitted)

    with pytest.raises(ValidationError) as refused:
        results_review(
            actor=people.province_own,
            assessment=submitted,
            reviews={
                "2": ReviewValue(0, "Chưa đạt."),
                "3": ReviewValue(150),
                "9": ReviewValue(1),
            },
            version=submitted.version,
        )

    assert refused.value.message_dict == {
        "3": ["Tiêu chí 3 là tỷ lệ phần trăm, từ 0 đến 100."],
        "9": ["Bản đánh giá không có tiêu chí 9."],
    }
    assert database_state(submitted) == before


def test_a_stale_version_is_refused_with_the_conflict_message(submitted, people):
    before = database_state(submitted)

    with pytest.raises(ValidationError) as refused:
        results_review(
            actor=people.province_own,
            assessment=submitted,
            reviews={"2": ReviewValue(0)},
            version=submitted.version - 1,
        )

    assert refused.value.messages == [CONFLICT]
    assert database_state(submitted) == before


def test_a_draft_cannot_be_reviewed(assessment, people):
    with pytest.raises(ValidationError) as refused:
        results_review(
            actor=people.province_own,
            assessment=assessment,
            reviews={"2": ReviewValue(0)},
            version=assessment.version,
        )

    assert "Chỉ được thẩm định kết quả khi bản đánh giá ở trạng thái" in refused.value.messages[0]
    assert Assessment.objects.get(pk=assessment.pk).state == State.DRAFT
    assert not CriterionResult.objects.filter(review_value__isnull=False).exists()


@pytest.mark.parametrize("who", ["province_other", "ward_own", "ministry"])
def test_only_the_units_province_may_review(submitted, people, who):
    before = database_state(submitted)

    with pytest.raises(Denied):
        results_review(
            actor=getattr(people, who),
            assessment=submitted,
            reviews={"2": ReviewValue(0)},
            version=submitted.version,
        )

    assert database_state(submitted) == before
