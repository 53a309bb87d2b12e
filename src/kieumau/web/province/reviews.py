"""The province's review queue and the per-criterion review of one assessment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieumau.accounts.scopes import Denied, Permission
from kieumau.assessments.models import State
from kieumau.assessments.selectors import (
    AssessmentSheet,
    assessment_sheet,
    assessment_state_counts_for_user,
    review_queue_for_user,
    workflow_history,
)
from kieumau.assessments.services import (
    ReviewValue,
    assessment_approve,
    assessment_reject,
    assessment_return,
    result_review,
    results_review,
)
from kieumau.assessments.workflow import REVIEWABLE
from kieumau.programme.selectors import round_criteria_count
from kieumau.web.access import assessment_or_404, permission_required, result_or_404
from kieumau.web.forms import VersionForm
from kieumau.web.province.exports import review_queue_table
from kieumau.web.province.forms import (
    ApproveForm,
    QueueFilterForm,
    RejectForm,
    ReturnForm,
    ReviewLineForm,
)
from kieumau.web.refusals import refusal_text
from kieumau.web.rounds import selected_round
from kieumau.workbooks.exports import export_requested, export_url, table_xlsx, xlsx_response

PER_PAGE = 25
# The page's hidden version inputs (save-all form and the three decisions), refreshed after
# an htmx save so the next write carries the new version.
VERSION_IDS = ("review_version", "return_version", "approve_version", "reject_version")


@permission_required(Permission.REVIEW)
@require_GET
def province_reviews(request: HttpRequest) -> HttpResponse:
    """Assessments the province's wards sent for review, filtered by state, paginated."""
    round_ = selected_round(request)
    context: dict = {"round": round_}
    if round_ is not None:
        form = QueueFilterForm(request.GET)
        queue = review_queue_for_user(request.user, round_, states=form.states())
        if export_requested(request):
            shown = dict(form.fields["state"].choices)[form.choice()]
            table = review_queue_table(round_, shown, queue, round_criteria_count(round_))
            return xlsx_response(table_xlsx(table), f"kieumau-{round_.year}-reviews.xlsx")
        counts = assessment_state_counts_for_user(request.user, round_)
        page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
        context |= {
            "form": form,
            "chosen": form.choice(),
            "counts": counts,
            "approved_count": counts[State.PROVINCE_APPROVED] + counts[State.RECOGNISED],
            "criteria_total": round_criteria_count(round_),
            "page_obj": page,
            "export_url": export_url(request),
            "show_parent": any(
                a.registration.unit.parent_id != a.registration.unit.province_id for a in page
            ),
        }
    return render(request, "web/province/reviews.html", context)


@permission_required(Permission.REVIEW)
@require_http_methods(["GET", "POST"])
def province_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One assessment, criterion by criterion; POST saves every criterion at once (no-JS)."""
    assessment = assessment_or_404(request, pk)
    sheet = assessment_sheet(assessment)
    if request.method != "POST":
        return _review_page(request, sheet)
    version = VersionForm(request.POST, auto_id="review_%s")
    lines = _line_forms(sheet, request.POST)
    if not version.is_valid() or not all(form.is_valid() for form in lines.values()):
        messages.error(request, _("Please correct the criteria marked below."))
        return _review_page(request, sheet, lines=lines, version_form=version)
    reviews = {
        code: ReviewValue(form.cleaned_data["value"], form.cleaned_data["comment"])
        for code, form in lines.items()
    }
    try:
        results_review(
            actor=request.user,
            assessment=assessment,
            reviews=reviews,
            version=version.cleaned_data["version"],
        )
    except Denied as refusal:
        messages.error(request, refusal_text(refusal))
    except ValidationError as refusal:
        if not hasattr(refusal, "error_dict"):
            # E.g. a conflict: the page as stored now, still holding what the reviewer typed.
            messages.error(request, refusal_text(refusal))
            fresh = assessment_sheet(assessment_or_404(request, pk))
            return _review_page(request, fresh, lines=lines, version_form=version)
        for code, errors in refusal.error_dict.items():
            for error in errors:
                lines[code].add_error("value", error)
        messages.error(request, _("Please correct the criteria marked below."))
        return _review_page(request, sheet, lines=lines, version_form=version)
    else:
        messages.success(request, _("The review of every criterion is saved."))
    return redirect("web:province-review", pk=pk)


@permission_required(Permission.REVIEW)
@require_POST
def province_review_result(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    """Save the review of one criterion. htmx: the criterion again, with the summary, version
    and decisions refreshed out of band; otherwise back to the page."""
    assessment = assessment_or_404(request, pk)
    result = result_or_404(request, result_pk)
    if result.assessment_id != assessment.pk:
        raise Http404
    form = ReviewLineForm(request.POST, result=result)
    version = VersionForm(request.POST)
    refusal = ""
    if form.is_valid() and version.is_valid():
        try:
            result_review(
                actor=request.user,
                result=result,
                value=form.cleaned_data["value"],
                comment=form.cleaned_data["comment"],
                version=version.cleaned_data["version"],
            )
        except (Denied, ValidationError) as error:
            refusal = refusal_text(error)
    elif not version.is_valid():
        refusal = _("The page is out of date: reload it.")
    saved = form.is_valid() and not refusal
    if not request.htmx:
        if saved:
            messages.success(
                request, _("Criterion %(code)s is saved.") % {"code": result.criterion.code}
            )
        else:
            messages.error(request, refusal or " ".join(_errors(form)))
        return redirect("web:province-review", pk=pk)
    assessment = assessment_or_404(request, pk)
    sheet = assessment_sheet(assessment)
    line = sheet.line(result.pk)
    if saved:
        form = ReviewLineForm(result=line.result)
    context = {
        "sheet": sheet,
        "line": line,
        "form": form,
        "saved": saved,
        "refusal": refusal,
        "oob": saved,
        "version_ids": VERSION_IDS,
    }
    return render(request, "web/province/partials/review_line_saved.html", context)


@permission_required(Permission.REVIEW)
@require_POST
def province_review_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, ReturnForm, "return_form", _return)


@permission_required(Permission.REVIEW)
@require_POST
def province_review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, ApproveForm, "approve_form", _approve)


@permission_required(Permission.REVIEW)
@require_POST
def province_review_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, RejectForm, "reject_form", _reject)


def _return(request, assessment, form) -> str:
    assessment_return(actor=request.user, assessment=assessment, **form.cleaned_data)
    return _("%(unit)s is returned to the ward for changes.")


def _approve(request, assessment, form) -> str:
    assessment_approve(actor=request.user, assessment=assessment, **form.cleaned_data)
    return _("%(unit)s is approved and passed to the Ministry for recognition.")


def _reject(request, assessment, form) -> str:
    assessment_reject(actor=request.user, assessment=assessment, **form.cleaned_data)
    return _("%(unit)s is rejected.")


def _decide(request: HttpRequest, pk: int, form_class, name: str, act) -> HttpResponse:
    """Validate the decision's form, call the service, PRG; refusals keep the typed comment."""
    assessment = assessment_or_404(request, pk)
    form = form_class(request.POST, auto_id=name.replace("_form", "_%s"))
    if form.is_valid():
        try:
            done = act(request, assessment, form)
        except (Denied, ValidationError) as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            unit = assessment.registration.unit.full_name
            messages.success(request, done % {"unit": unit})
            return redirect("web:province-reviews")
    else:
        messages.error(request, " ".join(_errors(form)))
    return _review_page(request, assessment_sheet(assessment), **{name: form})


def _line_forms(sheet: AssessmentSheet, data=None) -> dict[str, ReviewLineForm]:
    return {line.criterion.code: ReviewLineForm(data, result=line.result) for line in sheet.lines}


def _decision_context(sheet: AssessmentSheet, **forms) -> dict:
    version = {"version": sheet.assessment.version}
    return {
        "reviewable": sheet.assessment.state in REVIEWABLE,
        "version_form": forms.get("version_form")
        or VersionForm(initial=version, auto_id="review_%s"),
        "return_form": forms.get("return_form") or ReturnForm(initial=version, auto_id="return_%s"),
        "approve_form": forms.get("approve_form")
        or ApproveForm(initial=version, auto_id="approve_%s"),
        "reject_form": forms.get("reject_form") or RejectForm(initial=version, auto_id="reject_%s"),
    }


def _review_page(
    request: HttpRequest,
    sheet: AssessmentSheet,
    *,
    lines: dict[str, ReviewLineForm] | None = None,
    **forms,
) -> HttpResponse:
    lines = lines or _line_forms(sheet)
    context = {
        "sheet": sheet,
        "assessment": sheet.assessment,
        "groups": [
            (group.group, [(line, lines[line.criterion.code]) for line in group.lines])
            for group in sheet.groups
        ],
        "history": workflow_history(sheet.assessment),
        "submitted": sheet.assessment.state == State.SUBMITTED,
        **_decision_context(sheet, **forms),
    }
    return render(request, "web/province/review.html", context)


def _errors(form) -> list[str]:
    return [error for errors in form.errors.values() for error in errors]
