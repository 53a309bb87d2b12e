from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau.criteria.models import Level


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for changes")
    PROVINCE_APPROVED = "province_approved", _("approved by the province")
    RECOGNISED = "recognised", _("recognised")
    REJECTED = "rejected", _("rejected")


class Assessment(models.Model):
    """A unit's self-assessment in a round and its review (one per registration)."""

    registration = models.OneToOneField(
        "programme.Registration",
        on_delete=models.PROTECT,
        related_name="assessment",
        verbose_name=_("registration"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    # Bumped by every change: a write carrying an older version is refused, not merged.
    version = models.PositiveIntegerField(_("version"), default=1)
    # The verdict of the effective values, kept current by the services that change results.
    met_count = models.PositiveIntegerField(_("criteria met"), default=0)
    level = models.CharField(
        _("verdict"), max_length=10, choices=Level.choices, default=Level.NOT_MET
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["state"]), models.Index(fields=["level"])]

    def __str__(self) -> str:
        return f"{self.registration} — {self.get_state_display()}"


class CriterionResult(models.Model):
    """Self value and province review of one criterion; the reviewed value prevails."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="results", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        "criteria.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    self_value = models.DecimalField(
        _("self-assessed value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    self_note = models.TextField(_("note"), blank=True)
    review_value = models.DecimalField(
        _("reviewed value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["assessment", "criterion__position"]
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="result_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.effective_value}"

    @property
    def effective_value(self):
        return self.review_value if self.review_value is not None else self.self_value


def evidence_path(evidence: "Evidence", filename: str) -> str:
    # Random names: the original name is kept in the database, never used on disk.
    return f"evidence/{evidence.sha256[:2]}/{evidence.storage_name}"


class Evidence(models.Model):
    """A file supporting a criterion result (minh chứng)."""

    result = models.ForeignKey(
        CriterionResult, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("result")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    storage_name = models.CharField(max_length=64, unique=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["result", "uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class Transition(models.Model):
    """One step of an assessment's workflow: who moved it where, when, and why."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("assessment"),
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["assessment", "at", "id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class Recognition(models.Model):
    """The ministry's decision that a unit is a model unit (công nhận)."""

    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.PROTECT,
        related_name="recognition",
        verbose_name=_("assessment"),
    )
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recognised by"),
    )

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decision_date:%d/%m/%Y})"


class ActionItem(models.Model):
    """What will be done about an unmet criterion (kế hoạch khắc phục)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    result = models.ForeignKey(
        CriterionResult,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("criterion"),
    )
    action = models.TextField(_("action"))
    owner = models.CharField(_("responsible"), max_length=200)
    due_date = models.DateField(_("due date"))
    budget_vnd = models.PositiveBigIntegerField(_("estimated budget (VND)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action plan")

    def __str__(self) -> str:
        return self.action[:80]
