"""Reads of the context app, scoped to the user through accounts.scopes.unit_filter."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, has_permission, unit_filter
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level
from kieumau.context.models import DirectiveDocument, GoodPractice, GoodPracticeTag, Resources
from kieumau.context.tags import tag_normalise
from kieumau.programme.models import Registration, Round


def directive_documents_for_user(user: User, admin_map: AdminMap) -> QuerySet[DirectiveDocument]:
    """Documents of the map's provinces in the user's scope, newest first per province."""
    return (
        DirectiveDocument.objects.filter(province__admin_map=admin_map)
        .filter(unit_filter(user, admin_map, field="province"))
        .select_related("province", "created_by")
    )


@dataclass(frozen=True)
class IssuerCount:
    issuer: str
    provinces: int  # provinces with at least one document of this issuer, of any kind
    by_kind: dict[str, int]  # provinces with a document of that kind; kinds with none left out


def documents_by_issuer_and_kind(admin_map: AdminMap) -> list[IssuerCount]:
    """Per issuer, how many provinces of the map issued documents, in total and by kind.

    Counts provinces, not documents, as the ministry reports them ("party committees of 55
    provinces issued resolutions, directives or conclusions"). Two queries.
    """
    documents = DirectiveDocument.objects.filter(province__admin_map=admin_map).order_by()
    totals = dict(
        documents.values("issuer")
        .annotate(provinces=Count("province", distinct=True))
        .values_list("issuer", "provinces")
    )
    per_kind = {
        (row["issuer"], row["kind"]): row["provinces"]
        for row in documents.values("issuer", "kind").annotate(
            provinces=Count("province", distinct=True)
        )
    }
    return [
        IssuerCount(
            issuer=issuer,
            provinces=totals.get(issuer, 0),
            by_kind={
                kind: per_kind[issuer, kind]
                for kind in DirectiveDocument.Kind.values
                if (issuer, kind) in per_kind
            },
        )
        for issuer in DirectiveDocument.Issuer.values
    ]


def resources_for_user(user: User, round: Round) -> QuerySet[Resources]:
    """The recorded resources of the round's registered units in the user's scope."""
    return (
        Resources.objects.filter(registration__round=round)
        .filter(unit_filter(user, round.admin_map, field="registration__unit"))
        .select_related("registration__unit__province")
        .order_by("registration__unit__province__code", "registration__unit__code")
    )


@dataclass(frozen=True)
class StaffingSummary:
    units: int  # registered in the round
    units_reported: int  # with resources recorded
    units_fully_staffed: int  # staff in post ≥ staff norm
    staff_norm: int
    staff_actual: int
    staff_under_35: int
    staff_with_degree: int
    funding_planned_vnd: int
    funding_disbursed_vnd: int
    units_equipment_adequate: int
    headquarters: dict[str, int]  # every status, in the order of Resources.Headquarters


def staffing_summary(round: Round, *, user: User | None = None) -> StaffingSummary:
    """Totals of the round's resources, nationally or in ``user``'s scope. Two queries."""
    registrations = Registration.objects.filter(round=round)
    if user is not None:
        registrations = registrations.filter(unit_filter(user, round.admin_map))
    return staffing_summary_of(registrations)


def staffing_summary_of(registrations: QuerySet[Registration]) -> StaffingSummary:
    """Totals of the resources of any set of registrations. Two queries."""
    sums = {
        field: Sum(f"resources__{field}", default=0)
        for field in (
            "staff_norm",
            "staff_actual",
            "staff_under_35",
            "staff_with_degree",
            "funding_planned_vnd",
            "funding_disbursed_vnd",
        )
    }
    totals = registrations.order_by().aggregate(
        units=Count("id"),
        units_reported=Count("resources"),
        units_fully_staffed=Count(
            "resources", filter=Q(resources__staff_actual__gte=F("resources__staff_norm"))
        ),
        units_equipment_adequate=Count("resources", filter=Q(resources__equipment_adequate=True)),
        **sums,
    )
    by_status = dict(
        Resources.objects.filter(registration__in=registrations.values("pk"))
        .order_by()
        .values("headquarters")
        .annotate(units=Count("id"))
        .values_list("headquarters", "units")
    )
    return StaffingSummary(
        **{name: int(value) for name, value in totals.items()},  # PostgreSQL sums are Decimal
        headquarters={status: by_status.get(status, 0) for status in Resources.Headquarters.values},
    )


def good_practices_for_user(
    user: User, round: Round, tag: str | None = None
) -> QuerySet[GoodPractice]:
    """Good practices of the round's units in the user's scope, with tags and photos; by tag."""
    practices = GoodPractice.objects.filter(registration__round=round).filter(
        unit_filter(user, round.admin_map, field="registration__unit")
    )
    if tag is not None:
        tagged = GoodPracticeTag.objects.filter(practice=OuterRef("pk"), name=tag_normalise(tag))
        practices = practices.filter(Exists(tagged))
    return practices.select_related("registration__unit", "created_by").prefetch_related(
        "tags", "photos"
    )


def document_provinces_for_user(user: User, admin_map: AdminMap) -> QuerySet[AdminUnit]:
    """The map's provinces whose directive documents ``user`` may record, by code.

    Usually the officer's one province; on an older map, every province it came from. None for
    a role without the right to record documents. One query.
    """
    if not has_permission(user, Permission.DOCUMENT):
        return AdminUnit.objects.none()
    # Communes and districts carry their province: the ones in scope name the provinces.
    in_scope = AdminUnit.objects.filter(admin_map=admin_map, province__isnull=False).filter(
        unit_filter(user, admin_map, field="province")
    )
    return AdminUnit.objects.filter(
        admin_map=admin_map, level=Level.PROVINCE, pk__in=in_scope.values("province")
    ).order_by("code")
