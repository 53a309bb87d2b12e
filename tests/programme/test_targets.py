from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kieumau.programme.models import Target
from kieumau.programme.services import target_set, targets_ensure_defaults
from tests.programme.conftest import unit


def _targets():
    return list(
        Target.objects.values_list("year", "province__code", "minimum_percent", "stretch_percent")
    )


@pytest.mark.django_db
def test_default_targets_are_created_once():
    first = targets_ensure_defaults()
    second = targets_ensure_defaults()

    assert [created for _, created in first] == [True, True]
    assert [created for _, created in second] == [False, False]
    assert _targets() == [(2025, None, 30, 50), (2030, None, 100, 100)]


@pytest.mark.django_db
def test_default_targets_keep_what_the_ministry_changed(ministry):
    targets_ensure_defaults()
    target_set(actor=ministry, year=2025, province=None, minimum=35, stretch=55)

    targets_ensure_defaults()

    assert _targets() == [(2025, None, 35, 55), (2030, None, 100, 100)]


def test_target_set_creates_then_updates_a_province_target(maps, ministry):
    nghe_an = unit(maps["2025-07"], "40")

    target_set(actor=ministry, year=2025, province=nghe_an, minimum=40, stretch=60)
    target_set(actor=ministry, year=2025, province=nghe_an, minimum=Decimal("45.5"), stretch=60)

    assert _targets() == [(2025, "40", Decimal("45.5"), 60)]


@pytest.mark.parametrize(
    ("minimum", "stretch"), [(60, 40), (-1, 40), (50, 101)], ids=["inverted", "negative", "over"]
)
def test_target_set_refuses_impossible_percentages(maps, ministry, minimum, stretch):
    with pytest.raises(ValidationError) as excinfo:
        target_set(
            actor=ministry,
            year=2025,
            province=unit(maps["2025-07"], "40"),
            minimum=minimum,
            stretch=stretch,
        )

    assert "Mục tiêu phải thỏa 0 ≤ tối thiểu ≤ phấn đấu ≤ 100 (%)." in excinfo.value.messages
    assert _targets() == []


def test_target_set_refuses_a_unit_below_province_level(maps, ministry):
    with pytest.raises(ValidationError, match=r"Phường Trường Vinh \(16690\) không phải đơn vị"):
        target_set(
            actor=ministry,
            year=2025,
            province=unit(maps["2025-07"], "16690"),
            minimum=30,
            stretch=50,
        )
