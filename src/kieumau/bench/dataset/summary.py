"""What the dataset holds, counted in the database once it is built."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import Count

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level
from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
    Transition,
)
from kieumau.context.models import DirectiveDocument, GoodPractice, Resources
from kieumau.programme.models import Registration, Round


@dataclass(frozen=True)
class DatasetSummary:
    rounds: int
    registrations: int
    assessments: int
    results: int
    evidence: int
    transitions: int
    recognitions: int
    action_items: int
    resources: int
    documents: int
    good_practices: int
    users: int
    audit_entries: int
    open_round_year: int
    largest_province_code: str  # the current map's province with the most communes

    def lines(self) -> list[str]:
        return [f"{name:<22} {value:>10}" for name, value in vars(self).items()]


def largest_province(admin_map: AdminMap) -> AdminUnit:
    """The province of ``admin_map`` with the most communes (TP Hồ Chí Minh on 2025-07)."""
    largest = (
        AdminUnit.objects.filter(admin_map=admin_map, level=Level.COMMUNE)
        .values("province")
        .annotate(communes=Count("pk"))
        .order_by("-communes", "province__code")
        .first()
    )
    return AdminUnit.objects.get(pk=largest["province"])


def dataset_summary(*, open_round_year: int, current: AdminMap) -> DatasetSummary:
    """Count each table (one query each) and find the largest province of ``current``."""
    return DatasetSummary(
        rounds=Round.objects.count(),
        registrations=Registration.objects.count(),
        assessments=Assessment.objects.count(),
        results=CriterionResult.objects.count(),
        evidence=Evidence.objects.count(),
        transitions=Transition.objects.count(),
        recognitions=Recognition.objects.count(),
        action_items=ActionItem.objects.count(),
        resources=Resources.objects.count(),
        documents=DirectiveDocument.objects.count(),
        good_practices=GoodPractice.objects.count(),
        users=User.objects.count(),
        audit_entries=LogEntry.objects.count(),
        open_round_year=open_round_year,
        largest_province_code=largest_province(current).code,
    )
