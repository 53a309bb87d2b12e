from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuotaRule(models.TextChoices):
    PILOT_2023 = (
        "pilot-2023",
        _("One per province; in centrally-run cities one per district with wards"),
    )
    SHARE_OF_WARDS = "share-of-wards", _("A share of the province's wards, rounded up")


class Round(models.Model):
    """A programme year (đợt đánh giá): its map, criteria set, quota rule and deadlines."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    year = models.PositiveIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    admin_map = models.ForeignKey(
        "adminunits.AdminMap", on_delete=models.PROTECT, related_name="+", verbose_name=_("map")
    )
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("criteria set"),
    )
    quota_rule = models.CharField(_("quota rule"), max_length=20, choices=QuotaRule.choices)
    quota_parameters = models.JSONField(_("quota rule parameters"), default=dict, blank=True)
    self_assessment_deadline = models.DateField(_("self-assessment deadline"))
    review_deadline = models.DateField(_("review deadline"))
    recognition_deadline = models.DateField(_("recognition deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(self_assessment_deadline__lte=models.F("review_deadline"))
                & models.Q(review_deadline__lte=models.F("recognition_deadline")),
                name="round_deadlines_in_order",
                violation_error_message=_(
                    "The deadlines must be in order: self-assessment ≤ review ≤ recognition."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Quota(models.Model):
    """Units a province must build in a round: computed by the rule, optionally overridden."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("round")
    )
    province = models.ForeignKey(
        "adminunits.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    computed = models.PositiveIntegerField(_("by the rule"))
    override = models.PositiveIntegerField(_("override"), null=True, blank=True)
    override_reason = models.CharField(_("reason for the override"), max_length=500, blank=True)

    class Meta:
        ordering = ["round", "province__code"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["round", "province"], name="quota_one_per_province"),
            models.CheckConstraint(
                condition=models.Q(override__isnull=True) | ~models.Q(override_reason=""),
                name="quota_override_has_reason",
                violation_error_message=_("Give the reason for the quota override."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province}: {self.effective}"

    @property
    def effective(self) -> int:
        return self.computed if self.override is None else self.override


class Registration(models.Model):
    """A province enrols one ward police unit (its phường) in a round."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("round")
    )
    unit = models.ForeignKey(
        "adminunits.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("ward")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["round", "unit__province__code", "unit__code"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"],
                name="registration_once_per_round",
                violation_error_message=_("This ward is already registered in the round."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"


class Target(models.Model):
    """Share of a province's wards at model standard by a year; no province: national default."""

    year = models.PositiveIntegerField(_("year"))
    province = models.ForeignKey(
        "adminunits.AdminUnit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    minimum_percent = models.DecimalField(_("minimum (%)"), max_digits=5, decimal_places=2)
    stretch_percent = models.DecimalField(_("stretch (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["year", "province__code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["year", "province"], name="target_once_per_year"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(province__isnull=True),
                name="target_one_default",
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_percent__gte=0)
                & models.Q(minimum_percent__lte=models.F("stretch_percent"))
                & models.Q(stretch_percent__lte=100),
                name="target_minimum_below_stretch",
                violation_error_message=_(
                    "The target must satisfy 0 ≤ minimum ≤ stretch ≤ 100 (%%)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.minimum_percent}–{self.stretch_percent}%"
