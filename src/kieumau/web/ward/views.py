"""The ward officer's own assessment: values, notes, evidence files and submission.

Without JavaScript the page is one form ("Lưu") plus a small form per evidence action, each a
plain POST followed by a redirect. With htmx each criterion is saved when it changes and only
its status, the running count and the assessment version on the page are swapped.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from kieumau.accounts.scopes import Permission
from kieumau.assessments.models import Assessment, CriterionResult, Evidence, State
from kieumau.assessments.selectors import (
    assessment_sheet,
    evidence_for_user,
    recognition_of,
    workflow_history,
)
from kieumau.assessments.services import (
    assessment_submit,
    evidence_add,
    evidence_remove,
    results_set_self_values,
    self_values_errors,
)
from kieumau.assessments.services.common import CONFLICT, Conflict
from kieumau.assessments.workflow import EDITABLE
from kieumau.web.access import assessment_or_404, permission_required, result_or_404
from kieumau.web.ward.common import last_return, own_assessment, page_url, posted_version
from kieumau.web.ward.forms import CriterionForm, criterion_forms

PAGE = "web:ward-assessment"


@permission_required(Permission.ASSESS)
@require_GET
def ward_assessment(request: HttpRequest) -> HttpResponse:
    """The selected round's assessment of the officer's unit, editable while with the ward."""
    own = own_assessment(request)
    if own.assessment is None:
        return render(request, "web/ward/not_registered.html", {"round": own.round})
    return _page(request, own.assessment, units=own.units)


@permission_required(Permission.ASSESS)
@require_POST
def ward_assessment_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save every criterion of the form at once (all or none); errors keep what was typed."""
    assessment = assessment_or_404(request, pk)
    sheet = assessment_sheet(assessment)
    forms = criterion_forms([line.result for line in sheet.lines], request.POST)
    version = posted_version(request)
    error = None
    if all([form.is_valid() for form in forms.values()]):  # every form, for every message
        try:
            results_set_self_values(
                actor=request.user,
                assessment=assessment,
                values={code: form.entry for code, form in forms.items()},
                version=_version_or_conflict(version),
            )
        except ValidationError as refusal:
            error = _errors_attach(refusal, forms) or _(
                "Nothing was saved: please correct the criteria marked below."
            )
        else:
            messages.success(request, _("The self-assessment has been saved."))
            if request.POST.get("next") == "submit":
                target = reverse("web:ward-assessment-submit", args=[assessment.pk])
                if request.htmx:
                    return HttpResponseClientRedirect(target)
                return redirect(target)
            return redirect(page_url(request, PAGE, assessment))
    else:
        # Also say what the service would refuse among the values that could be read.
        readable = {code: form.entry for code, form in forms.items() if form.is_valid()}
        if refusals := self_values_errors(assessment=assessment, values=readable):
            _errors_attach(ValidationError(refusals), forms)
        error = _("Nothing was saved: please correct the criteria marked below.")
    return _page(request, assessment, sheet=sheet, forms=forms, error=error, version=version)


@permission_required(Permission.ASSESS)
@require_POST
def ward_criterion_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one criterion (htmx, on change): answers its status, the count and the version."""
    result = result_or_404(request, pk)
    assessment = result.assessment
    form = CriterionForm(request.POST, result=result)
    version = posted_version(request)
    error = None
    if form.is_valid():
        try:
            assessment = results_set_self_values(
                actor=request.user,
                assessment=assessment,
                values={result.criterion.code: form.entry},
                version=_version_or_conflict(version),
            )
        except ValidationError as refusal:
            error = _errors_attach(refusal, {result.criterion.code: form})
    saved = not form.errors and error is None
    if not request.htmx:
        if saved:
            messages.success(request, _("The self-assessment has been saved."))
            return redirect(page_url(request, PAGE, assessment, anchor=f"criterion-{result.pk}"))
        forms = {result.criterion.code: form}
        return _page(request, assessment, forms=forms, error=error, version=version)
    sheet = assessment_sheet(assessment)
    line = sheet.line(result.pk)
    return render(
        request,
        "web/ward/partials/criterion_saved.html",
        {
            "sheet": sheet,
            "line": line,
            "form": CriterionForm(result=line.result) if saved else form,
            "row_error": error,
            "saved": saved,
            "version": assessment.version if saved else version,
        },
    )


@permission_required(Permission.ASSESS)
@require_POST
def ward_evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the chosen files to a criterion; each is checked and stored on its own."""
    result = result_or_404(request, pk)
    version = posted_version(request)
    uploads = request.FILES.getlist("files")
    added, errors = [], []
    if not uploads:
        errors.append(_("Choose one or more files to upload."))
    for upload in uploads:
        try:
            evidence = evidence_add(
                actor=request.user,
                result=result,
                upload=upload,
                version=_version_or_conflict(version),
            )
        except Conflict as conflict:
            errors.extend(conflict.messages)
            break
        except ValidationError as refusal:
            errors.extend(f"«{upload.name}»: {message}" for message in refusal.messages)
        else:
            added.append(evidence.original_name)
            version = evidence.result.assessment.version
    notice = _("Uploaded: %(names)s.") % {"names": ", ".join(added)} if added else ""
    return _evidence_answer(request, result, version, notice=notice, errors=errors)


@permission_required(Permission.ASSESS)
@require_POST
def ward_evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove one evidence file while the assessment is with the ward."""
    try:
        evidence = evidence_for_user(request.user, pk)
    except Evidence.DoesNotExist:
        raise Http404(_("No such evidence file.")) from None
    result = result_or_404(request, evidence.result_id)
    version = posted_version(request)
    errors, notice = [], ""
    try:
        evidence_remove(
            actor=request.user, evidence=evidence, version=_version_or_conflict(version)
        )
    except ValidationError as refusal:
        errors = refusal.messages
    else:
        version += 1
        notice = _("Removed: %(name)s.") % {"name": evidence.original_name}
    return _evidence_answer(request, result, version, notice=notice, errors=errors)


@permission_required(Permission.SUBMIT)
@require_http_methods(["GET", "POST"])
def ward_assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then send the assessment to the province police for review."""
    assessment = assessment_or_404(request, pk)
    page = page_url(request, PAGE, assessment)
    if assessment.state not in EDITABLE:
        messages.info(request, _("This assessment is no longer with the ward."))
        return redirect(page)
    if request.method == "POST":
        try:
            assessment_submit(
                actor=request.user,
                assessment=assessment,
                version=_version_or_conflict(posted_version(request)),
            )
        except ValidationError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
            return redirect(page)
        messages.success(
            request, _("The assessment has been sent to the province police for review.")
        )
        return redirect(page)
    sheet = assessment_sheet(assessment)
    return render(
        request,
        "web/ward/submit_confirm.html",
        {
            "assessment": assessment,
            "sheet": sheet,
            "missing": [line for line in sheet.lines if line.result.effective_value is None],
            "without_evidence": [line for line in sheet.lines if not line.evidence],
            "page_url": page,
        },
    )


# ---- helpers ---------------------------------------------------------------------------------


def _page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    sheet=None,
    forms: dict[str, CriterionForm] | None = None,
    error: str | None = None,
    version: int | None = None,
    units: list[Assessment] | None = None,
) -> HttpResponse:
    sheet = sheet or assessment_sheet(assessment)
    editable = assessment.state in EDITABLE
    forms = forms or {}
    groups = [
        (
            group.group,
            [
                (line, forms.get(line.criterion.code) or CriterionForm(result=line.result))
                for line in group.lines
            ],
        )
        for group in sheet.groups
    ]
    history = list(workflow_history(assessment))
    return render(
        request,
        "web/ward/assessment.html",
        {
            "assessment": assessment,
            "sheet": sheet,
            "groups": groups,
            "editable": editable,
            "error": error,
            "invalid": [
                line for line in sheet.lines if _has_errors(forms.get(line.criterion.code))
            ],
            "version": assessment.version if version is None else version,
            "history": history,
            "returned": last_return(assessment, history),
            "recognition": recognition_of(assessment)
            if assessment.state == State.RECOGNISED
            else None,
            "units": units or [],
        },
    )


def _evidence_answer(
    request: HttpRequest, result: CriterionResult, version: int | None, *, notice, errors
) -> HttpResponse:
    """The criterion's evidence block (htmx) or, without JS, the page with a message."""
    if not request.htmx:
        if notice:
            messages.success(request, notice)
        for error in errors:
            messages.error(request, error)
        anchor = f"criterion-{result.pk}"
        return redirect(page_url(request, PAGE, result.assessment, anchor=anchor))
    sheet = assessment_sheet(result.assessment)
    return render(
        request,
        "web/ward/partials/evidence_saved.html",
        {
            "line": sheet.line(result.pk),
            "version": version,
            "notice": notice,
            "evidence_errors": errors,
        },
    )


def _version_or_conflict(version: int | None) -> int:
    """The version the page holds; a page without one is treated as out of date."""
    if version is None:
        raise Conflict(CONFLICT)
    return version


def _has_errors(form: CriterionForm | None) -> bool:
    return form is not None and form.is_bound and bool(form.errors)


def _errors_attach(refusal: ValidationError, forms: dict[str, CriterionForm]) -> str | None:
    """Put each criterion's refusal next to its value; return what concerns the whole page."""
    if not hasattr(refusal, "error_dict"):
        return " ".join(refusal.messages)
    for code, messages_ in refusal.message_dict.items():
        if code in forms:
            forms[code].add_error("value", messages_)
    return None
