from django.contrib.auth.models import AbstractUser
from django.db import models
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
