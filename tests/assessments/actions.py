"""Calling the workflow services by name, with valid arguments, as a test needs them."""

from datetime import date

from kieumau.assessments.models import Assessment
from kieumau.assessments.services import (
    assessment_approve,
    assessment_recognise,
    assessment_reject,
    assessment_return,
    assessment_submit,
)

DECISION = {"decision_number": "1234/QĐ-BCA", "decision_date": date(2025, 12, 20)}


def move(name: str, assessment: Assessment, actor, *, version: int | None = None) -> Assessment:
    version = assessment.version if version is None else version
    common = {"actor": actor, "assessment": assessment, "version": version}
    if name == "submit":
        return assessment_submit(**common)
    if name == "return":
        return assessment_return(**common, comment="Bổ sung minh chứng tiêu chí 3.")
    if name == "approve":
        return assessment_approve(**common)
    if name == "reject":
        return assessment_reject(**common, comment="Chưa đủ điều kiện.")
    if name == "recognise":
        return assessment_recognise(**common, **DECISION)
    raise ValueError(name)
