"""Reads of assessments, scoped to the user: nothing outside their scope is returned."""

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from kieumau.accounts.models import Role, User
from kieumau.accounts.scopes import Permission, has_permission, in_scope, unit_filter
from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
    State,
    Transition,
)
from kieumau.criteria.display import requirement_text
from kieumau.criteria.models import Criterion, CriterionGroup
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


def unit_assessments_for_user(user: User, round: Round) -> QuerySet[Assessment]:
    """The round's assessments of a ward officer's own unit; none for any other role.

    Usually one row. On an older map it is every ward that became the officer's unit, so a
    page can offer each of them. Round, criteria set and unit are loaded with it.
    """
    if user.role != Role.WARD or user.unit_id is None:
        return Assessment.objects.none()
    return assessments_for_user(user, round).select_related(
        "registration__round__criteria_set", "registration__unit__admin_map"
    )


def result_for_user(user: User, pk: int) -> CriterionResult:
    """One criterion result with its criterion and assessment, or DoesNotExist when missing or
    outside the user's scope."""
    result = CriterionResult.objects.select_related(
        "criterion",
        "assessment__registration__round__criteria_set",
        "assessment__registration__unit__admin_map",
    ).get(pk=pk)
    if not _visible(user, result.assessment.registration.unit):
        raise CriterionResult.DoesNotExist("CriterionResult matching query does not exist.")
    return result


def action_item_for_user(user: User, pk: int) -> ActionItem:
    """One action item with its result and assessment, or DoesNotExist when missing or outside
    the user's scope."""
    item = ActionItem.objects.select_related(
        "result__criterion",
        "result__assessment__registration__round__criteria_set",
        "result__assessment__registration__unit__admin_map",
    ).get(pk=pk)
    if not _visible(user, item.result.assessment.registration.unit):
        raise ActionItem.DoesNotExist("ActionItem matching query does not exist.")
    return item


def recognition_of(assessment: Assessment) -> Recognition | None:
    """The ministry's recognition decision of the assessment, if any."""
    return Recognition.objects.filter(assessment=assessment).first()


@dataclass(frozen=True)
class SheetLine:
    """One criterion of an assessment as a page shows it."""

    result: CriterionResult  # criterion, group and reviewer loaded; evidence prefetched
    met: bool  # by the effective value (reviewed if present, else self-assessed)
    requirement: str  # "≥ 90", "có/không"

    @property
    def criterion(self) -> Criterion:
        return self.result.criterion

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.result.evidence.all())


@dataclass(frozen=True)
class SheetGroup:
    group: CriterionGroup
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class AssessmentSheet:
    """Every criterion of an assessment by group, with its status, evidence and the verdict."""

    assessment: Assessment
    groups: tuple[SheetGroup, ...]
    verdict: Verdict
    basic_min_met: int

    @property
    def lines(self) -> list[SheetLine]:
        return [line for group in self.groups for line in group.lines]

    def line(self, result_id: int) -> SheetLine:
        return next(line for line in self.lines if line.result.pk == result_id)

    @property
    def total(self) -> int:
        return self.verdict.total

    @property
    def met_count(self) -> int:
        return self.verdict.met_count

    @property
    def evidence_count(self) -> int:
        return sum(len(line.evidence) for line in self.lines)


def assessment_sheet(assessment: Assessment) -> AssessmentSheet:
    """The assessment's criteria grouped in order, with values, review, evidence and verdict.

    Three queries whatever the number of criteria or files: the verdict rule, the results with
    their criterion, group and reviewer, and the evidence files with their uploaders.
    """
    rule = verdict_rule_for(assessment.registration.round.criteria_set)
    results = list(
        assessment.results.select_related("criterion__group", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("uploaded_by").order_by(
                    "uploaded_at", "pk"
                ),
            )
        )
        .order_by("criterion__group__position", "criterion__position")
    )
    verdict = evaluate(rule, {r.criterion.code: r.effective_value for r in results})
    met = set(verdict.met)
    groups: dict[int, tuple[CriterionGroup, list[SheetLine]]] = {}
    for result in results:
        criterion = result.criterion
        line = SheetLine(
            result=result,
            met=criterion.code in met,
            requirement=requirement_text(
                kind=criterion.kind,
                comparator=criterion.comparator,
                threshold=criterion.threshold,
                unit=criterion.unit,
            ),
        )
        groups.setdefault(criterion.group_id, (criterion.group, []))[1].append(line)
    return AssessmentSheet(
        assessment=assessment,
        groups=tuple(SheetGroup(group, tuple(lines)) for group, lines in groups.values()),
        verdict=verdict,
        basic_min_met=rule.basic_min_met,
    )


@dataclass(frozen=True)
class PlanLine:
    """A criterion in the action plan: unmet, or met with items planned while it was not."""

    result: CriterionResult  # criterion loaded; action items prefetched in due-date order
    met: bool

    @property
    def criterion(self) -> Criterion:
        return self.result.criterion

    @property
    def requirement(self) -> str:
        criterion = self.result.criterion
        return requirement_text(
            kind=criterion.kind,
            comparator=criterion.comparator,
            threshold=criterion.threshold,
            unit=criterion.unit,
        )

    @property
    def items(self) -> list[ActionItem]:
        return list(self.result.actions.all())


def action_plan(assessment: Assessment) -> list[PlanLine]:
    """The unmet criteria and any other criterion with action items, in criterion order.

    Four queries whatever the number of criteria or items.
    """
    unmet = set(assessment_verdict(assessment).unmet)
    planned = ActionItem.objects.filter(result=OuterRef("pk"))
    results = (
        assessment.results.filter(Q(criterion__code__in=unmet) | Exists(planned))
        .select_related("criterion")
        .prefetch_related(
            Prefetch("actions", queryset=ActionItem.objects.order_by("due_date", "id"))
        )
        .order_by("criterion__position")
    )
    return [PlanLine(result=result, met=result.criterion.code not in unmet) for result in results]


def _last_move_into(state: str) -> Subquery:
    """When the assessment (OuterRef) last moved into ``state``, for annotations."""
    moves = Transition.objects.filter(assessment=OuterRef("pk"), to_state=state)
    return Subquery(moves.order_by("-at", "-id").values("at")[:1])


def review_queue_for_user(
    user: User, round: Round, *, states: Collection[str]
) -> QuerySet[Assessment]:
    """The round's assessments in ``user``'s scope that are in one of ``states``.

    Each carries ``submitted_at`` (its latest submission) and its unit's parent; oldest
    submission first, so the unit waiting longest leads. One query, whatever the number.
    """
    return (
        assessments_for_user(user, round)
        .filter(state__in=states)
        .select_related("registration__unit__parent")
        .annotate(submitted_at=_last_move_into(State.SUBMITTED))
        .order_by(F("submitted_at").asc(nulls_last=True), "registration__unit__code")
    )


def assessment_state_counts_for_user(user: User, round: Round) -> dict[str, int]:
    """How many of the round's assessments in ``user``'s scope are in each state (every state,
    zero included). One query."""
    rows = (
        assessments_for_user(user, round)
        .order_by()
        .values("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    return {**dict.fromkeys(State.values, 0), **dict(rows)}


def recognition_queue_for_user(
    user: User, round: Round, *, province: AdminUnit | None = None
) -> QuerySet[Assessment]:
    """Province-approved assessments of the round in ``user``'s scope awaiting recognition.

    Optionally of one ``province``. Each carries ``approved_at`` (its latest approval); the
    longest waiting first. One query, whatever the number.
    """
    queue = assessments_for_user(user, round).filter(state=State.PROVINCE_APPROVED)
    if province is not None:
        queue = queue.filter(registration__unit__province=province)
    return queue.annotate(approved_at=_last_move_into(State.PROVINCE_APPROVED)).order_by(
        F("approved_at").asc(nulls_last=True), "registration__unit__code"
    )


def recognitions_for_user(
    user: User, round: Round, *, province: AdminUnit | None = None
) -> QuerySet[Recognition]:
    """The ministry's recognition decisions of the round in ``user``'s scope, newest first,
    with unit, province and who recorded them; optionally of one ``province``. One query."""
    if not has_permission(user, Permission.VIEW):
        return Recognition.objects.none()
    recognitions = Recognition.objects.filter(assessment__registration__round=round).filter(
        unit_filter(user, round.admin_map, field="assessment__registration__unit")
    )
    if province is not None:
        recognitions = recognitions.filter(assessment__registration__unit__province=province)
    return recognitions.select_related(
        "assessment__registration__unit__province", "recognised_by"
    ).order_by("-decision_date", "-pk")
