"""Reads of criteria sets."""

from django.db.models import Count, Prefetch, QuerySet

from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup
from kieumau.criteria.types import Comparator, Kind
from kieumau.criteria.verdict import CriterionRule, VerdictRule


def criteria_sets_for_listing() -> QuerySet[CriteriaSet]:
    """Every set with ``criteria_count`` and ``rounds_count``, in one query."""
    return CriteriaSet.objects.annotate(
        criteria_count=Count("criteria", distinct=True),
        rounds_count=Count("rounds", distinct=True),
    ).order_by("code", "-version")


def criteria_set_with_code(code: str, *, version: int | None = None) -> CriteriaSet | None:
    """The set ``code`` at ``version``, or its latest version."""
    sets = CriteriaSet.objects.filter(code=code)
    if version is not None:
        sets = sets.filter(version=version)
    return sets.order_by("-version").first()


def criteria_set_codes() -> list[str]:
    return list(CriteriaSet.objects.order_by("code").values_list("code", flat=True).distinct())


def criteria_set_versions(code: str) -> list[int]:
    return list(
        CriteriaSet.objects.filter(code=code).order_by("version").values_list("version", flat=True)
    )


def groups_with_criteria(criteria_set: CriteriaSet) -> QuerySet[CriterionGroup]:
    """The set's groups in order, each with its criteria prefetched in order (two queries)."""
    return criteria_set.groups.order_by("position").prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("position"))
    )


def round_names_using(criteria_set: CriteriaSet) -> list[str]:
    return list(criteria_set.rounds.order_by("year").values_list("name", flat=True))


def verdict_rule_for(criteria_set: CriteriaSet) -> VerdictRule:
    """The set's verdict rule for the verdict engine, in one query."""
    rows = criteria_set.criteria.order_by("position").values_list(
        "code", "kind", "comparator", "threshold", "mandatory"
    )
    return VerdictRule(
        criteria=tuple(
            CriterionRule(
                code=code,
                kind=Kind(kind),
                comparator=Comparator(comparator) if comparator else None,
                threshold=threshold,
                mandatory=mandatory,
            )
            for code, kind, comparator, threshold, mandatory in rows
        ),
        basic_min_met=criteria_set.basic_min_met,
    )
