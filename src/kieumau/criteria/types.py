"""Kinds of criteria, comparators and verdict levels: plain enums, usable without a database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    BOOL = "bool", _("yes / no")
    PCT = "pct", _("percentage")
    NUM = "num", _("number")


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    LE = "<=", "≤"
    LT = "<", "<"
    EQ = "=", "="


class Level(models.TextChoices):
    """Verdict levels (mức đánh giá); ``rank`` orders them chưa đạt < đạt cơ bản < đạt."""

    FULL = "full", _("model standard (đạt)")
    BASIC = "basic", _("basically met (đạt cơ bản)")
    NOT_MET = "not_met", _("not met (chưa đạt)")

    @property
    def rank(self) -> int:
        # The declaration order is fixed by migrations of other apps, so rank is spelled out.
        return {"not_met": 0, "basic": 1, "full": 2}[self.value]
