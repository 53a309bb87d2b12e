"""Filling one round of the dataset with bulk inserts: registrations, assessments, results,
evidence, action items, workflow steps, recognitions, resources, good practices, audit entries.
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

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
from kieumau.bench.dataset.context import good_practice_rows, local_day, resources_row
from kieumau.bench.dataset.files import SampleFile
from kieumau.bench.dataset.plans import Mix, UnitPlan, unit_plan
from kieumau.bench.dataset.timestamps import UnitTimes, Window, times_given, unit_times
from kieumau.context.models import GoodPractice, GoodPracticeTag, Resources
from kieumau.criteria.models import Criterion
from kieumau.criteria.verdict import VerdictRule, evaluate
from kieumau.programme.models import Registration, Round

CHUNK = 400  # units per batch of inserts: ~9,000 results
BATCH = 5000
ACTIONS = (
    "Bổ sung trang thiết bị, phương tiện theo định mức.",
    "Tổ chức tập huấn nghiệp vụ cho cán bộ, chiến sĩ.",
    "Phối hợp với Ủy ban nhân dân hoàn thiện hồ sơ, thủ tục.",
    "Tăng cường tuyên truyền, vận động Nhân dân tham gia.",
    "Rà soát, cập nhật dữ liệu dân cư và hồ sơ quản lý.",
)
OWNERS = ("Trưởng Công an", "Phó Trưởng Công an", "Tổ Cảnh sát khu vực", "Tổ Tổng hợp")


@dataclass(frozen=True)
class Actors:
    """User ids of who acts in a round: the ward officer of each unit, the province officers
    of each province (one is drawn per step), the ministry officers."""

    wards: dict[int, int]  # unit pk → user pk
    provinces: dict[int, list[int]]  # province pk → user pks
    ministry: list[int]


@dataclass(frozen=True)
class RoundSpec:
    round: Round
    units: Sequence[AdminUnit]  # in the order they are drawn
    criteria: list[Criterion]  # in position order
    rule: VerdictRule
    mix: Mix
    window: Window
    closed: bool


Progress = Callable[[int, int], None]


def round_fill(
    spec: RoundSpec,
    *,
    actors: Actors,
    files: list[SampleFile],
    rng: random.Random,
    progress: Progress,
) -> None:
    """Register every unit of ``spec`` and write its assessment as its drawn plan says."""
    assessment_type = ContentType.objects.get_for_model(Assessment)
    total = len(spec.units)
    with times_given(Registration, Assessment, Evidence, Transition, Resources, GoodPractice):
        for start in range(0, total, CHUNK):
            chunk = spec.units[start : start + CHUNK]
            _chunk_write(spec, chunk, actors, files, rng, assessment_type)
            progress(min(start + CHUNK, total), total)


def _chunk_write(spec, units, actors, files, rng, assessment_type) -> None:
    plans: list[UnitPlan] = [unit_plan(rng, spec.criteria, spec.mix) for _ in units]
    times: list[UnitTimes] = [
        unit_times(rng, spec.window, len(p.steps), recognised=p.state == State.RECOGNISED)
        for p in plans
    ]
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                round=spec.round,
                unit=unit,
                registered_by_id=rng.choice(actors.provinces[unit.province_id]),
                registered_at=when.registered,
            )
            for unit, when in zip(units, times, strict=True)
        ],
        batch_size=BATCH,
    )
    assessments = []
    for registration, plan, when in zip(registrations, plans, times, strict=True):
        verdict = evaluate(spec.rule, plan.effective())
        assessments.append(
            Assessment(
                registration=registration,
                state=plan.state,
                met_count=verdict.met_count,
                level=verdict.level,
                updated_at=when.last,
            )
        )
    results = _results_draw(spec, units, plans, times, assessments, actors, rng)
    evidence, actions = _evidence_and_actions(
        spec, units, plans, times, results, actors, files, rng
    )
    for assessment, plan, count in zip(
        assessments, plans, _per_assessment(evidence, actions, assessments), strict=True
    ):
        # Each service bumps the version: values, every file and action, review, every step.
        assessment.version = 2 + count + (1 if plan.reviewed else 0) + len(plan.steps)
    Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    CriterionResult.objects.bulk_create([row for rows in results for row in rows], batch_size=BATCH)
    moves, recognitions, entries = _steps_draw(
        spec, units, plans, times, assessments, actors, rng, assessment_type
    )
    Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    ActionItem.objects.bulk_create(actions, batch_size=BATCH)
    Transition.objects.bulk_create(moves, batch_size=BATCH)
    Recognition.objects.bulk_create(recognitions, batch_size=BATCH)
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)
    Resources.objects.bulk_create(
        [
            resources_row(rng, registration, when=when.values, current=not spec.closed)
            for registration, when in zip(registrations, times, strict=True)
        ],
        batch_size=BATCH,
    )
    _good_practices_write(registrations, units, plans, times, actors, rng)


def _results_draw(spec, units, plans, times, assessments, actors, rng) -> list[list]:
    """The criterion results of each assessment, in criterion order (not inserted yet)."""
    per_assessment = []
    for unit, plan, when, assessment in zip(units, plans, times, assessments, strict=True):
        reviewer = _first_province_step(plan, when)
        reviewed_by = rng.choice(actors.provinces[unit.province_id]) if reviewer else None
        rows = []
        for criterion in spec.criteria:
            review = plan.reviews.get(criterion.code)
            rows.append(
                CriterionResult(
                    assessment=assessment,
                    criterion=criterion,
                    self_value=plan.self_values[criterion.code],
                    review_value=review[0] if review else None,
                    review_comment=review[1] if review else "",
                    reviewed_by_id=reviewed_by if review else None,
                    reviewed_at=reviewer if review else None,
                )
            )
        per_assessment.append(rows)
    return per_assessment


def _first_province_step(plan: UnitPlan, when: UnitTimes):
    for step, at in zip(plan.steps, when.steps, strict=True):
        if step.by == "province":
            return at
    return None


def _evidence_and_actions(spec, units, plans, times, results, actors, files, rng):
    """About one file per result once submitted; an action item per unmet criterion."""
    evidence, actions = [], []
    year = spec.round.year
    for unit, plan, when, rows in zip(units, plans, times, results, strict=True):
        ward = actors.wards[unit.pk]
        unmet = set(evaluate(spec.rule, plan.effective()).unmet)
        for row in rows:
            code = row.criterion.code
            if plan.steps and row.self_value is not None:
                for copy in range(rng.choice((0, 1, 1, 2))):
                    sample = rng.choice(files)
                    evidence.append(
                        Evidence(
                            result=row,
                            file=sample.name,
                            storage_name=f"bench-{year}-{unit.code}-{code}-{copy}.{sample.extension}",
                            original_name=f"{code}-{sample.original_name}",
                            content_type=sample.content_type,
                            size=sample.size,
                            sha256=sample.sha256,
                            uploaded_by_id=ward,
                            uploaded_at=when.before_first_step(rng),
                        )
                    )
            if code in unmet and row.self_value is not None:
                actions.append(_action_item(rng, row, when, closed=spec.closed))
    return evidence, actions


def _action_item(rng, row, when, *, closed: bool) -> ActionItem:
    statuses = (
        (ActionItem.Status.DONE, ActionItem.Status.IN_PROGRESS, ActionItem.Status.PLANNED)
        if closed
        else (ActionItem.Status.PLANNED, ActionItem.Status.IN_PROGRESS)
    )
    return ActionItem(
        result=row,
        action=rng.choice(ACTIONS),
        owner=rng.choice(OWNERS),
        due_date=(when.values + timedelta(days=rng.randint(30, 240))).date(),
        budget_vnd=rng.choice((None, rng.randint(1, 50) * 10_000_000)),
        status=rng.choice(statuses),
    )


def _per_assessment(evidence, actions, assessments) -> list[int]:
    """Files and action items of each assessment, in the order of ``assessments``."""
    counts = {id(a): 0 for a in assessments}
    for row in (*evidence, *actions):
        counts[id(row.result.assessment)] += 1
    return [counts[id(a)] for a in assessments]


def _steps_draw(spec, units, plans, times, assessments, actors, rng, assessment_type):
    """The Transition rows, the Recognition of recognised units, one audit entry per step."""
    moves, recognitions, entries = [], [], []
    for unit, plan, when, assessment in zip(units, plans, times, assessments, strict=True):
        version = assessment.version - len(plan.steps)  # the version before the first step
        label = f"{unit.full_name} ({unit.code}) — {spec.round.name}"
        for step, at in zip(plan.steps, when.steps, strict=True):
            if step.by == "ward":
                actor = actors.wards[unit.pk]
            elif step.by == "province":
                actor = rng.choice(actors.provinces[unit.province_id])
            else:
                actor = rng.choice(actors.ministry)
            moves.append(
                Transition(
                    assessment=assessment,
                    from_state=step.source,
                    to_state=step.target,
                    actor_id=actor,
                    at=at,
                    comment=step.comment,
                )
            )
            entries.append(
                LogEntry(
                    content_type=assessment_type,
                    object_pk=str(assessment.pk),
                    object_id=assessment.pk,
                    object_repr=f"{label} — {State(step.target).label}",
                    action=LogEntry.Action.UPDATE,
                    changes={
                        "state": [step.source.value, step.target.value],
                        "version": [str(version), str(version + 1)],
                    },
                    actor_id=actor,
                    actor_email="",
                    timestamp=at,
                )
            )
            version += 1
            if step.target == State.RECOGNISED:
                recognitions.append(
                    Recognition(
                        assessment=assessment,
                        decision_number=spec.window.decision_number,
                        decision_date=local_day(spec.window.decision),
                        recognised_by_id=actor,
                    )
                )
    return moves, recognitions, entries


def _good_practices_write(registrations, units, plans, times, actors, rng) -> None:
    practices, tags = [], []
    for registration, unit, plan, when in zip(registrations, units, plans, times, strict=True):
        if plan.state in (State.RECOGNISED, State.PROVINCE_APPROVED) and rng.random() < 0.04:
            practice, names = good_practice_rows(
                rng, registration, by=actors.wards[unit.pk], when=when.values
            )
            practices.append(practice)
            tags.append(names)
    GoodPractice.objects.bulk_create(practices, batch_size=BATCH)
    GoodPracticeTag.objects.bulk_create(
        [
            GoodPracticeTag(practice=practice, name=name)
            for practice, names in zip(practices, tags, strict=True)
            for name in names
        ],
        batch_size=BATCH,
    )
