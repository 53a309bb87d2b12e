"""Progress across rounds, rolled up through the 63→34 succession, and the forecast of the
year each province reaches 100%."""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
)

from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.types import Level as AdminLevel
from kieumau.adminunits.types import UnitType
from kieumau.assessments.models import State
from kieumau.criteria.types import Level
from kieumau.programme.models import Registration, Round
from kieumau.reports.analytics.base import ASSESSED, percent_of, provinces_of

FINAL_TARGET_YEAR = 2030


@dataclass(frozen=True)
class TrendPoint:
    """A round's figures (nationally, or for a province rolled up across maps)."""

    year: int
    wards: int  # phường on the round's map
    registered: int
    at_least_basic: int  # assessed units at đạt or đạt cơ bản
    recognised: int  # recognised in this round
    recognised_so_far: int  # recognised in this round and every earlier one

    @property
    def percent(self) -> Decimal | None:
        """Phường recognised so far against the phường of the round's map (at most 100)."""
        value = percent_of(self.recognised_so_far, self.wards)
        return None if value is None else min(value, Decimal(100))


def _rounds_until(round: Round) -> list[Round]:
    return list(
        Round.objects.filter(year__lte=round.year).select_related("admin_map").order_by("year")
    )


def _counts_by_round_and_province(rounds: list[Round]) -> dict[tuple[int, int], dict]:
    """(round pk, province pk) → registered / at_least_basic / recognised. One query."""
    rows = (
        Registration.objects.filter(round__in=rounds)
        .order_by()
        .values("round", "unit__province")
        .annotate(
            registered=Count("pk"),
            at_least_basic=Count(
                "pk", filter=ASSESSED & Q(assessment__level__in=(Level.FULL, Level.BASIC))
            ),
            recognised=Count("pk", filter=Q(assessment__state=State.RECOGNISED)),
        )
    )
    return {(row.pop("round"), row.pop("unit__province")): row for row in rows}


def _wards_by_province(maps: set[int]) -> dict[int, int]:
    """Province pk → its phường, for the provinces of ``maps``. One query."""
    return dict(
        AdminUnit.objects.filter(admin_map__in=maps, type=UnitType.WARD)
        .order_by()
        .values("province")
        .annotate(wards=Count("pk"))
        .values_list("province", "wards")
    )


def province_correspondence(source_map, target_map) -> dict[int, set[int]]:
    """Each province of ``source_map`` → the provinces of ``target_map`` it became, following
    the recorded successions through any maps in between (63 → 34). One query per map crossed;
    provinces whose successor is unknown map to nothing."""
    provinces = AdminUnit.objects.filter(admin_map=source_map, level=AdminLevel.PROVINCE)
    if source_map.pk == target_map.pk:
        return {pk: {pk} for pk in provinces.values_list("pk", flat=True)}
    current = {pk: {pk} for pk in provinces.values_list("pk", flat=True)}
    found: dict[int, set[int]] = {pk: set() for pk in current}
    for _step in range(AdminMap.objects.count()):
        frontier = set().union(*current.values())
        if not frontier:
            break
        links: dict[int, list[tuple[int, int, date]]] = {}
        for predecessor, successor, map_id, effective in Succession.objects.filter(
            predecessor_id__in=frontier, successor__isnull=False
        ).values_list(
            "predecessor_id",
            "successor_id",
            "successor__admin_map_id",
            "successor__admin_map__effective_date",
        ):
            links.setdefault(predecessor, []).append((successor, map_id, effective))
        next_current: dict[int, set[int]] = {}
        for origin, units in current.items():
            for unit in units:
                for successor, map_id, effective in links.get(unit, ()):
                    if map_id == target_map.pk:
                        found[origin].add(successor)
                    elif effective < target_map.effective_date:
                        next_current.setdefault(origin, set()).add(successor)
        current = next_current
    return found


def national_trend(round: Round) -> list[TrendPoint]:
    """The national figures of every round up to ``round``'s year, oldest first. Three
    queries."""
    rounds = _rounds_until(round)
    counts = _counts_by_round_and_province(rounds)
    wards = _wards_by_province({r.admin_map_id for r in rounds})
    ward_map = dict(
        AdminUnit.objects.filter(pk__in=wards).values_list("pk", "admin_map_id")
    )  # one more query: which map each province belongs to
    points, so_far = [], 0
    for each in rounds:
        rows = [row for (r, _p), row in counts.items() if r == each.pk]
        recognised = sum(row["recognised"] for row in rows)
        so_far += recognised
        points.append(
            TrendPoint(
                year=each.year,
                wards=sum(n for pk, n in wards.items() if ward_map[pk] == each.admin_map_id),
                registered=sum(row["registered"] for row in rows),
                at_least_basic=sum(row["at_least_basic"] for row in rows),
                recognised=recognised,
                recognised_so_far=so_far,
            )
        )
    return points


def province_trends(round: Round) -> dict[int, list[TrendPoint]]:
    """For each province of ``round``'s map (by pk), its figures in every round up to the
    round's year, oldest first, rolled up through the successions: a 2023 round counts, for a
    2025 province, the 2023 provinces that merged into it; phường are those of the same
    provinces on that round's map. A fixed number of queries (a few per map)."""
    rounds = _rounds_until(round)
    counts = _counts_by_round_and_province(rounds)
    wards = _wards_by_province({r.admin_map_id for r in rounds})
    targets = [unit.pk for unit in provinces_of(round)]
    correspondences = {}
    for map_id in {r.admin_map_id for r in rounds}:
        source = next(r.admin_map for r in rounds if r.admin_map_id == map_id)
        # old province → new provinces, inverted: new province → the old ones it holds
        inverse: dict[int, set[int]] = {pk: set() for pk in targets}
        for old, news in province_correspondence(source, round.admin_map).items():
            for new in news:
                inverse.setdefault(new, set()).add(old)
        correspondences[map_id] = inverse
    trends: dict[int, list[TrendPoint]] = {}
    for target in targets:
        points, so_far = [], 0
        for each in rounds:
            olds = correspondences[each.admin_map_id].get(target, set())
            rows = [counts[each.pk, old] for old in olds if (each.pk, old) in counts]
            recognised = sum(row["recognised"] for row in rows)
            so_far += recognised
            points.append(
                TrendPoint(
                    year=each.year,
                    wards=sum(wards.get(old, 0) for old in olds),
                    registered=sum(row["registered"] for row in rows),
                    at_least_basic=sum(row["at_least_basic"] for row in rows),
                    recognised=recognised,
                    recognised_so_far=so_far,
                )
            )
        trends[target] = points
    return trends


@dataclass(frozen=True)
class Forecast:
    """When a province reaches 100% of its phường recognised at its current pace.

    The pace is the slope (percentage points per year) of the least-squares line through its
    rounds' shares (``TrendPoint.percent``); with a single round, through that round and 0% in
    the year before it (nothing was recognised before the programme). ``year`` is None when
    the pace is not positive (never, at this pace).
    """

    province: AdminUnit
    percent: Decimal  # share recognised so far in the latest round
    pace: Decimal  # percentage points per year
    year: int | None

    @property
    def misses_final_target(self) -> bool:
        return self.year is None or self.year > FINAL_TARGET_YEAR


def forecast_from(province: AdminUnit, points: list[TrendPoint]) -> Forecast:
    """The forecast of one province from its trend (pure: no query)."""
    known = [(p.year, p.percent) for p in points if p.percent is not None]
    if not known:
        return Forecast(province=province, percent=Decimal(0), pace=Decimal(0), year=None)
    if len(known) == 1:
        known = [(known[0][0] - 1, Decimal(0)), *known]
    n = len(known)
    mean_x = Decimal(sum(x for x, _y in known)) / n
    mean_y = sum(y for _x, y in known) / n
    spread = sum((x - mean_x) ** 2 for x, _y in known)
    pace = sum((x - mean_x) * (y - mean_y) for x, y in known) / spread if spread else Decimal(0)
    last_year, last = known[-1]
    if last >= 100:
        year = last_year
    elif pace > 0:
        year = last_year + math.ceil((Decimal(100) - last) / pace)
    else:
        year = None
    return Forecast(province=province, percent=last, pace=pace.quantize(Decimal("0.01")), year=year)


def forecasts(round: Round, *, province: AdminUnit | None = None) -> list[Forecast]:
    """The forecast of every province of ``round``'s map (or only ``province``), by code."""
    trends = province_trends(round)
    return [forecast_from(unit, trends[unit.pk]) for unit in provinces_of(round, province)]
