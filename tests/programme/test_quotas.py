import math
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.programme.models import QuotaRule
from kieumau.programme.quotas import STRATEGIES, quota_parameters_clean, quotas_by_rule

CENTRAL_CITIES = {"01": 13, "31": 7, "48": 6, "79": 17, "92": 5}  # Hà Nội, HP, ĐN, HCM, CT


def _by_code(quotas):
    return {province.code: count for province, count in quotas.items()}


def test_every_quota_rule_has_a_strategy():
    assert set(STRATEGIES) == set(QuotaRule)


def test_pilot_2023_gives_106_units_on_the_2023_map(maps, django_assert_num_queries):
    provinces = AdminUnit.objects.filter(admin_map=maps["2023-05"], level=Level.PROVINCE)
    expected = {code: 1 for code in provinces.values_list("code", flat=True)} | CENTRAL_CITIES

    with django_assert_num_queries(1):
        quotas = _by_code(quotas_by_rule("pilot-2023", maps["2023-05"], {}))

    assert quotas == expected
    assert len(quotas) == 63
    assert Counter(quotas.values())[1] == 58
    assert sum(quotas.values()) == 106
    assert set(CENTRAL_CITIES) == set(
        provinces.filter(type=UnitType.CENTRAL_CITY).values_list("code", flat=True)
    )


def test_pilot_2023_needs_a_map_with_districts(maps):
    with pytest.raises(ValidationError, match="cần danh mục có cấp huyện; danh mục 2025-07"):
        quotas_by_rule("pilot-2023", maps["2025-07"], {})


@pytest.mark.parametrize("percent", [30, "12.5", 100])
def test_share_of_wards_rounds_up_each_provinces_share_on_the_2025_map(maps, percent):
    wards = Counter(
        AdminUnit.objects.filter(admin_map=maps["2025-07"], type=UnitType.WARD).values_list(
            "province__code", flat=True
        )
    )
    share = float(percent)

    with_quota = _by_code(quotas_by_rule("share-of-wards", maps["2025-07"], {"percent": percent}))

    assert len(with_quota) == 34
    assert with_quota == {code: math.ceil(share * wards[code] / 100) for code in with_quota}


def test_share_of_wards_numbers_on_the_2025_map(maps):
    quotas = _by_code(quotas_by_rule("share-of-wards", maps["2025-07"], {"percent": 30}))

    # 51 phường in Hà Nội, 11 in Nghệ An, 2 in Lai Châu.
    assert (quotas["01"], quotas["40"], quotas["12"]) == (16, 4, 1)
    assert sum(quotas.values()) == 220


def test_share_of_wards_works_on_a_three_level_map(maps):
    quotas = _by_code(quotas_by_rule("share-of-wards", maps["2023-05"], {"percent": 10}))

    assert (quotas["01"], quotas["40"]) == (18, 4)  # 175 and 32 phường


@pytest.mark.parametrize(
    ("rule", "parameters", "message"),
    [
        ("share-of-wards", {}, "Quy tắc share-of-wards cần tham số «percent»."),
        ("share-of-wards", {"percent": "ba mươi"}, "Tham số «percent» = «ba mươi» không hợp lệ"),
        ("share-of-wards", {"percent": 0}, "cần một số lớn hơn 0 và không quá 100"),
        ("share-of-wards", {"percent": 101}, "cần một số lớn hơn 0 và không quá 100"),
        ("share-of-wards", {"percent": True}, "không hợp lệ"),
        (
            "share-of-wards",
            {"percent": 30, "minimum": 1},
            "Quy tắc share-of-wards không nhận tham số «minimum» (nhận: percent).",
        ),
        (
            "pilot-2023",
            {"percent": 30},
            "Quy tắc pilot-2023 không nhận tham số «percent» (nhận: không có tham số nào).",
        ),
        (
            "by-lottery",
            {},
            "Không có quy tắc chỉ tiêu «by-lottery» (có: pilot-2023, share-of-wards).",
        ),
    ],
)
def test_bad_rule_parameters_are_refused_with_a_clear_message(rule, parameters, message):
    with pytest.raises(ValidationError) as excinfo:
        quota_parameters_clean(rule, parameters)

    assert any(message in text for text in excinfo.value.messages), excinfo.value.messages


def test_parameters_are_cleaned_to_numbers():
    assert quota_parameters_clean("share-of-wards", {"percent": "30"}) == {"percent": 30}
    assert quota_parameters_clean("share-of-wards", {"percent": "12,5"}) == {"percent": 12.5}
