"""Reads about a user's second factor: whether it is required and which devices they have."""

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import User


def two_factor_required(user: User) -> bool:
    """True for those who may not sign in with a password alone: the roles in
    TWO_FACTOR_REQUIRED_ROLES (province, ministry) and whoever may use the administration."""
    return user.is_authenticated and (
        user.role in settings.TWO_FACTOR_REQUIRED_ROLES or user.is_staff
    )


def has_confirmed_device(user: User) -> bool:
    """True once the user has confirmed an authenticator app (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the user still has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: User, pk: int) -> TOTPDevice | None:
    """The user's authenticator ``pk`` that is still being set up (unconfirmed), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False, pk=pk).first()
