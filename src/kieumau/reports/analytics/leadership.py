"""Leadership and resources: directive documents, staffing, headquarters, equipment, funding."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    Q,
    Sum,
)

from kieumau.adminunits.models import AdminUnit
from kieumau.context.models import DirectiveDocument
from kieumau.context.selectors import (
    IssuerCount,
    StaffingSummary,
    documents_by_issuer_and_kind,
    staffing_summary_of,
)
from kieumau.programme.models import Registration, Round
from kieumau.reports.analytics.base import percent_of, provinces_of


def directive_documents_summary(round: Round) -> list[IssuerCount]:
    """Per issuer, the provinces of the round's map with directive documents, by kind."""
    return documents_by_issuer_and_kind(round.admin_map)


PARTY_KINDS = (
    DirectiveDocument.Kind.RESOLUTION,
    DirectiveDocument.Kind.DIRECTIVE,
    DirectiveDocument.Kind.CONCLUSION,
)


PLAN_KINDS = (
    DirectiveDocument.Kind.PROGRAMME,
    DirectiveDocument.Kind.OFFICIAL_LETTER,
    DirectiveDocument.Kind.PLAN,
)


@dataclass(frozen=True)
class DocumentFigures:
    """Directive documents of a round's map: provinces counted, as the ministry reports them."""

    provinces: int  # provinces of the map (or 1 for a province)
    by_issuer: list[IssuerCount]  # per issuer, provinces with a document, in all and by kind
    party_resolutions: int  # party committee resolution / directive / conclusion
    plans_only: int  # programme / letter / plan (any issuer), without a party resolution
    plans_any: int  # programme / letter / plan (any issuer)
    schemes: int  # People's Committee scheme (đề án)
    documents: int  # documents in all
    with_any: int  # provinces with at least one document
    without: list[str]  # names of the provinces without any document


def document_figures(round: Round, *, province: AdminUnit | None = None) -> DocumentFigures:
    """Directive documents of the round's map (or of ``province``). Four queries."""
    provinces = provinces_of(round, province)
    documents = DirectiveDocument.objects.filter(province__admin_map=round.admin_map).order_by()
    if province is not None:
        documents = documents.filter(province=province)
    party = Q(issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE, kind__in=PARTY_KINDS)
    rows = {
        row["province"]: row
        for row in documents.values("province").annotate(
            documents=Count("pk"),
            party=Count("pk", filter=party),
            plans=Count("pk", filter=Q(kind__in=PLAN_KINDS)),
            schemes=Count(
                "pk",
                filter=Q(
                    issuer=DirectiveDocument.Issuer.PEOPLES_COMMITTEE,
                    kind=DirectiveDocument.Kind.SCHEME,
                ),
            ),
        )
    }
    if province is None:
        by_issuer = documents_by_issuer_and_kind(round.admin_map)
    else:  # the same counts, for one province
        kinds = set(documents.values_list("issuer", "kind").distinct())
        by_issuer = [
            IssuerCount(
                issuer=issuer,
                provinces=int(any(i == issuer for i, _k in kinds)),
                by_kind={k: 1 for k in DirectiveDocument.Kind.values if (issuer, k) in kinds},
            )
            for issuer in DirectiveDocument.Issuer.values
        ]
    values = list(rows.values())
    return DocumentFigures(
        provinces=len(provinces),
        by_issuer=by_issuer,
        party_resolutions=sum(1 for row in values if row["party"]),
        plans_only=sum(1 for row in values if row["plans"] and not row["party"]),
        plans_any=sum(1 for row in values if row["plans"]),
        schemes=sum(1 for row in values if row["schemes"]),
        documents=sum(row["documents"] for row in values),
        with_any=len(values),
        without=[unit.name for unit in provinces if unit.pk not in rows],
    )


@dataclass(frozen=True)
class ProvinceResources:
    """A province's registered units and their recorded resources in a round."""

    province: AdminUnit
    units: int
    reported: int  # units with resources recorded
    fully_staffed: int  # staff in post ≥ staff norm
    staff_norm: int
    staff_actual: int
    funding_planned_vnd: int
    funding_disbursed_vnd: int

    @property
    def all_staffed(self) -> bool:
        """Every registered unit recorded its staff and meets the norm (and there is one)."""
        return self.units > 0 and self.fully_staffed == self.units

    @property
    def funding_gap_vnd(self) -> int:
        return max(self.funding_planned_vnd - self.funding_disbursed_vnd, 0)


@dataclass(frozen=True)
class ResourceFigures:
    """Staffing, headquarters and funding of a round (national or one province)."""

    summary: StaffingSummary
    provinces: list[ProvinceResources]  # provinces with registered units, by code

    @property
    def provinces_with_units(self) -> int:
        return len(self.provinces)

    @property
    def provinces_fully_staffed(self) -> int:
        return sum(1 for row in self.provinces if row.all_staffed)

    @property
    def provinces_short_staffed(self) -> list[ProvinceResources]:
        return [row for row in self.provinces if not row.all_staffed]

    @property
    def funding_gap_vnd(self) -> int:
        return max(self.summary.funding_planned_vnd - self.summary.funding_disbursed_vnd, 0)

    @property
    def provinces_with_funding_gap(self) -> list[ProvinceResources]:
        """Provinces that disbursed less than they planned, largest gap first."""
        gaps = [row for row in self.provinces if row.funding_gap_vnd]
        return sorted(gaps, key=lambda row: (-row.funding_gap_vnd, row.province.code))

    @property
    def disbursed_percent(self) -> Decimal | None:
        return percent_of(self.summary.funding_disbursed_vnd, self.summary.funding_planned_vnd)


def resource_figures(round: Round, *, province: AdminUnit | None = None) -> ResourceFigures:
    """Staffing sufficiency, headquarters and funding of the round's registered units (of
    ``province`` if given). Totals from ``context.selectors.staffing_summary``; per province
    one grouped query. Four queries."""
    registrations = Registration.objects.filter(round=round).order_by()
    if province is not None:
        registrations = registrations.filter(unit__province=province)
    summary = staffing_summary_of(registrations)
    rows = (
        registrations.values("unit__province")
        .annotate(
            units=Count("pk"),
            reported=Count("resources"),
            fully_staffed=Count(
                "resources", filter=Q(resources__staff_actual__gte=F("resources__staff_norm"))
            ),
            staff_norm=Sum("resources__staff_norm", default=0),
            staff_actual=Sum("resources__staff_actual", default=0),
            funding_planned_vnd=Sum("resources__funding_planned_vnd", default=0),
            funding_disbursed_vnd=Sum("resources__funding_disbursed_vnd", default=0),
        )
        .order_by("unit__province")
    )
    by_province = {row.pop("unit__province"): row for row in rows}
    units = AdminUnit.objects.filter(pk__in=by_province).order_by("code")
    return ResourceFigures(
        summary=summary,
        provinces=[
            ProvinceResources(
                province=unit, **{key: int(value) for key, value in by_province[unit.pk].items()}
            )
            for unit in units
        ],
    )
