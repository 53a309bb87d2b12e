"""The province's registrations against its quota: search its phường, register, withdraw."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kieumau.accounts.models import Role
from kieumau.accounts.scopes import Denied, Permission, has_permission
from kieumau.adminunits.models import AdminUnit
from kieumau.programme.models import Registration, Round
from kieumau.programme.selectors import (
    QuotaTotals,
    WardSearch,
    quotas_for_user,
    registrable_unit_for_user,
    registration_for_user,
    registrations_for_user,
    round_provinces,
    wards_search_for_user,
)
from kieumau.programme.services import registration_create, registration_withdraw
from kieumau.web.access import permission_required
from kieumau.web.province.exports import quotas_table, registrations_table
from kieumau.web.province.forms import RegisterForm, WardSearchForm
from kieumau.web.refusals import refusal_text
from kieumau.web.rounds import selected_round
from kieumau.workbooks.exports import export_requested, export_url, tables_xlsx, xlsx_response

PER_PAGE = 50
SEARCH_LIMIT = 20


@permission_required(Permission.VIEW)
@require_GET
def province_registrations(request: HttpRequest) -> HttpResponse:
    """The officer's province: quota, registered phường, and the search to add more.

    A ministry officer or a leader may read one province's page with ``?province=<code>``.
    """
    round_ = selected_round(request)
    can_register = has_permission(request.user, Permission.REGISTER)
    province = None if can_register else _read_only_province(request, round_)
    context = {"round": round_, "can_register": can_register, "province": province}
    if round_ is not None and not can_register:
        context["provinces"] = round_provinces(round_)
    if round_ is not None and (can_register or province is not None):
        quotas = list(quotas_for_user(request.user, round_))
        registrations = registrations_for_user(request.user, round_)
        if province is not None:
            quotas = [quota for quota in quotas if quota.province_id == province.pk]
            registrations = registrations.filter(unit__province=province)
        if export_requested(request):
            return _export(round_, province, quotas, registrations)
        search_form = WardSearchForm(request.GET)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        page = Paginator(registrations, PER_PAGE).get_page(request.GET.get("page"))
        totals = QuotaTotals(
            computed=sum(quota.computed for quota in quotas),
            effective=sum(quota.effective_quota for quota in quotas),
            registered=sum(quota.registered for quota in quotas),
            over=sum(quota.over for quota in quotas),
        )
        context |= {
            "quotas": quotas,
            "totals": totals,
            "remaining": max(totals.effective - totals.registered, 0),
            "page_obj": page,
            "show_parent": any(r.unit.parent_id != r.unit.province_id for r in page),
            "search_form": search_form,
            "search": _search(request, round_, query) if can_register else None,
            "open": round_.status == Round.Status.OPEN,
            "export_url": export_url(request),
        }
    return render(request, "web/province/registrations.html", context)


def _export(round_: Round, province: AdminUnit | None, quotas, registrations) -> HttpResponse:
    """Every registration the page lists (all its pages) and the quotas, as a workbook."""
    places = [province] if province is not None else [quota.province for quota in quotas]
    place = ", ".join(unit.full_name for unit in places) or _("Registrations")
    code = "-".join(unit.code for unit in places) or "all"
    data = tables_xlsx(
        [registrations_table(round_, place, registrations), quotas_table(round_, quotas)]
    )
    return xlsx_response(data, f"kieumau-{round_.year}-{code}-registrations.xlsx")


@permission_required(Permission.REGISTER)
@require_GET
def registration_search(request: HttpRequest) -> HttpResponse:
    """The search results alone, for search-as-you-type (htmx)."""
    round_ = selected_round(request)
    if round_ is None:
        raise Http404
    form = WardSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"round": round_, "search": _search(request, round_, query)}
    context["open"] = round_.status == Round.Status.OPEN
    return render(request, "web/province/partials/ward_search_results.html", context)


@permission_required(Permission.REGISTER)
@require_POST
def registration_add(request: HttpRequest) -> HttpResponse:
    """Register a phường of the province in the selected round (PRG back to the list)."""
    round_ = selected_round(request)
    form = RegisterForm(request.POST)
    if round_ is None or not form.is_valid():
        raise Http404
    try:
        unit = registrable_unit_for_user(request.user, round_, form.cleaned_data["unit"])
    except AdminUnit.DoesNotExist:
        raise Http404 from None
    try:
        registration_create(actor=request.user, round=round_, unit=unit)
    except (Denied, ValidationError) as refusal:
        messages.error(request, refusal_text(refusal))
    else:
        messages.success(
            request,
            _("%(unit)s is registered in %(round)s.") % {"unit": unit.full_name, "round": round_},
        )
    return redirect(_back(form.cleaned_data["q"]))


@permission_required(Permission.REGISTER)
@require_POST
def registration_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a registration whose assessment is still a draft (asked to confirm first)."""
    try:
        registration = registration_for_user(request.user, pk)
    except Registration.DoesNotExist:
        raise Http404 from None
    unit = registration.unit.full_name
    try:
        registration_withdraw(actor=request.user, registration=registration)
    except (Denied, ValidationError) as refusal:
        messages.error(request, refusal_text(refusal))
    else:
        messages.success(request, _("The registration of %(unit)s is withdrawn.") % {"unit": unit})
    return redirect("web:province-registrations")


def _search(request: HttpRequest, round_: Round, query: str) -> WardSearch:
    return wards_search_for_user(request.user, round_, query, limit=SEARCH_LIMIT)


def _read_only_province(request: HttpRequest, round_: Round | None) -> AdminUnit | None:
    """The province a ministry officer or leader asked for (None: not yet chosen); 403 for
    anyone else, 404 for a code that is not a province of the round's map."""
    if request.user.role not in (Role.MINISTRY, Role.VIEWER):
        raise PermissionDenied
    code = request.GET.get("province", "")
    if not code or round_ is None:
        return None
    province = round_provinces(round_).filter(code=code).first()
    if province is None:
        raise Http404
    return province


def _back(query: str) -> str:
    url = reverse("web:province-registrations")
    return f"{url}?{urlencode({'q': query})}" if query else url
