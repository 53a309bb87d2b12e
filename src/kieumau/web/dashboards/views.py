"""The national and province dashboards: figures, the map of provinces and the charts.

Who sees what is decided in ``reports.selectors``: the ministry and national leaders read the
national dashboard and any province's; a province officer (or a leader attached to a province)
is sent to their own province's; ward officers get 403; another province's page is a 404.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kieumau.accounts.scopes import Permission
from kieumau.adminunits.models import AdminUnit
from kieumau.core.aggregates import aggregates_cached
from kieumau.programme.models import Round
from kieumau.reports import analytics, dashboards
from kieumau.reports.graphics.geometry import BoundaryMismatch
from kieumau.reports.selectors import (
    DashboardScope,
    dashboard_scope,
    home_provinces_for_user,
    province_assessments_for_user,
    province_for_user,
)
from kieumau.reports.tables import COLUMNS, provinces_table
from kieumau.web.access import permission_required
from kieumau.web.dashboards import exports
from kieumau.web.dashboards.forms import ProvinceTableForm, UnitFilterForm
from kieumau.web.rounds import selected_round
from kieumau.workbooks.exports import export_requested, export_url, table_xlsx, xlsx_response

UNITS_PER_PAGE = 25


def _scope_or_403(request: HttpRequest) -> DashboardScope:
    scope = dashboard_scope(request.user)
    if scope is None:
        raise PermissionDenied(_("Dashboards are for province and ministry officers and leaders."))
    return scope


def _province_url(code: str) -> str:
    return reverse("web:province-dashboard-of", args=[code])


@permission_required(Permission.VIEW)
def national_dashboard(request: HttpRequest) -> HttpResponse:
    if _scope_or_403(request) == DashboardScope.PROVINCE:
        return redirect("web:province-dashboard")
    round = selected_round(request)
    if round is None:
        return render(request, "web/dashboards/national.html", {"round": None})
    national = aggregates_cached("national-dashboard", (round.pk,), lambda: _national(round))
    dashboard = national.dashboard
    form = ProvinceTableForm(request.GET)
    query, track, sort = form.values()
    rows = provinces_table(dashboard.provinces, query=query, track=track, sort=sort)
    if export_requested(request):
        data = table_xlsx(exports.provinces_table(round, rows))
        return xlsx_response(data, f"kieumau-{round.year}-provinces.xlsx")
    context = {
        "round": round,
        "dashboard": dashboard,
        "states": national.states,
        "levels_bar": national.levels_bar,
        "form": form,
        "rows": rows,
        "columns": _sort_headers(request, sort),
        "sort": sort,
        "export_url": export_url(request),
    }
    if request.htmx and request.htmx.target == "province-table":
        return render(request, "web/dashboards/partials/province_table.html", context)
    context.update(
        map=national.map,
        map_error=national.map_error,
        criteria_chart=national.criteria_chart,
        progress_chart=national.progress_chart,
    )
    return render(request, "web/dashboards/national.html", context)


@dataclass(frozen=True)
class _National:
    """The national dashboard's figures and pictures: kept until the data changes."""

    dashboard: dashboards.NationalDashboard
    states: list
    levels_bar: str
    map: str
    map_error: str
    criteria_chart: str
    progress_chart: str


def _national(round: Round) -> _National:
    dashboard = dashboards.national_dashboard(round)
    try:
        map_svg, map_error = (
            dashboards.province_map(
                dashboard.provinces, year=dashboard.target.year, province_url=_province_url
            ),
            "",
        )
    except BoundaryMismatch as mismatch:
        map_svg, map_error = "", str(mismatch)
    return _National(
        dashboard=dashboard,
        states=dashboards.state_rows(dashboard.figures),
        levels_bar=dashboards.levels_bar(dashboard.figures, id_prefix="levels-bar"),
        map=map_svg,
        map_error=map_error,
        criteria_chart=dashboards.criteria_chart(dashboard.criteria, id_prefix="criteria-chart"),
        progress_chart=dashboards.progress_chart(dashboard.provinces, target=dashboard.target),
    )


@dataclass(frozen=True)
class SortHeader:
    key: str
    label: str
    numeric: bool
    url: str
    aria_sort: str  # "ascending", "descending" or "" (not the sorted column)


def _sort_headers(request: HttpRequest, sort: str) -> list[SortHeader]:
    """Each column's header: the link sorting by it (again: the other way) and its aria-sort."""
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    headers = []
    for column in COLUMNS:
        if column.key == current:
            aria = "descending" if descending else "ascending"
            target = column.key if descending else f"-{column.key}"
        else:
            aria = ""
            target = f"-{column.key}" if column.numeric else column.key  # big numbers first
        query = request.GET.copy()
        query["sort"] = target
        query.pop("page", None)
        headers.append(
            SortHeader(column.key, str(column.label), column.numeric, f"?{query.urlencode()}", aria)
        )
    return headers


@permission_required(Permission.VIEW)
def province_dashboard(request: HttpRequest) -> HttpResponse:
    """The user's own province (the first of them on an older map)."""
    if _scope_or_403(request) == DashboardScope.NATIONAL:
        return redirect("web:national-dashboard")
    round = selected_round(request)
    if round is None:
        return render(request, "web/dashboards/province.html", {"round": None})
    provinces = home_provinces_for_user(request.user, round)
    if not provinces:
        return render(
            request, "web/dashboards/province.html", {"round": round, "no_province": True}
        )
    return _province_page(request, round, provinces[0], provinces)


@permission_required(Permission.VIEW)
def province_dashboard_of(request: HttpRequest, code: str) -> HttpResponse:
    """Any province for the ministry and national leaders; a province officer's own only."""
    scope = _scope_or_403(request)
    round = selected_round(request)
    if round is None:
        return render(request, "web/dashboards/province.html", {"round": None})
    try:
        province = province_for_user(request.user, round, code)
    except AdminUnit.DoesNotExist:
        raise Http404(_("There is no such province on this round's map.")) from None
    if scope == DashboardScope.PROVINCE:
        return _province_page(
            request, round, province, home_provinces_for_user(request.user, round)
        )
    return _province_page(request, round, province, [], national=True)


def _province_page(
    request: HttpRequest,
    round: Round,
    province: AdminUnit,
    siblings: list[AdminUnit],
    *,
    national: bool = False,
) -> HttpResponse:
    form = UnitFilterForm(request.GET)
    state = form.state_value()
    units = province_assessments_for_user(request.user, round, province, state=state)
    if export_requested(request):
        table = exports.units_table(round, province, units, analytics.criteria_total(round))
        return xlsx_response(table_xlsx(table), f"kieumau-{round.year}-{province.code}-units.xlsx")
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "round": round,
        "province": province,
        "siblings": siblings if len(siblings) > 1 else [],
        "national": national,
        "form": form,
        "page_obj": page,
        "state": state,
        "criteria_total": analytics.criteria_total(round),
        "export_url": export_url(request),
    }
    if request.htmx and request.htmx.target == "unit-list":
        return render(request, "web/dashboards/partials/unit_list.html", context)
    dashboard = dashboards.province_dashboard(round, province)
    context.update(
        dashboard=dashboard,
        states=dashboards.state_rows(dashboard.figures),
        levels_bar=dashboards.levels_bar(dashboard.figures, id_prefix="levels-bar"),
        targets=[
            {"progress": progress, "meter": dashboards.target_meter(progress)}
            for progress in dashboard.targets
        ],
        criteria_chart=dashboards.criteria_chart(dashboard.criteria, id_prefix="criteria-chart"),
    )
    return render(request, "web/dashboards/province.html", context)
