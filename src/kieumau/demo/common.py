"""What both demo rounds share: phường of a map by province, assessing one unit, resources."""

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.assessments.models import Assessment, State
from kieumau.assessments.services import (
    ReviewValue,
    SelfValue,
    assessment_approve,
    assessment_recognise,
    assessment_reject,
    assessment_return,
    assessment_submit,
    results_review,
    results_set_self_values,
)
from kieumau.context.models import Resources
from kieumau.context.services import resources_set
from kieumau.criteria.models import Criterion
from kieumau.criteria.services import default_criteria_set_load
from kieumau.demo.values import criterion_value
from kieumau.programme.models import Registration, Round
from kieumau.programme.services import round_create

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OpenedRound:
    """A demo round just opened, with what both generators read next."""

    round: Round
    criteria: list[Criterion]  # in position order
    provinces: list[AdminUnit]
    quotas: dict[int, int]  # province pk → effective quota
    wards: dict[int, list[AdminUnit]]  # province pk → its phường


def round_open(
    *,
    ministry: User,
    year: int,
    name: str,
    admin_map: AdminMap,
    quota_rule: str,
    quota_parameters: dict | None = None,
) -> OpenedRound:
    """Open the demo round of ``year`` with the default criteria set and deadlines in that year.

    Side effects: the round and its quotas (``programme.services.round_create``).
    """
    criteria_set = default_criteria_set_load().criteria_set
    round_ = round_create(
        actor=ministry,
        year=year,
        name=name,
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=quota_rule,
        quota_parameters=quota_parameters,
        self_assessment_deadline=date(year, 10, 31),
        review_deadline=date(year, 11, 30),
        recognition_deadline=date(year, 12, 31),
    )
    return OpenedRound(
        round=round_,
        criteria=list(criteria_set.criteria.order_by("position")),
        provinces=provinces_of(admin_map),
        quotas={quota.province_id: quota.effective for quota in round_.quotas.all()},
        wards=wards_by_province(admin_map),
    )


def provinces_of(admin_map: AdminMap) -> list[AdminUnit]:
    return list(
        AdminUnit.objects.filter(admin_map=admin_map, level=Level.PROVINCE)
        .select_related("admin_map")
        .order_by("code")
    )


def wards_by_province(admin_map: AdminMap) -> dict[int, list[AdminUnit]]:
    """The map's phường grouped by province id, each list in code order. One query."""
    wards: dict[int, list[AdminUnit]] = defaultdict(list)
    for ward in AdminUnit.objects.filter(admin_map=admin_map, type=UnitType.WARD).order_by(
        "province__code", "code"
    ):
        wards[ward.province_id].append(ward)
    return wards


@dataclass(frozen=True)
class Plan:
    """How one unit's assessment ends: the criteria it misses and the state it reaches."""

    unmet: frozenset[str]
    state: State
    comment: str = ""


@dataclass(frozen=True)
class Actors:
    ward: User
    province: User
    ministry: User


def assess(
    *,
    registration: Registration,
    criteria: list[Criterion],
    plan: Plan,
    actors: Actors,
    rng: random.Random,
    decision: tuple[str, date],
) -> Assessment:
    """Take the unit's assessment through the workflow to ``plan.state`` with the services.

    The ward enters every value (meeting each criterion unless ``plan.unmet`` names it) and
    submits; the province confirms the unmet values (or spot-checks one) and approves, returns
    or rejects; the ministry recognises with ``decision`` (number, date).
    """
    assessment = registration.assessment
    values = {
        c.code: SelfValue(criterion_value(c, met=c.code not in plan.unmet, rng=rng))
        for c in criteria
    }
    assessment = results_set_self_values(
        actor=actors.ward, assessment=assessment, values=values, version=assessment.version
    )
    expected = len(criteria) - len(plan.unmet)
    if assessment.met_count != expected:  # a guard on the generator, never expected to fire
        raise RuntimeError(f"{registration.unit}: {assessment.met_count} đạt, cần {expected}")
    if plan.state == State.DRAFT:
        return assessment
    assessment = assessment_submit(
        actor=actors.ward, assessment=assessment, version=assessment.version
    )
    if plan.state == State.SUBMITTED:
        return assessment
    if plan.unmet:
        reviews = {
            code: ReviewValue(values[code].value, "Chưa đạt ngưỡng của tiêu chí.")
            for code in sorted(plan.unmet)
        }
    else:
        spot = rng.choice(criteria).code
        reviews = {spot: ReviewValue(values[spot].value, "Đã đối chiếu minh chứng, xác nhận.")}
    assessment = results_review(
        actor=actors.province, assessment=assessment, reviews=reviews, version=assessment.version
    )
    if plan.state == State.RETURNED:
        return assessment_return(
            actor=actors.province,
            assessment=assessment,
            comment=plan.comment,
            version=assessment.version,
        )
    if plan.state == State.REJECTED:
        return assessment_reject(
            actor=actors.province,
            assessment=assessment,
            comment=plan.comment,
            version=assessment.version,
        )
    assessment = assessment_approve(
        actor=actors.province, assessment=assessment, version=assessment.version
    )
    if plan.state == State.PROVINCE_APPROVED:
        return assessment
    number, day = decision
    return assessment_recognise(
        actor=actors.ministry,
        assessment=assessment,
        decision_number=number,
        decision_date=day,
        version=assessment.version,
    )


HEADQUARTERS = (
    (Resources.Headquarters.INDEPENDENT, 45),
    (Resources.Headquarters.CONVERTED, 30),
    (Resources.Headquarters.SHARED, 15),
    (Resources.Headquarters.UNDER_CONSTRUCTION, 10),
)


def resources_record(
    *, registration: Registration, ward: User, rng: random.Random, short_of_staff: int = 0
) -> Resources:
    """Record plausible resources of the unit (staff in post = norm − ``short_of_staff``)."""
    norm = rng.randint(18, 42)
    return resources_set(
        actor=ward,
        registration=registration,
        **resources_drawn(rng, norm=norm, short_of_staff=short_of_staff),
    )


def resources_drawn(rng: random.Random, *, norm: int, short_of_staff: int) -> dict:
    """Plausible staffing, headquarters, funding and equipment of a unit with ``norm`` posts."""
    actual = max(norm - short_of_staff, 0) if short_of_staff else norm + rng.choice((0, 0, 0, 1))
    planned = rng.randint(5, 60) * 100_000_000  # 0,5 to 6 tỷ đồng
    statuses, weights = zip(*HEADQUARTERS, strict=True)
    return {
        "staff_norm": norm,
        "staff_actual": actual,
        "staff_under_35": round(actual * rng.uniform(0.45, 0.75)),
        "staff_with_degree": round(actual * rng.uniform(0.6, 0.95)),
        "headquarters": rng.choices(statuses, weights=weights)[0],
        "funding_planned_vnd": planned,
        "funding_disbursed_vnd": planned * rng.randrange(40, 101, 5) // 100,
        "equipment_adequate": rng.random() < 0.8,
    }
