"""Changes made from a stale object keep what others changed meanwhile; races give a message."""

import pytest
from django.core.exceptions import ValidationError

from kieumau.core.concurrency import SAVED_ELSEWHERE, saved_once
from kieumau.programme.models import Quota, Round, Target
from kieumau.programme.services import quota_override, round_close

pytestmark = pytest.mark.django_db


def test_an_override_from_a_stale_quota_keeps_the_recomputed_value(round_2023, ministry):
    stale = Quota.objects.get(round=round_2023, province__code="40")
    Quota.objects.filter(pk=stale.pk).update(computed=7)  # recomputed by someone else

    quota_override(actor=ministry, quota=stale, value=3, reason="Tỉnh đề nghị")

    stored = Quota.objects.get(pk=stale.pk)
    assert (stored.computed, stored.override, stored.override_reason) == (7, 3, "Tỉnh đề nghị")


def test_closing_a_stale_round_keeps_its_other_fields(round_2023, ministry):
    stale = Round.objects.get(pk=round_2023.pk)
    Round.objects.filter(pk=stale.pk).update(name="Đợt 2023 (đã sửa tên)")

    round_close(actor=ministry, round=stale)

    stored = Round.objects.get(pk=stale.pk)
    assert (stored.status, stored.name) == (Round.Status.CLOSED, "Đợt 2023 (đã sửa tên)")


def test_a_concurrent_duplicate_insert_becomes_a_message_and_writes_nothing(maps):
    Target.objects.create(year=2040, province=None, minimum_percent=10, stretch_percent=20)

    with pytest.raises(ValidationError) as refused, saved_once():
        Target.objects.create(year=2040, province=None, minimum_percent=30, stretch_percent=40)

    assert refused.value.messages == [str(SAVED_ELSEWHERE)]
    assert list(Target.objects.filter(year=2040).values_list("minimum_percent", flat=True)) == [10]
