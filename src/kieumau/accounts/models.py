from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MINISTRY = "ministry", _("Ministry officer")
    PROVINCE = "province", _("Province officer")
    WARD = "ward", _("Ward officer")
    VIEWER = "viewer", _("Leader / viewer")


class User(AbstractUser):
    """An officer. ``unit`` is the province or ward their scope is; the ministry has none."""

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    unit = models.ForeignKey(
        "adminunits.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class SignInEvent(models.Model):
    """One sign-in, failed attempt, lockout, unlock or sign-out, with where it came from.

    ``username`` is what was typed (it may name no account); the password tried is never kept.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        UNLOCKED = "unlocked", _("Unlocked")
        SIGNED_OUT = "signed_out", _("Signed out")

    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    username = models.CharField(_("username"), max_length=150, blank=True, db_index=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sign_in_events",
        verbose_name=_("user"),
    )
    address = models.GenericIPAddressField(_("address"), null=True, blank=True, db_index=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    path = models.CharField(_("path"), max_length=255, blank=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),  # who unlocked
    )
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.address or ''}".strip()
