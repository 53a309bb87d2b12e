"""The targets a round is measured against, and each province's progress toward them."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from kieumau.adminunits.models import AdminUnit
from kieumau.programme.models import Round, Target
from kieumau.reports.analytics.base import percent_of


def target_year(round: Round) -> int:
    """The year whose target the round is measured against: the first target year not before
    the round's year (2023 and 2025 → 2025), else the round's own year. One query."""
    year = Target.objects.filter(year__gte=round.year).order_by("year").values_list("year").first()
    return year[0] if year else round.year


@dataclass(frozen=True)
class NationalTarget:
    year: int
    minimum: Decimal | None  # %, None without a national target for the year
    stretch: Decimal | None


def national_target(year: int) -> NationalTarget:
    """The national default target of ``year``. One query."""
    target = Target.objects.filter(year=year, province__isnull=True).first()
    return NationalTarget(
        year=year,
        minimum=target.minimum_percent if target else None,
        stretch=target.stretch_percent if target else None,
    )


@dataclass(frozen=True)
class TargetProgress:
    """How far a province's recognised phường are from one year's target."""

    year: int
    wards: int
    recognised: int
    minimum: Decimal | None
    stretch: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        return percent_of(self.recognised, self.wards)

    @property
    def minimum_wards(self) -> int | None:
        """Phường needed to reach the minimum (rounded up)."""
        return None if self.minimum is None else math.ceil(self.minimum * self.wards / 100)

    @property
    def stretch_wards(self) -> int | None:
        return None if self.stretch is None else math.ceil(self.stretch * self.wards / 100)

    @property
    def missing(self) -> int | None:
        """Phường still to recognise for the minimum; 0 once reached."""
        needed = self.minimum_wards
        return None if needed is None else max(needed - self.recognised, 0)


def province_target_progress(
    round: Round, province: AdminUnit, *, years: tuple[int, ...], wards: int, recognised: int
) -> list[TargetProgress]:
    """The province's progress toward the targets of ``years`` (its own, else the national
    one), given its phường and those recognised. One query."""
    targets = {}
    for target in Target.objects.filter(year__in=years).filter(
        Q(province=province) | Q(province__isnull=True)
    ):
        if target.province_id is not None or target.year not in targets:
            targets[target.year] = target
    return [
        TargetProgress(
            year=year,
            wards=wards,
            recognised=recognised,
            minimum=targets[year].minimum_percent if year in targets else None,
            stretch=targets[year].stretch_percent if year in targets else None,
        )
        for year in years
    ]
