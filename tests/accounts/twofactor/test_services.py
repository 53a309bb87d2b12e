"""Setting up, renewing, turning off and resetting two-step verification."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.twofactor.services import (
    RECOVERY_CODE_COUNT,
    recovery_codes_renew,
    totp_enrolment_confirm,
    totp_enrolment_start,
    two_factor_disable,
    two_factor_reset,
)
from kieumau.accounts.twofactor.verification import second_factor_check

from .helpers import app_code, enrolled


def _messages(refusal: pytest.ExceptionInfo) -> list[str]:
    """The refusal's messages in English (they are lazy: translated when read)."""
    with translation.override("en"):
        return refusal.value.messages


def test_enrolment_start_keeps_one_pending_device_until_it_is_confirmed(people):
    first = totp_enrolment_start(user=people.province_own)
    again = totp_enrolment_start(user=people.province_own)

    assert again.pk == first.pk
    assert (first.confirmed, len(first.key)) == (False, 40)
    assert TOTPDevice.objects.filter(user=people.province_own).count() == 1


def test_a_wrong_code_leaves_the_device_unconfirmed_and_counts_towards_the_throttle(people):
    device = totp_enrolment_start(user=people.province_own)
    wrong = "000000" if app_code(device) != "000000" else "111111"

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        totp_enrolment_confirm(user=people.province_own, device=device, code=wrong)

    device.refresh_from_db()
    with translation.override("en"):
        assert refusal.value.message_dict == {
            "code": ["The code is not right. Enter the code the app shows now."]
        }
    assert (device.confirmed, device.throttling_failure_count) == (False, 1)
    assert not StaticDevice.objects.filter(user=people.province_own).exists()


def test_a_code_from_an_hour_ago_does_not_confirm_the_device(people):
    device = totp_enrolment_start(user=people.province_own)

    with pytest.raises(ValidationError):
        totp_enrolment_confirm(
            user=people.province_own, device=device, code=app_code(device, steps_from_now=-120)
        )

    device.refresh_from_db()
    assert device.confirmed is False


def test_the_right_code_confirms_the_device_and_gives_ten_recovery_codes_once(people):
    user = people.province_own
    device = totp_enrolment_start(user=user)
    stale = TOTPDevice.objects.create(user=user, name="Another tab", confirmed=False)

    codes = totp_enrolment_confirm(user=user, device=device, code=app_code(device))

    device.refresh_from_db()
    assert device.confirmed is True
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [device.pk]
    assert not TOTPDevice.objects.filter(pk=stale.pk).exists()
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    stored = StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    assert sorted(stored) == sorted(codes)


def test_a_device_of_another_user_cannot_be_confirmed(people):
    device = totp_enrolment_start(user=people.province_other)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        totp_enrolment_confirm(user=people.province_own, device=device, code=app_code(device))

    assert _messages(refusal) == [
        "This set-up is no longer valid. Scan the new QR code and enter its code."
    ]
    device.refresh_from_db()
    assert device.confirmed is False


def test_enrolment_is_refused_once_an_authenticator_is_confirmed(people):
    enrolled(people.ward_own)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        totp_enrolment_start(user=people.ward_own)

    assert _messages(refusal) == ["Two-step verification is already on for your account."]


def test_enrolment_is_recorded_in_the_audit_trail_without_the_secret(people):
    setup = enrolled(people.ministry)

    entries = LogEntry.objects.get_for_object(setup.device).order_by("pk")
    assert [(entry.action, entry.actor) for entry in entries] == [
        (LogEntry.Action.CREATE, people.ministry),
        (LogEntry.Action.UPDATE, people.ministry),  # the first code
        (LogEntry.Action.UPDATE, people.ministry),  # confirmed
    ]
    assert all("key" not in entry.changes_dict for entry in entries)
    token_entries = LogEntry.objects.filter(content_type__model="statictoken")
    assert token_entries.count() == RECOVERY_CODE_COUNT
    assert all("token" not in entry.changes_dict for entry in token_entries)
    assert not any(
        code in str(entry.changes) for entry in token_entries for code in setup.recovery_codes
    )


def test_renewed_recovery_codes_replace_the_old_ones(people):
    setup = enrolled(people.province_own)

    renewed = recovery_codes_renew(user=people.province_own)

    assert len(renewed) == RECOVERY_CODE_COUNT and not set(renewed) & set(setup.recovery_codes)
    assert second_factor_check(user=people.province_own, code=renewed[0]).accepted
    assert (
        second_factor_check(user=people.province_own, code=setup.recovery_codes[0]).device is None
    )
    assert StaticDevice.objects.filter(user=people.province_own).count() == 1
    created = LogEntry.objects.filter(
        content_type__model="staticdevice", action=LogEntry.Action.CREATE
    ).order_by("pk")
    assert [entry.actor for entry in created] == [people.province_own, people.province_own]


def test_recovery_codes_need_an_authenticator_first(people):
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        recovery_codes_renew(user=people.ward_own)

    assert _messages(refusal) == ["Turn on two-step verification first."]
    assert not StaticDevice.objects.filter(user=people.ward_own).exists()


@pytest.mark.parametrize("role", ["province_own", "ministry"])
def test_two_factor_cannot_be_turned_off_for_a_role_that_requires_it(people, role):
    user = getattr(people, role)
    setup = enrolled(user)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        two_factor_disable(user=user, actor=user)

    assert _messages(refusal) == [
        "Two-step verification is required for your role and cannot be turned off."
    ]
    assert TOTPDevice.objects.filter(pk=setup.device.pk, confirmed=True).exists()
    assert StaticToken.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT


@pytest.mark.parametrize("role", ["ward_own", "viewer"])
def test_an_optional_role_turns_two_factor_off_and_the_audit_trail_names_them(people, role):
    user = getattr(people, role)
    setup = enrolled(user)

    two_factor_disable(user=user, actor=user)

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    deleted = LogEntry.objects.get_for_object(setup.device).get(action=LogEntry.Action.DELETE)
    assert deleted.actor == user


def test_nobody_else_turns_an_officers_two_factor_off(people):
    enrolled(people.ward_own)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        two_factor_disable(user=people.ward_own, actor=people.ward_other)

    assert _messages(refusal) == ["Only the officer themself can turn two-step verification off."]
    assert TOTPDevice.objects.filter(user=people.ward_own, confirmed=True).count() == 1


def test_an_administrator_resets_a_province_officers_devices_with_an_audit_entry(people):
    setup = enrolled(people.province_own)
    people.ministry.is_staff = True
    people.ministry.save()

    two_factor_reset(user=people.province_own, actor=people.ministry)

    assert not TOTPDevice.objects.filter(user=people.province_own).exists()
    assert not StaticDevice.objects.filter(user=people.province_own).exists()
    deleted = LogEntry.objects.get_for_object(setup.device).get(action=LogEntry.Action.DELETE)
    assert deleted.actor == people.ministry


def test_a_reset_needs_an_administrator(people):
    enrolled(people.province_own)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        two_factor_reset(user=people.province_own, actor=people.province_other)

    assert _messages(refusal) == ["Only an administrator can reset another officer's devices."]
    assert TOTPDevice.objects.filter(user=people.province_own).count() == 1
