"""What the national and province dashboards show: figures from ``analytics`` and the pictures
drawn from them. Web pages pass a function giving each province's dashboard address; a report
can pass its own (or an empty one)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import State
from kieumau.context.models import DirectiveDocument
from kieumau.context.selectors import IssuerCount
from kieumau.programme.models import Round
from kieumau.reports import analytics
from kieumau.reports.analytics import (
    CriterionUnmet,
    NationalTarget,
    ProvinceFigures,
    RoundFigures,
    TargetProgress,
)
from kieumau.reports.graphics.charts import (
    Bar,
    Column,
    Guide,
    Segment,
    column_chart,
    horizontal_bar_chart,
    meter,
    stacked_bar,
)
from kieumau.reports.graphics.choropleth import Region, choropleth_figure, progress_bucket
from kieumau.reports.graphics.svg import number, percent

TOP_CRITERIA = 10
PROVINCE_TARGET_YEARS = (2025, 2030)


SHORT_ISSUER_NAMES = {
    DirectiveDocument.Issuer.PARTY_COMMITTEE: pgettext_lazy("issuer, short", "Party committee"),
    DirectiveDocument.Issuer.PEOPLES_COMMITTEE: pgettext_lazy(
        "issuer, short", "People's Committee"
    ),
    DirectiveDocument.Issuer.PROVINCIAL_POLICE: pgettext_lazy("issuer, short", "Police"),
}


@dataclass(frozen=True)
class DocumentSummary:
    """Provinces with directive documents of one issuer: in all, and by kind (named)."""

    issuer: str
    label: str
    short_label: str
    provinces: int
    kinds: list[tuple[str, int]]  # (kind's name, provinces), kinds without any left out


def document_summaries(counts: Sequence[IssuerCount]) -> list[DocumentSummary]:
    return [
        DocumentSummary(
            issuer=count.issuer,
            label=str(DirectiveDocument.Issuer(count.issuer).label),
            short_label=str(SHORT_ISSUER_NAMES[count.issuer]),
            provinces=count.provinces,
            kinds=[
                (str(DirectiveDocument.Kind(kind).label), provinces)
                for kind, provinces in count.by_kind.items()
            ],
        )
        for count in counts
    ]


@dataclass(frozen=True)
class NationalDashboard:
    round: Round
    target: NationalTarget
    figures: RoundFigures
    documents: list[DocumentSummary]  # one per issuer
    provinces: list[ProvinceFigures]  # by code
    criteria: list[CriterionUnmet]  # the most often unmet, at most TOP_CRITERIA


def national_dashboard(round: Round) -> NationalDashboard:
    """The national figures of ``round``. A fixed number of queries (nine)."""
    year = analytics.target_year(round)
    return NationalDashboard(
        round=round,
        target=analytics.national_target(year),
        figures=analytics.round_figures(round),
        documents=document_summaries(analytics.directive_documents_summary(round)),
        provinces=analytics.province_figures(round, year=year),
        criteria=_unmet_only(analytics.criteria_unmet(round, limit=TOP_CRITERIA)),
    )


def _unmet_only(criteria: list[CriterionUnmet]) -> list[CriterionUnmet]:
    """The ranking without the criteria every unit meets (they sort last)."""
    return [row for row in criteria if row.unmet]


@dataclass(frozen=True)
class ProvinceDashboard:
    round: Round
    province: AdminUnit
    target_year: int
    figures: RoundFigures
    progress: ProvinceFigures
    targets: list[TargetProgress]  # 2025 and 2030
    criteria: list[CriterionUnmet]

    @property
    def levels(self) -> list[tuple[str, int]]:
        """(level, units) for đạt, đạt cơ bản, chưa đạt and "none" (not assessed yet)."""
        figures = self.figures
        return [
            ("full", figures.full),
            ("basic", figures.basic),
            ("not_met", figures.not_met),
            ("none", figures.not_assessed),
        ]


def province_dashboard(round: Round, province: AdminUnit) -> ProvinceDashboard:
    """The figures of one province in ``round``. A fixed number of queries (seven)."""
    year = analytics.target_year(round)
    progress = analytics.province_figures(round, year=year, province=province)[0]
    return ProvinceDashboard(
        round=round,
        province=province,
        target_year=year,
        figures=analytics.round_figures(round, province=province),
        progress=progress,
        targets=analytics.province_target_progress(
            round,
            province,
            years=PROVINCE_TARGET_YEARS,
            wards=progress.wards,
            recognised=progress.recognised,
        ),
        criteria=_unmet_only(
            analytics.criteria_unmet(round, province=province, limit=TOP_CRITERIA)
        ),
    )


# ---- pictures ---------------------------------------------------------------------------------


def province_label(row: ProvinceFigures, year: int) -> str:
    """What hovering a province shows: its name, then its figures, one line each."""
    target = percent(row.minimum, 0) if row.minimum is not None else "—"
    return "\n".join(
        (
            row.province.name,
            _(
                "Recognised: %(recognised)s of %(wards)s phường (%(percent)s); target %(year)s: "
                "%(target)s"
            )
            % {
                "recognised": number(row.recognised),
                "wards": number(row.wards),
                "percent": percent(row.percent),
                "year": year,
                "target": target,
            },
            _("Registered: %(registered)s (quota %(quota)s); assessed: %(assessed)s")
            % {
                "registered": number(row.registered),
                "quota": number(row.quota),
                "assessed": number(row.assessed),
            },
            _("Model standard (đạt): %(full)s; basically met: %(basic)s")
            % {"full": number(row.full), "basic": number(row.basic)},
        )
    )


def province_map(
    provinces: Sequence[ProvinceFigures], *, year: int, province_url: Callable[[str], str]
) -> SafeString:
    """The choropleth of the provinces' progress toward the ``year`` target, with attribution."""
    regions = [
        Region(
            code=row.province.code,
            bucket=progress_bucket(row.target_ratio),
            label=province_label(row, year),
            href=province_url(row.province.code),
        )
        for row in provinces
    ]
    return choropleth_figure(
        regions,
        title=_("Map of provinces: phường recognised against the minimum target of %(year)s")
        % {"year": year},
        legend_title=_("Recognised phường against\nthe minimum target of %(year)s")
        % {"year": year},
        id_prefix="province-map",
    )


def criteria_chart(criteria: Sequence[CriterionUnmet], *, id_prefix: str) -> SafeString:
    """Bars of the most often unmet criteria (mandatory ones in red)."""
    bars = [
        Bar(
            label=f"{row.code} · {row.title}",
            value=row.unmet,
            title=_("%(code)s — %(title)s: unmet in %(unmet)s of %(assessed)s units (%(percent)s)")
            % {
                "code": row.code,
                "title": row.title,
                "unmet": number(row.unmet),
                "assessed": number(row.assessed),
                "percent": percent(row.percent),
            },
            css_class="bar bar-mandatory" if row.mandatory else "bar",
        )
        for row in criteria
    ]
    return horizontal_bar_chart(
        bars, title=_("Most often unmet criteria (units)"), id_prefix=id_prefix
    )


def progress_chart(provinces: Sequence[ProvinceFigures], *, target: NationalTarget) -> SafeString:
    """Columns of each province's recognised share (%), highest first, with the target lines."""
    ordered = sorted(
        provinces,
        key=lambda row: (-(row.percent if row.percent is not None else -1), row.province.code),
    )
    columns = [
        Column(
            label=row.province.name,
            value=row.percent,
            title=_("%(name)s: %(percent)s of phường recognised (%(recognised)s of %(wards)s)")
            % {
                "name": row.province.name,
                "percent": percent(row.percent),
                "recognised": number(row.recognised),
                "wards": number(row.wards),
            },
            css_class=f"fill-{progress_bucket(row.target_ratio)}",
        )
        for row in ordered
    ]
    guides = []
    if target.minimum is not None:
        guides.append(
            Guide(
                target.minimum,
                _("minimum %(value)s") % {"value": percent(target.minimum, 0)},
                "target",
            )
        )
    if target.stretch is not None and target.stretch != target.minimum:
        guides.append(
            Guide(
                target.stretch,
                _("stretch %(value)s") % {"value": percent(target.stretch, 0)},
                "stretch",
            )
        )
    return column_chart(
        columns,
        title=_("Phường recognised by province (%%) against the target of %(year)s")
        % {"year": target.year},
        id_prefix="progress-chart",
        guides=guides,
        value_text=lambda value: percent(value, 0),
    )


def state_rows(figures: RoundFigures) -> list[tuple[str, str, int]]:
    """(state, its name, units) for every workflow state, in workflow order."""
    return [(state.value, str(state.label), figures.by_state[state.value]) for state in State]


def levels_bar(figures: RoundFigures, *, id_prefix: str) -> SafeString:
    """The registered units split by verdict: đạt, đạt cơ bản, chưa đạt, not assessed."""
    names = {
        "full": _("model standard (đạt)"),
        "basic": _("basically met (đạt cơ bản)"),
        "not_met": _("not met (chưa đạt)"),
        "none": _("not assessed yet"),
    }
    values = {
        "full": figures.full,
        "basic": figures.basic,
        "not_met": figures.not_met,
        "none": figures.not_assessed,
    }
    return stacked_bar(
        [
            Segment(value, f"seg-{level}", f"{names[level]}: {number(value)}")
            for level, value in values.items()
        ],
        title="; ".join(f"{names[level]}: {number(value)}" for level, value in values.items()),
        id_prefix=id_prefix,
    )


def target_meter(progress: TargetProgress) -> SafeString:
    """The share of phường recognised against one year's minimum and stretch targets."""
    marks = []
    if progress.minimum is not None:
        marks.append(Guide(progress.minimum, "", "target"))
    if progress.stretch is not None and progress.stretch != progress.minimum:
        marks.append(Guide(progress.stretch, "", "stretch"))
    reached = progress.minimum is not None and (progress.percent or 0) >= progress.minimum
    return meter(
        progress.percent,
        title=_(
            "%(percent)s of phường recognised; target %(year)s: minimum %(minimum)s, "
            "stretch %(stretch)s"
        )
        % {
            "percent": percent(progress.percent),
            "year": progress.year,
            "minimum": percent(progress.minimum, 0),
            "stretch": percent(progress.stretch, 0),
        },
        id_prefix=f"target-{progress.year}",
        marks=marks,
        css_class="meter-value" if reached else "meter-value meter-short",
    )
