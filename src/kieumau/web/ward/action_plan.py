"""The action plan (kế hoạch khắc phục) of the unit's unmet criteria."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kieumau.accounts.scopes import Permission
from kieumau.assessments.models import ActionItem, Assessment
from kieumau.assessments.selectors import action_item_for_user, action_plan
from kieumau.assessments.services import action_item_add, action_item_remove, action_item_update
from kieumau.web.access import permission_required, result_or_404
from kieumau.web.ward.common import own_assessment, page_url, posted_version
from kieumau.web.ward.exports import action_plan_table
from kieumau.web.ward.forms import ActionItemForm, ActionStatusForm, money_initial
from kieumau.workbooks.exports import export_requested, export_url, table_xlsx, xlsx_response

PAGE = "web:ward-actions"

Bound = dict[tuple[str, int], ActionItemForm]


@permission_required(Permission.ASSESS)
@require_GET
def ward_actions(request: HttpRequest) -> HttpResponse:
    """Each unmet criterion with its planned actions and a form to add one."""
    own = own_assessment(request)
    if own.assessment is None:
        return render(request, "web/ward/not_registered.html", {"round": own.round})
    if export_requested(request):
        table = action_plan_table(own.assessment, action_plan(own.assessment))
        unit = own.assessment.registration.unit
        return xlsx_response(
            table_xlsx(table), f"kieumau-{own.round.year}-{unit.code}-action-plan.xlsx"
        )
    return _page(request, own.assessment, editing=_int(request.GET.get("edit")))


@permission_required(Permission.ASSESS)
@require_POST
def ward_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an action to the criterion result ``pk``; errors keep what was typed."""
    result = result_or_404(request, pk)
    form = ActionItemForm(request.POST, prefix=f"add-{pk}")
    if _saved(form, action_item_add, actor=request.user, result=result):
        messages.success(
            request, _("Action added to criterion %(code)s.") % {"code": result.criterion.code}
        )
        return redirect(page_url(request, PAGE, result.assessment, anchor=f"plan-{result.pk}"))
    return _page(request, result.assessment, bound={("add", result.pk): form})


@permission_required(Permission.ASSESS)
@require_POST
def ward_action_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Change every field of an action item; errors keep what was typed."""
    item = _item_or_404(request, pk)
    form = ActionItemForm(request.POST, prefix=f"item-{pk}")
    if _saved(form, action_item_update, actor=request.user, item=item):
        messages.success(request, _("The action has been updated."))
        return redirect(_item_url(request, item))
    return _page(request, item.result.assessment, bound={("edit", item.pk): form})


@permission_required(Permission.ASSESS)
@require_POST
def ward_action_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Change only the status of an action item (planned, in progress, done, cancelled)."""
    item = _item_or_404(request, pk)
    form = ActionStatusForm(request.POST, prefix=f"status-{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return redirect(_item_url(request, item))
    try:
        action_item_update(
            actor=request.user,
            item=item,
            action=item.action,
            owner=item.owner,
            due_date=item.due_date,
            budget_vnd=item.budget_vnd,
            status=form.cleaned_data["status"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The action's status has been updated."))
    return redirect(_item_url(request, item))


@permission_required(Permission.ASSESS)
@require_POST
def ward_action_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    try:
        action_item_remove(actor=request.user, item=item, version=posted_version(request) or 0)
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The action has been removed."))
    url = page_url(request, PAGE, item.result.assessment, anchor=f"plan-{item.result_id}")
    return redirect(url)


def _saved(form: ActionItemForm, service: Callable[..., ActionItem], **target) -> bool:
    """Whether ``service`` took the valid form's fields; a refusal is shown above the form."""
    if not form.is_valid():
        return False
    try:
        service(**target, **form.cleaned_data)
    except ValidationError as refusal:
        form.add_error(None, refusal.messages)
        return False
    return True


def _page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    bound: Bound | None = None,
    editing: int | None = None,
) -> HttpResponse:
    bound = bound or {}
    version = {"version": assessment.version}
    rows = []
    for line in action_plan(assessment):
        pk = line.result.pk
        add_form = bound.get(("add", pk)) or ActionItemForm(
            prefix=f"add-{pk}", initial={**version, "status": ActionItem.Status.PLANNED}
        )
        items = []
        for item in line.items:
            edit_form = bound.get(("edit", item.pk))
            if edit_form is None and item.pk == editing:
                edit_form = ActionItemForm(
                    prefix=f"item-{item.pk}", initial=_initial(item, version)
                )
            status_form = ActionStatusForm(
                prefix=f"status-{item.pk}", initial={**version, "status": item.status}
            )
            items.append({"item": item, "edit_form": edit_form, "status_form": status_form})
        rows.append({"line": line, "add_form": add_form, "items": items})
    shown = {form for row in rows for form in _forms_of(row)}
    # A refused form whose criterion left the plan (met meanwhile) still says why.
    stray = [
        error
        for form in bound.values()
        if form not in shown
        for error in form.errors.get("__all__", [])
    ]
    return render(
        request,
        "web/ward/actions.html",
        {
            "assessment": assessment,
            "rows": rows,
            "version": assessment.version,
            "stray": stray,
            "export_url": export_url(request),
        },
    )


def _forms_of(row: dict) -> list[ActionItemForm]:
    return [row["add_form"], *(entry["edit_form"] for entry in row["items"] if entry["edit_form"])]


def _initial(item: ActionItem, version: dict) -> dict:
    return {
        **version,
        "action": item.action,
        "owner": item.owner,
        "due_date": item.due_date,
        "budget_vnd": money_initial(item.budget_vnd),
        "status": item.status,
    }


def _item_or_404(request: HttpRequest, pk: int) -> ActionItem:
    try:
        return action_item_for_user(request.user, pk)
    except ActionItem.DoesNotExist:
        raise Http404(_("No such action.")) from None


def _item_url(request: HttpRequest, item: ActionItem) -> str:
    return page_url(request, PAGE, item.result.assessment, anchor=f"item-{item.pk}")


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None
