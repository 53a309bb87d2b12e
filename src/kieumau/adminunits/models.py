from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau.adminunits.types import PREFIX_OF_TYPE, Level, UnitType


class AdminMap(models.Model):
    """A dated snapshot of Vietnam's administrative units (danh mục hành chính)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    effective_date = models.DateField(_("effective date"))
    source = models.TextField(_("source"), blank=True)
    source_sha256 = models.CharField(_("SHA-256 of the loaded file"), max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        ordering = ["effective_date"]
        verbose_name = _("administrative map")
        verbose_name_plural = _("administrative maps")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class AdminUnit(models.Model):
    """A province, district or commune as it stands in one map."""

    admin_map = models.ForeignKey(
        AdminMap, on_delete=models.CASCADE, related_name="units", verbose_name=_("map")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("GSO code"), max_length=5)
    name = models.CharField(_("name"), max_length=100)
    type = models.CharField(_("type"), max_length=24, choices=UnitType.choices)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    # The province of a district or commune, whatever the depth of the map.
    province = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )

    class Meta:
        ordering = ["admin_map", "level", "code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(
                fields=["admin_map", "level", "code"], name="adminunit_unique_code_in_map"
            ),
        ]
        indexes = [models.Index(fields=["admin_map", "type"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"

    @property
    def full_name(self) -> str:
        return f"{PREFIX_OF_TYPE[UnitType(self.type)]} {self.name}"


class Succession(models.Model):
    """How an old unit passed into a unit of a later map (kế thừa sau sắp xếp)."""

    class Kind(models.TextChoices):
        WHOLE = "whole", _("merged whole")
        PART = "part", _("merged in part")
        UNCHANGED = "unchanged", _("unchanged")
        SAME_CODE = "same_code", _("same code (boundaries may have changed)")
        UNKNOWN = "unknown", _("merged, successor unknown")

    predecessor = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        related_name="successions_out",
        verbose_name=_("predecessor"),
    )
    successor_map = models.ForeignKey(
        AdminMap, on_delete=models.CASCADE, related_name="+", verbose_name=_("successor map")
    )
    # Empty when the unit vanished and no mapping file says where it went.
    successor = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="successions_in",
        verbose_name=_("successor"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.UniqueConstraint(
                fields=["predecessor", "successor_map"],
                condition=models.Q(successor__isnull=True),
                name="succession_one_unknown_per_map",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor or '?'} ({self.get_kind_display()})"
