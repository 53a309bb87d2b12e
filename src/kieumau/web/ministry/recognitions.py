"""The ministry's recognition queue: province-approved units → decision number and date."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieumau.accounts.scopes import Denied, Permission
from kieumau.assessments.models import Assessment, State
from kieumau.assessments.selectors import (
    assessment_sheet,
    recognition_of,
    recognition_queue_for_user,
    recognitions_for_user,
    workflow_history,
)
from kieumau.assessments.services import assessment_recognise, assessment_return
from kieumau.programme.selectors import round_criteria_count, round_provinces
from kieumau.web.access import assessment_or_404, permission_required
from kieumau.web.ministry.exports import recognised_table, recognition_queue_table
from kieumau.web.ministry.forms import MinistryReturnForm, ProvinceFilterForm, RecogniseForm
from kieumau.web.refusals import refusal_text
from kieumau.web.rounds import selected_round
from kieumau.workbooks.exports import export_requested, export_url, table_xlsx, xlsx_response

PER_PAGE = 25
TABS = ("queue", "recognised")


@permission_required(Permission.RECOGNISE)
@require_GET
def ministry_recognitions(request: HttpRequest) -> HttpResponse:
    """Awaiting recognition, or already recognised (tab ``show``), optionally of one province."""
    round_ = selected_round(request)
    context: dict = {"round": round_}
    if round_ is not None:
        form = ProvinceFilterForm(request.GET, provinces=round_provinces(round_))
        province = form.chosen_province()
        show = request.GET.get("show") if request.GET.get("show") in TABS else "queue"
        queue = recognition_queue_for_user(request.user, round_, province=province)
        recognised = recognitions_for_user(request.user, round_, province=province)
        rows = queue if show == "queue" else recognised
        if export_requested(request):
            build = recognition_queue_table if show == "queue" else recognised_table
            table = build(round_, province, rows, round_criteria_count(round_))
            code = province.code if province is not None else "all"
            return xlsx_response(
                table_xlsx(table), f"kieumau-{round_.year}-{code}-recognition-{show}.xlsx"
            )
        context |= {
            "form": form,
            "province": province,
            "show": show,
            "queue_count": queue.count(),
            "recognised_count": recognised.count(),
            "criteria_total": round_criteria_count(round_),
            "page_obj": Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
            "export_url": export_url(request),
        }
    return render(request, "web/ministry/recognitions.html", context)


@permission_required(Permission.RECOGNISE)
@require_http_methods(["GET", "POST"])
def ministry_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessment's summary and the decision form; POST recognises the unit."""
    assessment = assessment_or_404(request, pk)
    form = RecogniseForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            assessment_recognise(actor=request.user, assessment=assessment, **form.cleaned_data)
        except (Denied, ValidationError) as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            messages.success(
                request,
                _("%(unit)s is recognised as a model unit by decision %(number)s.")
                % {
                    "unit": assessment.registration.unit.full_name,
                    "number": form.cleaned_data["decision_number"].strip(),
                },
            )
            return redirect("web:ministry-recognitions")
    return _page(request, assessment, recognise_form=form)


@permission_required(Permission.RECOGNISE)
@require_POST
def ministry_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a province-approved assessment back to the ward, saying why."""
    assessment = assessment_or_404(request, pk)
    form = MinistryReturnForm(request.POST, auto_id="return_%s")
    if form.is_valid():
        try:
            assessment_return(actor=request.user, assessment=assessment, **form.cleaned_data)
        except (Denied, ValidationError) as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            messages.success(
                request,
                _("%(unit)s is returned to the ward for changes.")
                % {"unit": assessment.registration.unit.full_name},
            )
            return redirect("web:ministry-recognitions")
    else:
        messages.error(request, _("Please correct the fields marked below."))
    return _page(request, assessment, return_form=form)


def _page(request: HttpRequest, assessment: Assessment, **forms) -> HttpResponse:
    version = {"version": assessment.version}
    context = {
        "assessment": assessment,
        "sheet": assessment_sheet(assessment),
        "history": workflow_history(assessment),
        "recognition": recognition_of(assessment),
        "awaiting": assessment.state == State.PROVINCE_APPROVED,
        "recognise_form": forms.get("recognise_form") or RecogniseForm(initial=version),
        "return_form": forms.get("return_form")
        or MinistryReturnForm(initial=version, auto_id="return_%s"),
    }
    return render(request, "web/ministry/recognise.html", context)
