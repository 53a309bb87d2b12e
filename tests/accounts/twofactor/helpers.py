"""Codes as the user's authenticator app would show them, and a user who has set up the app."""

from dataclasses import dataclass

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import User
from kieumau.accounts.twofactor.services import totp_enrolment_confirm, totp_enrolment_start


def app_code(device: TOTPDevice, *, steps_from_now: int = 0) -> str:
    """The 6-digit code the app shows now (or that many 30-second steps away)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = totp.time + steps_from_now * device.step
    return f"{totp.token():06d}"


def fresh_code(device: TOTPDevice) -> str:
    """A code the device accepts now: of a later step than the last accepted one (never a replay)
    and inside the window around our clock plus the drift the device has learnt."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(device.last_t + 1, totp.t())
    totp.time = totp.time + (step - totp.t()) * device.step
    return f"{totp.token():06d}"


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    recovery_codes: list[str]


def enrolled(user: User) -> Enrolled:
    """The user sets up an authenticator through the services, as on the set-up page."""
    device = totp_enrolment_start(user=user)
    codes = totp_enrolment_confirm(user=user, device=device, code=app_code(device))
    device.refresh_from_db()
    return Enrolled(device, codes)
