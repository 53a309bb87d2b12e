"""Checking a second-factor code: a 6-digit code from the authenticator app or a recovery code.

django-otp does the checking (a TOTP code is accepted once, within one step of our clock; a
recovery code is deleted when used) and its throttling: after each wrong code the device
refuses every code for 1, 2, 4, 8 … seconds (OTP_TOTP_THROTTLE_FACTOR).
"""

import math
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import User
from kieumau.core.audit import acting_as

TOTP_CODE = re.compile(r"\d{6}")


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None = None  # the device that accepted the code
    wait_seconds: int = 0  # > 0: refused unchecked, too many wrong codes in a row

    @property
    def accepted(self) -> bool:
        return self.device is not None


def code_normalise(code: str) -> str:
    """Spaces and dashes dropped (as apps and printouts group digits), letters in lower case."""
    return re.sub(r"[\s-]", "", code).lower()


def throttle_wait_seconds(device: Device) -> int:
    """Seconds before ``device`` checks a code again after wrong ones; 0 when it checks now."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    remaining = (details["locked_until"] - timezone.now()).total_seconds()
    return max(1, math.ceil(remaining))


def second_factor_check(*, user: User, code: str) -> CodeCheck:
    """Check ``code`` against the user's confirmed authenticator, or their recovery codes.

    Side effects (committed even when the code is wrong): a wrong code raises the device's
    throttle; a right TOTP code is remembered so it cannot be used again; a right recovery
    code is deleted. Both are recorded in the audit trail as device changes.
    """
    code = code_normalise(code)
    model = TOTPDevice if TOTP_CODE.fullmatch(code) else StaticDevice
    with acting_as(user):
        for device in model.objects.devices_for_user(user, confirmed=True).order_by("pk"):
            wait = throttle_wait_seconds(device)
            if wait:
                return CodeCheck(wait_seconds=wait)
            accepted = verify_token(user, device.persistent_id, code)
            if accepted is not None:
                return CodeCheck(device=accepted)
    return CodeCheck()


def enrolment_code_check(*, device: TOTPDevice, code: str) -> CodeCheck:
    """Check the first code of a device being set up (unconfirmed), with the same throttle."""
    with transaction.atomic(), acting_as(device.user):
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        wait = throttle_wait_seconds(device)
        if wait:
            return CodeCheck(wait_seconds=wait)
        if device.verify_token(code_normalise(code)):
            return CodeCheck(device=device)
    return CodeCheck()
