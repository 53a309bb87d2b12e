"""How each unit's assessment ends in a round: its state, the steps that led there, its values.

Pure: draws from the caller's ``random.Random`` and the criteria, never touches the database.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from kieumau.assessments.models import State
from kieumau.criteria.models import Criterion
from kieumau.demo.values import criterion_value, weighted_sample

# Final states of a round and their weights.
Mix = dict[State, float]

PILOT_2023_MIX: Mix = {  # like the demo's 2023 round: most recognised or approved
    State.RECOGNISED: 36,
    State.PROVINCE_APPROVED: 48,
    State.RETURNED: 12,
    State.REJECTED: 4,
}
OPEN_ROUND_MIX: Mix = {  # deadline day of the open round
    State.DRAFT: 45,
    State.RETURNED: 10,
    State.SUBMITTED: 30,
    State.PROVINCE_APPROVED: 10,
    State.RECOGNISED: 5,
}


def closed_round_mix(recognised_percent: float) -> Mix:
    """A closed round's end: ``recognised_percent`` recognised, the rest spread over the others."""
    rest = 100 - recognised_percent
    return {
        State.RECOGNISED: recognised_percent,
        State.PROVINCE_APPROVED: rest * 0.35,
        State.RETURNED: rest * 0.20,
        State.REJECTED: rest * 0.05,
        State.SUBMITTED: rest * 0.15,
        State.DRAFT: rest * 0.25,
    }


# Unmet most often: as in the 2023 review, TC21 > TC22 > TC12 > TC13 > the others.
UNMET_WEIGHTS = {"TC21": 8.0, "TC22": 6.0, "TC12": 4.0, "TC13": 3.0}
REVIEW_CONFIRMED = "Chưa đạt ngưỡng của tiêu chí."
REVIEW_OVERTURNED = "Minh chứng chưa chứng minh được kết quả tự đánh giá."
REVIEW_SPOT_CHECK = "Đã đối chiếu minh chứng, xác nhận."
RETURN_COMMENT = "Đề nghị bổ sung minh chứng các tiêu chí chưa đạt: {codes}."
MINISTRY_RETURN_COMMENT = "Đề nghị Công an tỉnh thẩm định lại các tiêu chí: {codes}."
REJECT_COMMENT = "Chưa đủ điều kiện: không đạt các tiêu chí {codes}."


@dataclass(frozen=True)
class Step:
    """One workflow move; ``by`` is ward, province or ministry."""

    source: State
    target: State
    by: str
    comment: str = ""


@dataclass(frozen=True)
class UnitPlan:
    state: State
    steps: tuple[Step, ...]
    self_values: dict[str, Decimal | None]  # criterion code → value entered by the ward
    reviews: dict[str, tuple[Decimal, str]]  # criterion code → (reviewed value, comment)

    @property
    def reviewed(self) -> bool:
        return bool(self.reviews)

    def effective(self) -> dict[str, Decimal | None]:
        values = dict(self.self_values)
        values.update({code: value for code, (value, _) in self.reviews.items()})
        return values


def unit_plan(rng: random.Random, criteria: list[Criterion], mix: Mix) -> UnitPlan:
    """Draw one unit's end state, the unmet criteria fitting it, its values and its steps."""
    states = list(mix)
    state = rng.choices(states, weights=[mix[s] for s in states])[0]
    optional = {c.code: UNMET_WEIGHTS.get(c.code, 1.0) for c in criteria if not c.mandatory}
    anyone = {**optional, **{c.code: 0.5 for c in criteria if c.mandatory}}
    missing: list[str] = []
    if state == State.RECOGNISED:
        unmet: list[str] = []
    elif state == State.PROVINCE_APPROVED:
        unmet = weighted_sample(rng, optional, rng.choice((0, 1, 1, 2)))
    elif state == State.REJECTED:
        unmet = weighted_sample(rng, anyone, rng.randint(3, 6))
    elif state == State.RETURNED:
        unmet = weighted_sample(rng, anyone, rng.randint(1, 5))
    else:  # submitted or draft
        unmet = weighted_sample(rng, anyone, rng.randint(0, 4))
        if state == State.DRAFT and rng.random() < 0.2:  # still filling in a few values
            missing = rng.sample([c.code for c in criteria], rng.randint(1, 6))
    steps = _steps(rng, state, unmet)
    reviewed = any(step.by == "province" for step in steps)
    # The province sometimes finds a criterion the ward claimed met is not.
    overturned = (
        unmet[0] if reviewed and unmet and state != State.RECOGNISED and rng.random() < 0.25 else ""
    )
    self_values: dict[str, Decimal | None] = {}
    reviews: dict[str, tuple[Decimal, str]] = {}
    for criterion in criteria:
        code = criterion.code
        if code in missing:
            self_values[code] = None
            continue
        met = code not in unmet
        value = criterion_value(criterion, met=met, rng=rng)
        if code == overturned:
            self_values[code] = criterion_value(criterion, met=True, rng=rng)
            reviews[code] = (value, REVIEW_OVERTURNED)
            continue
        self_values[code] = value
        if reviewed and not met:
            reviews[code] = (value, REVIEW_CONFIRMED)
    if reviewed and not reviews:
        spot = rng.choice(criteria).code
        reviews[spot] = (self_values[spot], REVIEW_SPOT_CHECK)
    return UnitPlan(state=state, steps=steps, self_values=self_values, reviews=reviews)


def _steps(rng: random.Random, state: State, unmet: list[str]) -> tuple[Step, ...]:
    """The moves from draft to ``state``; some units went round a return once first."""
    codes = ", ".join(sorted(unmet)) or "TC01"
    submit = Step(State.DRAFT, State.SUBMITTED, "ward")
    returned = Step(State.SUBMITTED, State.RETURNED, "province", RETURN_COMMENT.format(codes=codes))
    resubmit = Step(State.RETURNED, State.SUBMITTED, "ward")
    approve = Step(State.SUBMITTED, State.PROVINCE_APPROVED, "province")
    if state == State.DRAFT:
        return ()
    first = [submit, returned, resubmit] if rng.random() < 0.15 else [submit]
    if state == State.SUBMITTED:
        return tuple(first)
    if state == State.RETURNED:
        if rng.random() < 0.15:  # sent back by the ministry after the province approved
            back = Step(
                State.PROVINCE_APPROVED,
                State.RETURNED,
                "ministry",
                MINISTRY_RETURN_COMMENT.format(codes=codes),
            )
            return (submit, approve, back)
        return (submit, returned)
    if state == State.REJECTED:
        reject = Step(
            State.SUBMITTED, State.REJECTED, "province", REJECT_COMMENT.format(codes=codes)
        )
        return (*first, reject)
    if state == State.PROVINCE_APPROVED:
        return (*first, approve)
    return (*first, approve, Step(State.PROVINCE_APPROVED, State.RECOGNISED, "ministry"))
