"""State changes of assessments. Each service checks the actor's role and scope first, takes the
assessment version the user saw, and records the actor in the audit trail."""

from kieumau.assessments.services.actions import (
    action_item_add,
    action_item_remove,
    action_item_update,
)
from kieumau.assessments.services.evidence import evidence_add, evidence_open, evidence_remove
from kieumau.assessments.services.results import (
    ReviewValue,
    SelfValue,
    result_review,
    result_set_self_value,
    results_review,
    results_set_self_values,
    self_values_errors,
)
from kieumau.assessments.services.transitions import (
    assessment_approve,
    assessment_recognise,
    assessment_reject,
    assessment_return,
    assessment_submit,
)

__all__ = [
    "ReviewValue",
    "SelfValue",
    "action_item_add",
    "action_item_remove",
    "action_item_update",
    "assessment_approve",
    "assessment_recognise",
    "assessment_reject",
    "assessment_return",
    "assessment_submit",
    "evidence_add",
    "evidence_open",
    "evidence_remove",
    "result_review",
    "result_set_self_value",
    "results_review",
    "results_set_self_values",
    "self_values_errors",
]
