from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kieumau.programme.models import Quota, Round
from kieumau.programme.selectors import quota_totals, quotas_for_round
from kieumau.programme.services import quota_override, quotas_compute, round_close, round_create
from tests.programme.conftest import DEADLINES, unit

pytestmark = pytest.mark.usefixtures("maps")


def _round_kwargs(maps, criteria_set, **changes):
    return {
        "year": 2024,
        "name": "Đợt 2024",
        "admin_map": maps["2023-05"],
        "criteria_set": criteria_set,
        "quota_rule": "pilot-2023",
        **DEADLINES,
        **changes,
    }


def test_round_create_opens_the_round_with_a_quota_per_province(round_2023):
    quotas = dict(Quota.objects.filter(round=round_2023).values_list("province__code", "computed"))

    assert round_2023.status == Round.Status.OPEN
    assert len(quotas) == 63
    assert sum(quotas.values()) == 106
    assert (quotas["01"], quotas["79"], quotas["31"], quotas["48"], quotas["92"]) == (
        13,
        17,
        7,
        6,
        5,
    )
    assert quotas["40"] == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"review_deadline": date(2023, 9, 1)},
            "Các hạn phải theo thứ tự: tự đánh giá ≤ thẩm định ≤ công nhận.",
        ),
        ({"quota_rule": "share-of-wards"}, "Quy tắc share-of-wards cần tham số «percent»."),
        ({"name": "  "}, "Trường này không được để trắng."),
    ],
    ids=["deadlines", "parameters", "name"],
)
def test_round_create_refuses_bad_input_and_writes_nothing(
    maps, criteria_set, ministry, changes, message
):
    with pytest.raises(ValidationError) as excinfo:
        round_create(actor=ministry, **_round_kwargs(maps, criteria_set, **changes))

    assert message in excinfo.value.messages
    assert not Round.objects.exists()
    assert not Quota.objects.exists()


def test_round_create_refuses_a_second_round_of_the_same_year(
    round_2023, maps, criteria_set, ministry
):
    with pytest.raises(ValidationError, match="Đã có đợt đánh giá năm 2023"):
        round_create(actor=ministry, **_round_kwargs(maps, criteria_set, year=2023))

    assert Round.objects.count() == 1


def test_round_create_with_a_rule_the_map_cannot_serve_writes_nothing(maps, criteria_set, ministry):
    with pytest.raises(ValidationError, match="cần danh mục có cấp huyện"):
        round_create(actor=ministry, **_round_kwargs(maps, criteria_set, admin_map=maps["2025-07"]))

    assert not Round.objects.exists()


def test_quota_override_needs_a_reason_and_changes_nothing_without(round_2023, ministry):
    hanoi = Quota.objects.get(round=round_2023, province__code="01")

    with pytest.raises(ValidationError) as excinfo:
        quota_override(actor=ministry, quota=hanoi, value=15, reason="  ")

    assert excinfo.value.message_dict == {"override_reason": ["Cần nêu lý do điều chỉnh chỉ tiêu."]}
    hanoi.refresh_from_db()
    assert (hanoi.override, hanoi.override_reason) == (None, "")


def test_an_override_is_the_effective_quota(round_2023, ministry):
    hanoi = Quota.objects.get(round=round_2023, province__code="01")

    quota_override(actor=ministry, quota=hanoi, value=15, reason="Thêm 2 phường trọng điểm")

    row = quotas_for_round(round_2023).get(province__code="01")
    assert (row.computed, row.override, row.effective_quota, row.effective) == (13, 15, 15, 15)
    assert quota_totals(round_2023).effective == 108
    assert quota_totals(round_2023).computed == 106


def test_recomputing_keeps_overrides_and_restores_computed_values(round_2023, ministry):
    hanoi = Quota.objects.get(round=round_2023, province__code="01")
    quota_override(actor=ministry, quota=hanoi, value=15, reason="Thêm 2 phường trọng điểm")
    Quota.objects.filter(round=round_2023, province__code__in=["01", "40"]).update(computed=99)

    changed = quotas_compute(actor=ministry, round=round_2023)

    hanoi.refresh_from_db()
    assert changed == 2
    assert (hanoi.computed, hanoi.override, hanoi.override_reason) == (
        13,
        15,
        "Thêm 2 phường trọng điểm",
    )
    assert quota_totals(round_2023).effective == 108


def test_an_override_of_none_clears_it(round_2023, ministry):
    hanoi = Quota.objects.get(round=round_2023, province__code="01")
    quota_override(actor=ministry, quota=hanoi, value=15, reason="Thêm")

    quota_override(actor=ministry, quota=hanoi, value=None, reason="")

    hanoi.refresh_from_db()
    assert (hanoi.override, hanoi.override_reason, hanoi.effective) == (None, "", 13)


def test_a_negative_override_is_refused(round_2023, ministry):
    hanoi = Quota.objects.get(round=round_2023, province__code="01")

    with pytest.raises(ValidationError, match="không được âm"):
        quota_override(actor=ministry, quota=hanoi, value=-1, reason="x")


def test_a_closed_round_keeps_its_quotas(round_2023, ministry):
    round_close(actor=ministry, round=round_2023)
    hanoi = Quota.objects.get(round=round_2023, province__code="01")

    with pytest.raises(ValidationError, match="Đợt đánh giá năm 2023 đã đóng"):
        quota_override(actor=ministry, quota=hanoi, value=15, reason="Thêm")
    with pytest.raises(ValidationError, match="đã đóng"):
        quotas_compute(actor=ministry, round=round_2023)
    with pytest.raises(ValidationError, match="đã đóng"):
        round_close(actor=ministry, round=round_2023)

    assert Round.objects.get().status == Round.Status.CLOSED


def test_round_create_needs_criteria_in_the_set(maps, criteria_set, ministry):
    criteria_set.criteria.all().delete()

    with pytest.raises(ValidationError, match="chưa có tiêu chí"):
        round_create(actor=ministry, **_round_kwargs(maps, criteria_set))


def test_quota_provinces_are_the_rounds_map(round_2023, maps):
    province = unit(maps["2023-05"], "40")

    assert Quota.objects.get(round=round_2023, province=province).computed == 1
