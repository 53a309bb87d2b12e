"""The unit's resources (nguồn lực): staffing, headquarters, funding and equipment."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kieumau.accounts.scopes import Permission
from kieumau.context.models import Resources
from kieumau.context.selectors import resources_for_user
from kieumau.context.services import resources_set
from kieumau.web.access import permission_required
from kieumau.web.refusals import refusal_to_form
from kieumau.web.ward.common import own_assessment, page_url
from kieumau.web.ward.forms import ResourcesForm


@permission_required(Permission.ASSESS)
@require_http_methods(["GET", "POST"])
def ward_resources(request: HttpRequest) -> HttpResponse:
    """What the unit has recorded, and the form to record or correct it."""
    own = own_assessment(request)
    if own.assessment is None:
        return render(request, "web/ward/not_registered.html", {"round": own.round})
    registration = own.assessment.registration
    resources = resources_for_user(request.user, own.round).filter(registration=registration)
    resources = resources.first()
    if request.method == "POST":
        form = ResourcesForm(request.POST)
        if form.is_valid():
            try:
                resources_set(actor=request.user, registration=registration, **form.cleaned_data)
            except ValidationError as refusal:
                refusal_to_form(form, refusal)
            else:
                messages.success(request, _("The unit's resources have been saved."))
                return redirect(page_url(request, "web:ward-resources", own.assessment))
    else:
        form = ResourcesForm(initial=ResourcesForm.initial_from(resources))
    return render(
        request,
        "web/ward/resources.html",
        {
            "assessment": own.assessment,
            "resources": resources,
            "shares": _shares(resources),
            "form": form,
        },
    )


def _shares(resources: Resources | None) -> dict[str, Decimal | None]:
    """Percentages the page shows beside the figures; None where the base is zero."""
    if resources is None:
        return {}

    def share(part: int, whole: int) -> Decimal | None:
        return Decimal(part * 100) / whole if whole else None

    return {
        "staffing": share(resources.staff_actual, resources.staff_norm),
        "under_35": share(resources.staff_under_35, resources.staff_actual),
        "with_degree": share(resources.staff_with_degree, resources.staff_actual),
        "disbursed": share(resources.funding_disbursed_vnd, resources.funding_planned_vnd),
    }
