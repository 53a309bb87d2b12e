"""Who may call which service, as a matrix: each service × each role → allowed or Denied.

The unit is Phường Trường Vinh (Nghệ An). "Other" means another ward of Nghệ An, or Hà Nội's
province officer. A refused call leaves the database, the audit log and the files as they were.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import ActionItem, Assessment, Evidence, State
from kieumau.assessments.services import (
    action_item_add,
    action_item_remove,
    action_item_update,
    evidence_add,
    evidence_open,
    evidence_remove,
    result_review,
    result_set_self_value,
)

from .actions import move
from .database import database_state
from .factories import PDF, action_item_create, evidence_create, result_of

ROLES = ["ward_own", "ward_other", "province_own", "province_other", "ministry", "viewer"]


@dataclass(frozen=True)
class Case:
    state: State
    call: Callable[[Assessment, object], object]
    allowed: frozenset[str]
    writes: bool = True


def _evidence(assessment):
    return Evidence.objects.get(result__assessment=assessment)


def _item(assessment):
    return ActionItem.objects.get(result__assessment=assessment)


CASES = {
    "result_set_self_value": Case(
        State.DRAFT,
        lambda a, actor: result_set_self_value(
            actor=actor, result=result_of(a, "2"), value=1, version=a.version
        ),
        frozenset({"ward_own"}),
    ),
    "result_review": Case(
        State.SUBMITTED,
        lambda a, actor: result_review(
            actor=actor, result=result_of(a, "2"), value=0, version=a.version
        ),
        frozenset({"province_own"}),
    ),
    "assessment_submit": Case(
        State.DRAFT, lambda a, actor: move("submit", a, actor), frozenset({"ward_own"})
    ),
    "assessment_return (submitted)": Case(
        State.SUBMITTED, lambda a, actor: move("return", a, actor), frozenset({"province_own"})
    ),
    "assessment_return (approved)": Case(
        State.PROVINCE_APPROVED, lambda a, actor: move("return", a, actor), frozenset({"ministry"})
    ),
    "assessment_approve": Case(
        State.SUBMITTED, lambda a, actor: move("approve", a, actor), frozenset({"province_own"})
    ),
    "assessment_reject": Case(
        State.SUBMITTED, lambda a, actor: move("reject", a, actor), frozenset({"province_own"})
    ),
    "assessment_recognise": Case(
        State.PROVINCE_APPROVED,
        lambda a, actor: move("recognise", a, actor),
        frozenset({"ministry"}),
    ),
    "evidence_add": Case(
        State.DRAFT,
        lambda a, actor: evidence_add(
            actor=actor,
            result=result_of(a, "1"),
            upload=SimpleUploadedFile("anh.pdf", PDF),
            version=a.version,
        ),
        frozenset({"ward_own"}),
    ),
    "evidence_remove": Case(
        State.DRAFT,
        lambda a, actor: evidence_remove(actor=actor, evidence=_evidence(a), version=a.version),
        frozenset({"ward_own"}),
    ),
    "evidence_open": Case(
        State.SUBMITTED,
        lambda a, actor: evidence_open(actor=actor, evidence=_evidence(a)).close(),
        frozenset({"ward_own", "province_own", "ministry", "viewer"}),
        writes=False,
    ),
    "action_item_add": Case(
        State.DRAFT,
        lambda a, actor: action_item_add(
            actor=actor,
            result=result_of(a, "3"),
            action="Tập huấn",
            owner="Trưởng Công an phường",
            due_date=date(2026, 3, 31),
            version=a.version,
        ),
        frozenset({"ward_own"}),
    ),
    "action_item_update": Case(
        State.DRAFT,
        lambda a, actor: action_item_update(
            actor=actor,
            item=_item(a),
            action="Lắp thêm 4 camera",
            owner="Đội CSKV",
            due_date=date(2026, 6, 30),
            budget_vnd=80_000_000,
            status=ActionItem.Status.IN_PROGRESS,
            version=a.version,
        ),
        frozenset({"ward_own"}),
    ),
    "action_item_remove": Case(
        State.DRAFT,
        lambda a, actor: action_item_remove(actor=actor, item=_item(a), version=a.version),
        frozenset({"ward_own"}),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("service", list(CASES))
def test_each_service_is_allowed_to_exactly_its_roles(assessment, people, service, role):
    case = CASES[service]
    evidence_create(result_of(assessment, "1"), people.ward_own)
    action_item_create(result_of(assessment, "3"))
    Assessment.objects.filter(pk=assessment.pk).update(state=case.state)
    assessment.refresh_from_db()
    before = database_state(assessment)

    if role in case.allowed:
        case.call(assessment, getattr(people, role))
        assert (database_state(assessment) != before) == case.writes
    else:
        with pytest.raises(Denied):
            case.call(assessment, getattr(people, role))
        assert database_state(assessment) == before


def test_an_inactive_ward_officer_is_refused(assessment, people):
    people.ward_own.is_active = False
    people.ward_own.save()
    before = database_state(assessment)

    with pytest.raises(Denied):
        move("submit", assessment, people.ward_own)

    assert database_state(assessment) == before
