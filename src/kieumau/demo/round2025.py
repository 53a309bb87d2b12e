"""Round 2025 on the 2025-07 map: progress that varies by province (illustrative)."""

import math
import random
from datetime import date

from django.db import transaction

from kieumau.accounts.models import Role, User
from kieumau.adminunits.reference import current_map
from kieumau.assessments.models import State
from kieumau.demo.actors import officers_ensure
from kieumau.demo.common import (
    Actors,
    Plan,
    Progress,
    assess,
    resources_record,
    round_open,
)
from kieumau.demo.values import weighted_sample
from kieumau.programme.models import QuotaRule, Round
from kieumau.programme.services import registration_create

YEAR = 2025
DECISION = ("3120/QĐ-BCA", date(2025, 12, 19))
NGHE_AN = "40"
# Nghệ An: Trường Vinh (the demo ward) an empty draft, Thành Vinh submitted (in the demo
# province officer's queue), Vinh Phú recognised.
NGHE_AN_UNITS = {"16690": State.DRAFT, "16681": State.SUBMITTED, "16702": State.RECOGNISED}
# Pace profiles: (share of the quota registered, share of those recognised).
PROFILES = {
    "ahead": (1.15, 1.0),
    "steady": (1.0, 0.5),
    "slow": (0.5, 0.3),
    "starting": (0.2, 0.0),
}
LARGE_QUOTA = 12  # provinces with more to do than this are given the slower profiles


def round_2025_create(*, ministry: User, rng: random.Random, progress: Progress) -> Round:
    """Create round 2025 on the current map with registrations whose progress varies.

    Side effects (one transaction, through the domain services, audited): the round and its
    quotas (30% of each province's phường); registrations, assessments in several states and
    resources; demo officers of the provinces and registered phường (unusable passwords).
    """
    with transaction.atomic():
        admin_map = current_map()
        opened = round_open(
            ministry=ministry,
            year=YEAR,
            name=f"Đợt đánh giá {YEAR}",
            admin_map=admin_map,
            quota_rule=QuotaRule.SHARE_OF_WARDS,
            quota_parameters={"percent": 30},
        )
        round_, criteria = opened.round, opened.criteria
        provinces, quotas, wards = opened.provinces, opened.quotas, opened.wards
        chosen = _units_plan(rng, provinces, quotas, wards, criteria)
        officers = officers_ensure(Role.PROVINCE, admin_map, provinces)
        units = [unit for province in provinces for unit, _ in chosen[province.pk]]
        ward_officers = officers_ensure(Role.WARD, admin_map, units)
        total, done = len(units), 0
        for province in provinces:
            for unit, plan in chosen[province.pk]:
                registration = registration_create(
                    actor=officers[province.pk], round=round_, unit=unit
                )
                if unit.code in NGHE_AN_UNITS and plan.state == State.DRAFT:
                    done += 1
                    progress(done, total)
                    continue  # the demo ward's own work: left empty
                actors = Actors(ward_officers[unit.pk], officers[province.pk], ministry)
                resources_record(
                    registration=registration,
                    ward=actors.ward,
                    rng=rng,
                    short_of_staff=rng.choice((0, 0, 0, 1, 2)),
                )
                assess(
                    registration=registration,
                    criteria=criteria,
                    plan=plan,
                    actors=actors,
                    rng=rng,
                    decision=DECISION,
                )
                done += 1
                progress(done, total)
        return round_


def _units_plan(rng, provinces, quotas, wards, criteria) -> dict[int, list]:
    """Per province, the phường it registers, each with how its assessment ends."""
    optional = {c.code: 1.0 for c in criteria if not c.mandatory}
    others = [p for p in provinces if p.code != NGHE_AN]
    order = rng.sample(others, len(others))
    names = ["ahead"] * 7 + ["steady"] * 11 + ["slow"] * 10
    profiles = {}
    for province in order:
        name = names.pop(0) if names else "starting"
        if quotas[province.pk] > LARGE_QUOTA and name in ("ahead", "steady"):
            name = "slow"
        profiles[province.pk] = name
    plans: dict[int, list] = {}
    for province in provinces:
        pool = wards[province.pk]
        if province.code == NGHE_AN:
            by_code = {w.code: w for w in pool}
            fixed = [(by_code[code], state) for code, state in NGHE_AN_UNITS.items()]
            extra = rng.choice([w for w in pool if w.code not in NGHE_AN_UNITS])
            entries = [*fixed, (extra, State.RECOGNISED)]
        else:
            registered_share, recognised_share = PROFILES[profiles[province.pk]]
            count = min(len(pool), max(1, math.ceil(quotas[province.pk] * registered_share)))
            recognised = math.floor(count * recognised_share)
            if profiles[province.pk] == "ahead":
                recognised = min(count, quotas[province.pk])
            picked = sorted(rng.sample(pool, count), key=lambda w: w.code)
            rest = (State.PROVINCE_APPROVED, State.SUBMITTED, State.RETURNED, State.DRAFT)
            entries = [
                (unit, State.RECOGNISED if i < recognised else rng.choice(rest))
                for i, unit in enumerate(picked)
            ]
        plans[province.pk] = []
        for unit, state in sorted(entries, key=lambda e: e[0].code):
            if state == State.RECOGNISED:
                unmet: list[str] = []
            elif state == State.PROVINCE_APPROVED:
                unmet = weighted_sample(rng, optional, rng.choice((1, 2)))
            else:
                unmet = weighted_sample(rng, optional, rng.randint(1, 5))
            comment = "Đề nghị bổ sung minh chứng các tiêu chí chưa đạt." if unmet else ""
            plans[province.pk].append((unit, Plan(frozenset(unmet), state, comment)))
    return plans
