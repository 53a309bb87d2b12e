"""API: criteria sets, read-only (see kieumau/api/api.py for the conventions)."""

from decimal import Decimal

from django.http import Http404
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from kieumau.api.schemas import CODE_PATTERN, Pagination, choice_of, responses
from kieumau.criteria.display import requirement_text, verdict_rule_lines
from kieumau.criteria.selectors import (
    criteria_set_with_code,
    criteria_sets_for_listing,
    groups_with_criteria,
    verdict_rule_for,
)
from kieumau.criteria.types import Kind

router = Router(tags=["criteria"])

MAX_VERSION = 2**31 - 1  # PositiveIntegerField


class CriteriaSetOut(Schema):
    code: str
    version: int
    name: str
    is_template: bool = Field(description="A sample set, to be replaced by the official one")
    basic_min_met: int = Field(description="Criteria met needed for đạt cơ bản")
    description: str
    criteria_count: int
    rounds_count: int


class CriterionOut(Schema):
    code: str
    position: int
    title: str
    title_en: str
    guidance: str
    kind: choice_of(Kind)
    comparator: str = Field(description="≥ > ≤ < = as >=, >, <=, <, =; empty for yes/no")
    threshold: Decimal | None
    unit: str
    mandatory: bool
    evidence: str = Field(description="Expected evidence")
    requirement: str = Field(description="What the value must be, in words: ≥ 90 %")

    @staticmethod
    def resolve_requirement(criterion) -> str:
        return requirement_text(
            kind=criterion.kind,
            comparator=criterion.comparator,
            threshold=criterion.threshold,
            unit=criterion.unit,
        )


class GroupOut(Schema):
    code: str
    title: str
    title_en: str
    position: int
    criteria: list[CriterionOut]


class VerdictRuleOut(Schema):
    total: int
    basic_min_met: int
    mandatory: list[str] = Field(description="Codes of the mandatory criteria")
    text: list[str] = Field(description="The rule in words (Vietnamese)")


class CriteriaSetDetailOut(CriteriaSetOut):
    groups: list[GroupOut]
    verdict_rule: VerdictRuleOut


@router.get(
    "/criteria-sets",
    response=responses(list[CriteriaSetOut]),
    summary="Criteria sets, each version, newest version first",
)
@paginate(Pagination)
def criteria_sets_list(request):
    return criteria_sets_for_listing()


@router.get(
    "/criteria-sets/{code}/{version}",
    response=responses(CriteriaSetDetailOut),
    summary="One version of a criteria set: its groups, criteria and verdict rule",
)
def criteria_set_detail(
    request,
    code: str = Path(..., max_length=50, pattern=CODE_PATTERN),
    version: int = Path(..., ge=1, le=MAX_VERSION),
):
    found = criteria_set_with_code(code, version=version)
    criteria_set = criteria_sets_for_listing().filter(pk=found.pk).first() if found else None
    if criteria_set is None:
        raise Http404
    # A set still being loaded may have no criteria yet: the rule needs at least one.
    rule = verdict_rule_for(criteria_set) if criteria_set.criteria_count else None
    return {
        **{field: getattr(criteria_set, field) for field in CriteriaSetOut.model_fields},
        "groups": list(groups_with_criteria(criteria_set)),
        "verdict_rule": {
            "total": rule.total if rule else 0,
            "basic_min_met": criteria_set.basic_min_met,
            "mandatory": list(rule.mandatory) if rule else [],
            "text": verdict_rule_lines(rule) if rule else [],
        },
    }
