"""Reads of assessments, scoped to the user: nothing outside their scope is returned."""

from django.db.models import QuerySet

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, has_permission, in_scope, unit_filter
from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, CriterionResult, Evidence, Transition
from kieumau.criteria.selectors import verdict_rule_for
from kieumau.criteria.verdict import Verdict, evaluate
from kieumau.programme.models import Round


def assessments_for_user(user: User, round: Round) -> QuerySet[Assessment]:
    """The round's assessments within the user's scope, with their unit and province."""
    if not has_permission(user, Permission.VIEW):
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(registration__round=round)
        .filter(unit_filter(user, round.admin_map, field="registration__unit"))
        .select_related("registration__round", "registration__unit__province")
        .order_by("registration__unit__province__code", "registration__unit__code")
    )


def assessment_detail_for_user(user: User, pk: int) -> Assessment:
    """One assessment, or Assessment.DoesNotExist when missing or outside the user's scope.

    Out of scope looks exactly like missing, so the existence of a record is not revealed.
    """
    assessment = Assessment.objects.select_related(
        "registration__round__criteria_set",
        "registration__unit__admin_map",
        "registration__unit__province",
    ).get(pk=pk)
    if not _visible(user, assessment.registration.unit):
        raise Assessment.DoesNotExist("Assessment matching query does not exist.")
    return assessment


def evidence_for_user(user: User, pk: int) -> Evidence:
    """One evidence file's record, or Evidence.DoesNotExist when missing or out of scope."""
    evidence = Evidence.objects.select_related(
        "result__assessment__registration__unit__admin_map"
    ).get(pk=pk)
    if not _visible(user, evidence.result.assessment.registration.unit):
        raise Evidence.DoesNotExist("Evidence matching query does not exist.")
    return evidence


def workflow_history(assessment: Assessment) -> QuerySet[Transition]:
    """The assessment's workflow steps, oldest first, with their actors."""
    return assessment.transitions.select_related("actor").order_by("at", "id")


def assessment_verdict(assessment: Assessment) -> Verdict:
    """The verdict of the effective values (reviewed if present, else self-assessed)."""
    rule = verdict_rule_for(assessment.registration.round.criteria_set)
    rows = assessment.results.values_list("criterion__code", "self_value", "review_value")
    values = {code: own if reviewed is None else reviewed for code, own, reviewed in rows}
    return evaluate(rule, values)


def unmet_results(assessment: Assessment) -> QuerySet[CriterionResult]:
    """The results whose criterion is not met (or has no value), in criterion order."""
    unmet = assessment_verdict(assessment).unmet
    return (
        assessment.results.filter(criterion__code__in=unmet)
        .select_related("criterion")
        .order_by("criterion__position")
    )


def _visible(user: User, unit: AdminUnit) -> bool:
    return has_permission(user, Permission.VIEW) and in_scope(user, unit)
