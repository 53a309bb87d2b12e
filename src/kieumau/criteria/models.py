from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau.criteria.types import Comparator, Kind
from kieumau.criteria.types import Level as Level  # other apps import it from here


class CriteriaSet(models.Model):
    """A versioned set of criteria and its verdict rule (bộ tiêu chí)."""

    code = models.SlugField(_("code"), max_length=50)
    version = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=300)
    is_template = models.BooleanField(
        _("template"),
        default=False,
        help_text=_("A sample set, to be replaced by the official one."),
    )
    # Verdict rule: "full" needs every criterion; "basic" needs this many and every mandatory one.
    basic_min_met = models.PositiveIntegerField(_("criteria met for the basic level"))
    description = models.TextField(_("description"), blank=True)
    source_sha256 = models.CharField(_("SHA-256 of the loaded file"), max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="criteriaset_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class CriterionGroup(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="groups", verbose_name=_("criteria set")
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title (Vietnamese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["criteria_set", "position"]
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="group_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("criteria set"),
    )
    group = models.ForeignKey(
        CriterionGroup, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("group")
    )
    code = models.CharField(_("code"), max_length=20)
    position = models.PositiveIntegerField(_("position"))
    title = models.TextField(_("title (Vietnamese)"))
    title_en = models.TextField(_("title (English)"), blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    comparator = models.CharField(
        _("comparator"), max_length=2, choices=Comparator.choices, blank=True
    )
    threshold = models.DecimalField(
        _("threshold"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    evidence = models.CharField(_("expected evidence"), max_length=300, blank=True)

    class Meta:
        ordering = ["criteria_set", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_unique_code"),
            models.CheckConstraint(
                condition=models.Q(kind="bool", threshold__isnull=True, comparator="")
                | (
                    ~models.Q(kind="bool")
                    & models.Q(threshold__isnull=False)
                    & ~models.Q(comparator="")
                ),
                name="criterion_threshold_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
