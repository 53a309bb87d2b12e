"""What an assessment test compares before and after a refused change."""

from pathlib import Path

from auditlog.models import LogEntry
from django.conf import settings

from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
    Transition,
)


def stored_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def database_state(assessment: Assessment) -> dict:
    """Everything a service could change about ``assessment``, plus the audit log and files."""
    results = CriterionResult.objects.filter(assessment=assessment).order_by("pk")
    return {
        "assessment": Assessment.objects.filter(pk=assessment.pk).values().get(),
        "results": list(results.values()),
        "transitions": list(Transition.objects.filter(assessment=assessment).values()),
        "evidence": list(Evidence.objects.filter(result__assessment=assessment).values()),
        "actions": list(ActionItem.objects.filter(result__assessment=assessment).values()),
        "recognitions": list(Recognition.objects.filter(assessment=assessment).values()),
        "log_entries": LogEntry.objects.count(),
        "files": stored_files(),
    }
