"""The national-scale dataset of ``kieumau bench``: the whole country over six rounds.

- round 2023 on the 2023-05 map (rule pilot-2023): every phường registered, ended like the
  demo's 2023 round (most recognised or approved, some returned or rejected), closed;
- rounds 2026–2029 (closed) and 2030 (open: deadline day) on the current map (2025-07, rule
  share-of-wards): EVERY commune registered — phường, xã and đặc khu alike, since the bench
  measures scale — with the share recognised growing from about 20% to 60%;
- for each registration its assessment with all results (self values, the province's review
  where reviewed, met_count and level from the verdict engine), about one evidence file per
  result once submitted (all pointing to five real files), an action item per unmet
  criterion, the workflow steps that led to its state with their actors and one audit entry
  each, the Recognition of recognised units, its resources; some good practices; two to four
  directive documents per province and year; the bench accounts (``bench.accounts``).

Times follow a compressed calendar, all in the past so that later writes come after them: the
open round's events in the last 90 days, each closed round's in the quarter before the next
round's; round 2023 in 2023. Values are drawn from ``random.Random(seed)``: the same seed
gives the same dataset. Rounds and quotas go through ``round_create``/``round_close``;
everything else is bulk inserted (not validated one by one, not audited but for the steps).
"""

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.reference import current_map
from kieumau.adminunits.types import Level, UnitType
from kieumau.bench.accounts import bench_accounts_create, ministry_username
from kieumau.bench.dataset.context import directive_documents, local_day
from kieumau.bench.dataset.files import sample_files_write
from kieumau.bench.dataset.plans import OPEN_ROUND_MIX, PILOT_2023_MIX, closed_round_mix
from kieumau.bench.dataset.rounds import Actors, RoundSpec, round_fill
from kieumau.bench.dataset.summary import DatasetSummary, dataset_summary
from kieumau.bench.dataset.timestamps import Window
from kieumau.context.models import DirectiveDocument
from kieumau.criteria.selectors import verdict_rule_for
from kieumau.criteria.services import default_criteria_set_load
from kieumau.demo.actors import officers_ensure
from kieumau.programme.models import QuotaRule, Round
from kieumau.programme.services import round_close, round_create

__all__ = ["DatasetError", "DatasetSummary", "national_dataset_build"]

PILOT_MAP = "2023-05"
PILOT_YEAR = 2023
# Closed rounds on the current map → percent recognised; then the open round.
CLOSED_ROUNDS = {2026: 20, 2027: 33, 2028: 47, 2029: 60}
OPEN_YEAR = 2030
QUOTA_PERCENT = {2026: 40, 2027: 55, 2028: 70, 2029: 85, 2030: 100}
QUARTER = timedelta(days=91)

ProgressCallback = Callable[[str, int, int], None]


class DatasetError(Exception):
    """The dataset cannot be built here (the database is not an empty, set-up programme)."""


@dataclass(frozen=True)
class _Maps:
    pilot: AdminMap
    current: AdminMap


def national_dataset_build(
    *,
    scale: float = 1.0,
    seed: int = 2030,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
) -> DatasetSummary:
    """Build the dataset (see the module) in an empty programme; ``scale`` < 1 keeps that
    share of the communes of each province (at least one), the same ones in every round.

    Side effects: five sample files under MEDIA_ROOT; in one transaction, the bench accounts,
    the 2023 map's demo officers, six rounds with their quotas (audited) and everything in
    them (bulk inserts), directive documents; then ANALYZE on PostgreSQL. Refused with
    DatasetError, writing nothing, when a round or a bench account exists or a map is missing.
    """
    report = progress or (lambda stage, done, total: None)
    maps = _preconditions(scale)
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    criteria_set = default_criteria_set_load().criteria_set
    criteria = list(criteria_set.criteria.order_by("position"))
    rule = verdict_rule_for(criteria_set)
    files = sample_files_write()
    rng = random.Random(seed)
    with transaction.atomic():
        report("accounts", 0, 1)
        bench_accounts_create(maps.current)
        report("accounts", 1, 1)
        ministry = User.objects.get(username=ministry_username(1))
        current_units = _units_kept(rng, maps.current, None, scale)
        pilot_units = _units_kept(rng, maps.pilot, UnitType.WARD, scale)
        ministry_ids = list(
            User.objects.filter(role=Role.MINISTRY, username__startswith="bench.")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        current_actors = _bench_actors(maps.current, ministry_ids)
        pilot_actors = _pilot_actors(maps.pilot, pilot_units, ministry_ids)
        plan = [(PILOT_YEAR, maps.pilot, pilot_units, pilot_actors)] + [
            (year, maps.current, current_units, current_actors)
            for year in (*CLOSED_ROUNDS, OPEN_YEAR)
        ]
        for year, admin_map, units, actors in plan:
            window = _window(year, now, rng)
            round_ = _round_open(ministry, year, admin_map, criteria_set)
            spec = RoundSpec(
                round=round_,
                units=units,
                criteria=criteria,
                rule=rule,
                mix=_mix(year),
                window=window,
                closed=year != OPEN_YEAR,
            )
            round_fill(
                spec,
                actors=actors,
                files=files,
                rng=random.Random(seed * 10_000 + year),
                progress=lambda done, total, year=year: report(f"round {year}", done, total),
            )
            _documents_write(rng, admin_map, year, window, actors, files[0], now)
            if spec.closed:
                round_close(actor=ministry, round=round_)
    report("analyze", 0, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report("analyze", 1, 1)
    return dataset_summary(open_round_year=OPEN_YEAR, current=maps.current)


def _preconditions(scale: float) -> _Maps:
    if not 0 < scale <= 1:
        raise DatasetError(
            _("The scale is the share of communes kept: above 0 and at most 1, not %(scale)s.")
            % {"scale": scale}
        )
    if Round.objects.exists():
        raise DatasetError(
            _(
                "The database already has rounds: the benchmark dataset needs an empty "
                "programme (a fresh database after «kieumau migrate» and «kieumau setup "
                "--no-demo»)."
            )
        )
    if User.objects.filter(username__startswith="bench.").exists():
        raise DatasetError(_("The bench accounts already exist: use a fresh database."))
    pilot = AdminMap.objects.filter(code=PILOT_MAP).first()
    current = current_map()
    if pilot is None or current is None or current == pilot:
        raise DatasetError(
            _("The reference maps are missing: run «kieumau setup --no-demo» first.")
        )
    return _Maps(pilot=pilot, current=current)


def _units_kept(rng, admin_map, unit_type, scale) -> list[AdminUnit]:
    """The communes (or only those of ``unit_type``) of each province, all or a ``scale``
    share (at least one), in province and code order."""
    units = AdminUnit.objects.filter(admin_map=admin_map, level=Level.COMMUNE)
    if unit_type is not None:
        units = units.filter(type=unit_type)
    by_province: dict[int, list[AdminUnit]] = defaultdict(list)
    for unit in units.order_by("province__code", "code"):
        by_province[unit.province_id].append(unit)
    kept = []
    for communes in by_province.values():
        if scale < 1:
            count = max(1, round(len(communes) * scale))
            communes = sorted(rng.sample(communes, count), key=lambda unit: unit.code)
        kept.extend(communes)
    return kept


def _bench_actors(admin_map: AdminMap, ministry: list[int]) -> Actors:
    users = User.objects.filter(unit__admin_map=admin_map, username__startswith="bench.")
    wards = dict(users.filter(role=Role.WARD).values_list("unit_id", "pk"))
    provinces: dict[int, list[int]] = defaultdict(list)
    for unit_id, pk in users.filter(role=Role.PROVINCE).order_by("pk").values_list("unit_id", "pk"):
        provinces[unit_id].append(pk)
    return Actors(wards=wards, provinces=dict(provinces), ministry=ministry)


def _pilot_actors(admin_map: AdminMap, units: list[AdminUnit], ministry: list[int]) -> Actors:
    """Demo officers of the 2023 map, as the demo generator names them."""
    provinces = AdminUnit.objects.filter(admin_map=admin_map, level=Level.PROVINCE)
    officers = officers_ensure(Role.PROVINCE, admin_map, provinces.select_related("admin_map"))
    wards = officers_ensure(Role.WARD, admin_map, units)
    return Actors(
        wards={unit_id: user.pk for unit_id, user in wards.items()},
        provinces={unit_id: [user.pk] for unit_id, user in officers.items()},
        ministry=ministry,
    )


def _window(year: int, now: datetime, rng: random.Random) -> Window:
    number = f"{rng.randint(1000, 4999)}/QĐ-BCA"
    if year == PILOT_YEAR:
        zone = timezone.get_current_timezone()
        start, end = datetime(2023, 3, 1, 8, tzinfo=zone), datetime(2023, 12, 30, tzinfo=zone)
        return Window(start, end, number)
    end = now - timedelta(hours=1) - QUARTER * (OPEN_YEAR - year)
    return Window(end - QUARTER + timedelta(days=1), end, number)


def _mix(year: int):
    if year == PILOT_YEAR:
        return PILOT_2023_MIX
    if year == OPEN_YEAR:
        return OPEN_ROUND_MIX
    return closed_round_mix(CLOSED_ROUNDS[year])


def _round_open(ministry: User, year: int, admin_map: AdminMap, criteria_set) -> Round:
    pilot = year == PILOT_YEAR
    return round_create(
        actor=ministry,
        year=year,
        name=f"Đợt đánh giá {year}" + (" (thí điểm toàn quốc)" if pilot else ""),
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=QuotaRule.PILOT_2023 if pilot else QuotaRule.SHARE_OF_WARDS,
        quota_parameters=None if pilot else {"percent": QUOTA_PERCENT[year]},
        self_assessment_deadline=date(year, 10, 31),
        review_deadline=date(year, 11, 30),
        recognition_deadline=date(year, 12, 31),
    )


def _documents_write(rng, admin_map, year, window, actors, pdf, now) -> None:
    provinces = list(
        AdminUnit.objects.filter(admin_map=admin_map, level=Level.PROVINCE).order_by("code")
    )
    last = min(local_day(window.end), local_day(now))
    documents = directive_documents(
        rng,
        provinces,
        year=year,
        on=(local_day(window.start), last),
        officers=actors.provinces,
        pdf=pdf,
    )
    DirectiveDocument.objects.bulk_create(documents, batch_size=2000)
