"""Reads of the programme: rounds, quotas with what provinces registered, progress to targets.

Counts are database aggregates: the number of queries never grows with provinces or units.
"""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, has_permission, in_scope, unit_filter
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.assessments.models import State
from kieumau.programme.models import Quota, Registration, Round, Target


def _count(queryset: QuerySet, group: str) -> Subquery:
    """A correlated ``COUNT(*)`` of ``queryset`` (already filtered on OuterRef) as an integer."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(count=Count("pk")).values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def rounds_for_listing() -> QuerySet[Round]:
    """Rounds, newest first, with their map, criteria set, quota total and registrations."""
    effective = (
        Quota.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(total=Sum(Coalesce("override", "computed")))
        .values("total")
    )
    return (
        Round.objects.select_related("admin_map", "criteria_set")
        .annotate(
            quota_total=Coalesce(Subquery(effective, output_field=IntegerField()), Value(0)),
            registered=_count(Registration.objects.filter(round=OuterRef("pk")), "round"),
        )
        .order_by("-year")
    )


def round_by_year(year: int) -> Round | None:
    return Round.objects.select_related("admin_map", "criteria_set").filter(year=year).first()


def quotas_for_round(round: Round) -> QuerySet[Quota]:
    """The round's quotas by province code, each with ``effective``, ``registered``, ``over``."""
    registered = Registration.objects.filter(round=round, unit__province=OuterRef("province"))
    return (
        Quota.objects.filter(round=round)
        .select_related("province")
        .annotate(
            effective_quota=Coalesce("override", "computed"),
            registered=_count(registered, "round"),
        )
        .annotate(over=Greatest(F("registered") - F("effective_quota"), Value(0)))
        .order_by("province__code")
    )


@dataclass(frozen=True)
class QuotaTotals:
    computed: int
    effective: int
    registered: int
    over: int


def quota_totals(round: Round) -> QuotaTotals:
    """National totals of the round's quotas and registrations, in one query."""
    # Summed here: Django 5.2 aggregate() over these annotations left the subqueries out.
    rows = quotas_for_round(round).values_list("computed", "effective_quota", "registered", "over")
    sums = [sum(column) for column in zip(*rows, strict=True)] or [0, 0, 0, 0]
    return QuotaTotals(*sums)


def registrations_for_round(
    round: Round, *, province: AdminUnit | None = None
) -> QuerySet[Registration]:
    """The round's registrations with unit, province and assessment, by province and code."""
    registrations = Registration.objects.filter(round=round).select_related(
        "unit__province", "unit__parent", "registered_by", "assessment"
    )
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    return registrations.order_by("unit__province__code", "unit__code")


def registrations_for_user(user: User, round: Round) -> QuerySet[Registration]:
    """The registrations of ``round`` within ``user``'s scope."""
    return registrations_for_round(round).filter(unit_filter(user, round.admin_map, field="unit"))


@dataclass(frozen=True)
class ProvinceProgress:
    """A province's phường recognised in a round against one year's target."""

    province: AdminUnit
    wards: int  # phường of the province on the round's map
    recognised: int
    minimum: Decimal | None  # target of the year (%), the province's own or the national one
    stretch: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        """Share of the province's phường recognised in the round (%); None without phường."""
        if not self.wards:
            return None
        return (Decimal(self.recognised * 100) / self.wards).quantize(Decimal("0.01"))

    @property
    def on_track(self) -> bool | None:
        """Whether the share reaches the minimum target; None without phường or target."""
        if self.percent is None or self.minimum is None:
            return None
        return self.percent >= self.minimum


def provinces_with_targets(round: Round, year: int) -> QuerySet[AdminUnit]:
    """The provinces of the round's map by code, each annotated with ``ward_count`` (its
    phường) and the ``minimum`` and ``stretch`` percent of ``year``'s target: the province's
    own, else the national default (None without either)."""
    wards = AdminUnit.objects.filter(province=OuterRef("pk"), type=UnitType.WARD)
    own = Target.objects.filter(year=year, province=OuterRef("pk"))
    default = Target.objects.filter(year=year, province__isnull=True)
    return round_provinces(round).annotate(
        ward_count=_count(wards, "province"),
        minimum=Coalesce(
            Subquery(own.values("minimum_percent")), Subquery(default.values("minimum_percent"))
        ),
        stretch=Coalesce(
            Subquery(own.values("stretch_percent")), Subquery(default.values("stretch_percent"))
        ),
    )


def province_progress(round: Round, year: int) -> list[ProvinceProgress]:
    """Per province of the round's map: phường, those recognised in the round, the target.

    The target is the province's own for ``year``, else the national default. One query.
    """
    recognised = Registration.objects.filter(
        round=round, unit__province=OuterRef("pk"), assessment__state=State.RECOGNISED
    )
    provinces = provinces_with_targets(round, year).annotate(
        recognised_count=_count(recognised, "round")
    )
    return [
        ProvinceProgress(
            province=province,
            wards=province.ward_count,
            recognised=province.recognised_count,
            minimum=province.minimum,
            stretch=province.stretch,
        )
        for province in provinces
    ]


def quotas_for_user(user: User, round: Round) -> QuerySet[Quota]:
    """The round's quotas of the provinces in ``user``'s scope, as ``quotas_for_round`` gives."""
    return quotas_for_round(round).filter(unit_filter(user, round.admin_map, field="province"))


def registration_for_user(user: User, pk: int) -> Registration:
    """One registration with its round, unit and assessment, or DoesNotExist when missing or
    outside the user's scope (out of scope looks exactly like missing)."""
    registration = Registration.objects.select_related(
        "round__admin_map", "unit__admin_map", "unit__province", "assessment"
    ).get(pk=pk)
    if not (has_permission(user, Permission.VIEW) and in_scope(user, registration.unit)):
        raise Registration.DoesNotExist("Registration matching query does not exist.")
    return registration


def round_provinces(round: Round) -> QuerySet[AdminUnit]:
    """The provinces of the round's map, by code."""
    return AdminUnit.objects.filter(admin_map=round.admin_map, level=Level.PROVINCE).order_by(
        "code"
    )


def round_criteria_count(round: Round) -> int:
    """How many criteria the round's criteria set has (the 22 of "19/22 tiêu chí đạt")."""
    return round.criteria_set.criteria.count()


def name_fold(text: str) -> str:
    """Lower case without tone marks or diacritics: "Phường Trường Vinh" → "phuong truong vinh"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class WardSearch:
    query: str
    units: list[AdminUnit]  # parent loaded; ``registered`` annotated (bool)
    total: int  # matches, of which at most ``limit`` are in ``units``

    @property
    def truncated(self) -> bool:
        return self.total > len(self.units)

    @property
    def has_districts(self) -> bool:
        """Whether some unit hangs under a district (older maps), not directly its province."""
        return any(unit.parent_id != unit.province_id for unit in self.units)


def wards_search_for_user(user: User, round: Round, query: str, *, limit: int = 20) -> WardSearch:
    """The phường of the round's map in ``user``'s scope whose name or code matches ``query``.

    Accent- and case-insensitive ("truong vinh" finds Trường Vinh); every word of the query
    must appear. Names starting with the query come first, then by name. Two queries whatever
    the number of phường: their names, then the ``limit`` shown with whether each is registered.
    """
    words = name_fold(query).split()
    if not words or not has_permission(user, Permission.VIEW):
        return WardSearch(query=query, units=[], total=0)
    phrase = " ".join(words)
    candidates = (
        AdminUnit.objects.filter(admin_map=round.admin_map, type=UnitType.WARD)
        .filter(unit_filter(user, round.admin_map, field="province"))
        .values_list("pk", "name", "code")
    )
    matches = []
    for pk, name, code in candidates:
        folded = name_fold(name)
        haystack = f"phuong {folded} {code}"
        if all(word in haystack for word in words):
            matches.append((not folded.startswith(phrase), folded, pk))
    matches.sort()
    shown = [pk for _, _, pk in matches[:limit]]
    registered = Registration.objects.filter(round=round, unit=OuterRef("pk"))
    units = AdminUnit.objects.filter(pk__in=shown).select_related("parent")
    by_pk = {unit.pk: unit for unit in units.annotate(registered=Exists(registered))}
    return WardSearch(query=query, units=[by_pk[pk] for pk in shown], total=len(matches))


def registrable_unit_for_user(user: User, round: Round, pk: int) -> AdminUnit:
    """A commune of the round's map in ``user``'s scope (the service decides whether it can be
    registered), or AdminUnit.DoesNotExist when missing, on another map or out of scope."""
    return (
        AdminUnit.objects.filter(admin_map=round.admin_map, level=Level.COMMUNE)
        .filter(unit_filter(user, round.admin_map, field="province"))
        .select_related("admin_map", "province")
        .get(pk=pk)
    )


def targets_for_user(user: User) -> QuerySet[Target]:
    """National targets, and those of the provinces in the user's scope (on any map)."""
    visible = Q(province__isnull=True)
    for admin_map in AdminMap.objects.all():
        visible |= Q(province__admin_map=admin_map) & unit_filter(user, admin_map, "province")
    return (
        Target.objects.filter(visible)
        .select_related("province__admin_map")
        # National targets first on every database (PostgreSQL sorts nulls last by default).
        .order_by(
            "year",
            F("province__admin_map__effective_date").asc(nulls_first=True),
            "province__code",
        )
    )
