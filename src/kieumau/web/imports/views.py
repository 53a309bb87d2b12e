"""Import from Excel ("Nhập từ Excel"): download a kind's template for the selected round and
the officer's province (filled with what is recorded), upload it back, read the summary.

The kinds offered are those whose import the user's role may make (``PERMISSION`` of each
kind); a user who may make none gets 403. Every check and change is the workbook import's:
a refused file or row is reported on the page and nothing is written.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Denied, has_permission
from kieumau.adminunits.models import AdminUnit
from kieumau.programme.models import Round
from kieumau.reports.selectors import home_provinces_for_user
from kieumau.web.imports.forms import WorkbookChoiceForm, WorkbookUploadForm
from kieumau.web.refusals import refusal_text
from kieumau.web.rounds import selected_round
from kieumau.workbooks.exports import xlsx_response
from kieumau.workbooks.imports import (
    WorkbookKind,
    workbook_file_name,
    workbook_import,
    workbook_template,
)
from kieumau.workbooks.kinds import kind_module

NOT_ALLOWED = gettext_lazy("Imports from Excel are for the province police.")
DESCRIPTIONS = {
    WorkbookKind.REGISTRATIONS: gettext_lazy(
        "The province's phường registered in the round: mark a row Có to register it, Không "
        "to withdraw it."
    ),
    WorkbookKind.SELF_ASSESSMENT: gettext_lazy(
        "Self-assessment values of many units at once: one row per unit, one column per criterion."
    ),
    WorkbookKind.RESOURCES: gettext_lazy(
        "Staffing, headquarters, funding and equipment of the registered phường."
    ),
    WorkbookKind.DOCUMENTS: gettext_lazy(
        "Resolutions, directives, programmes, plans and schemes issued in the province."
    ),
}


def _kinds_for(user: User) -> list[WorkbookKind]:
    """The kinds the user's role may import; 403 when there is none."""
    kinds = [kind for kind in WorkbookKind if has_permission(user, kind_module(kind).PERMISSION)]
    if not kinds:
        raise PermissionDenied(NOT_ALLOWED)
    return kinds


def _provinces_for(user: User, round: Round | None) -> list[AdminUnit]:
    return home_provinces_for_user(user, round) if round is not None else []


def _initial(kinds: list[WorkbookKind], provinces: list[AdminUnit], data) -> dict:
    """The kind and province asked for in the query, else the first of each."""
    kind = data.get("kind") if data.get("kind") in kinds else kinds[0].value
    codes = [province.code for province in provinces]
    province = data.get("province") if data.get("province") in codes else (codes or [""])[0]
    return {"kind": kind, "province": province}


@login_required
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    """The page: kinds with their templates, the upload form; POST imports and sums up."""
    kinds = _kinds_for(request.user)
    round = selected_round(request)
    provinces = _provinces_for(request.user, round)
    initial = _initial(kinds, provinces, request.GET)
    form = WorkbookUploadForm(
        request.POST or None,
        request.FILES or None,
        kinds=kinds,
        provinces=provinces,
        initial=initial,
    )
    if request.method == "POST" and round is not None and form.is_valid():
        kind, province = form.chosen()
        try:
            outcome = workbook_import(
                actor=request.user,
                kind=kind,
                file=form.cleaned_data["file"],
                round=round,
                province=province,
                dry_run=form.cleaned_data["dry_run"],
            )
        except (Denied, ValidationError) as refusal:
            form.add_error("file", refusal_text(refusal))
        else:
            return render(request, "web/imports/summary.html", {"outcome": outcome})
    chosen = form["kind"].value() or initial["kind"]
    context = {
        "round": round,
        "form": form,
        "provinces": provinces,
        "kinds": [
            {
                "kind": kind,
                "description": DESCRIPTIONS[kind],
                "chosen": kind.value == chosen,
            }
            for kind in kinds
        ],
    }
    return render(request, "web/imports/import.html", context)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The chosen kind's template for the province, filled with what is recorded now."""
    kinds = _kinds_for(request.user)
    round = selected_round(request)
    provinces = _provinces_for(request.user, round)
    form = WorkbookChoiceForm(request.GET, kinds=kinds, provinces=provinces)
    if round is None or not form.is_valid():
        raise Http404(_("There is no such workbook for your province in this round."))
    kind, province = form.chosen()
    try:
        data = workbook_template(actor=request.user, kind=kind, round=round, province=province)
    except ValidationError:
        raise Http404(_("There is no such workbook for your province in this round.")) from None
    return xlsx_response(data, workbook_file_name(kind=kind, round=round, province=province))
