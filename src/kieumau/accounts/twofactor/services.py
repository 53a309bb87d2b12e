"""Setting up, renewing and removing a user's second factor (django-otp devices).

A user has at most one confirmed authenticator (TOTPDevice) and one set of recovery codes
(a StaticDevice with RECOVERY_CODE_COUNT StaticTokens). Every change is a model change, so the
audit trail records it with the actor (secrets and codes themselves are kept out of it).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import User
from kieumau.accounts.twofactor.selectors import has_confirmed_device, two_factor_required
from kieumau.accounts.twofactor.verification import enrolment_code_check
from kieumau.core.audit import acting_as

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator the user is setting up: the pending one, or a new one.

    Reusing the pending device keeps the QR code the same when the page is reloaded.
    Side effects: may create an unconfirmed TOTPDevice (random secret).
    Refused (ValidationError) when the user already has a confirmed authenticator.
    """
    if has_confirmed_device(user):
        raise ValidationError(_("Two-step verification is already on for your account."))
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is not None:
        return pending
    with acting_as(user):
        return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def totp_enrolment_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm ``device`` with the first code the app shows; returns the new recovery codes.

    Side effects: the device becomes confirmed; the user's other unconfirmed authenticators and
    any earlier recovery codes are deleted; RECOVERY_CODE_COUNT new recovery codes are created
    (returned this once; the caller shows them and keeps them nowhere).
    Refused, nothing changed but the device's throttle (ValidationError, field ``code``): a
    wrong, replayed or expired code, or a try while throttled; (no field) a device that is not
    the user's pending one, or a user who already has a confirmed authenticator.
    """
    if device.user_id != user.pk or device.confirmed or has_confirmed_device(user):
        raise ValidationError(
            _("This set-up is no longer valid. Scan the new QR code and enter its code.")
        )
    check = enrolment_code_check(device=device, code=code)
    if check.wait_seconds:
        raise ValidationError({"code": too_many_wrong_codes(check.wait_seconds)})
    if not check.accepted:
        raise ValidationError(
            {"code": _("The code is not right. Enter the code the app shows now.")}
        )
    with transaction.atomic(), acting_as(user):
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed:  # confirmed meanwhile by another request
            raise ValidationError(_("Two-step verification is already on for your account."))
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return _recovery_codes_replace(user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes for the user; the old ones stop working. Returns them this once.

    Side effects: the user's recovery-code devices are deleted and a new one created.
    Refused (ValidationError) when the user has no confirmed authenticator.
    """
    if not has_confirmed_device(user):
        raise ValidationError(_("Turn on two-step verification first."))
    with acting_as(user):
        return _recovery_codes_replace(user)


@transaction.atomic
def two_factor_disable(*, user: User, actor: User) -> None:
    """Turn two-step verification off for a user whose role does not require it.

    Side effects: deletes the user's authenticators and recovery codes (audited with ``actor``).
    Refused (ValidationError): for a role that requires two-step verification (an
    administrator resets such a user instead), or by anyone but the user themself.
    """
    if two_factor_required(user):
        raise ValidationError(
            _("Two-step verification is required for your role and cannot be turned off.")
        )
    if actor.pk != user.pk:
        raise ValidationError(_("Only the officer themself can turn two-step verification off."))
    with acting_as(actor):
        _devices_delete(user)


@transaction.atomic
def two_factor_reset(*, user: User, actor: User) -> None:
    """An administrator removes a user's devices (lost phone); a required role enrols again.

    Side effects: deletes the user's authenticators and recovery codes (audited with ``actor``).
    Refused (ValidationError) when the actor is not a staff member.
    """
    if not actor.is_staff:
        raise ValidationError(_("Only an administrator can reset another officer's devices."))
    with acting_as(actor):
        _devices_delete(user)


def _devices_delete(user: User) -> None:
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return codes


def too_many_wrong_codes(wait_seconds: int) -> str:
    """The refusal while throttled, naming the wait."""
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        wait_seconds,
    ) % {"seconds": wait_seconds}
