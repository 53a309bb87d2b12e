"""One assessment, read-only, for anyone whose scope holds it: the page dashboards link to."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kieumau.accounts.scopes import Permission, has_permission
from kieumau.assessments.selectors import (
    assessment_sheet,
    recognition_of,
    workflow_history,
)
from kieumau.assessments.workflow import EDITABLE
from kieumau.web.access import assessment_or_404, permission_required
from kieumau.web.ward.common import last_return


@permission_required(Permission.VIEW)
@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Results per criterion, evidence, workflow history and recognition; 404 out of scope."""
    assessment = assessment_or_404(request, pk)
    history = list(workflow_history(assessment))
    return render(
        request,
        "web/assessment/detail.html",
        {
            "assessment": assessment,
            "sheet": assessment_sheet(assessment),
            "history": history,
            "returned": last_return(assessment, history),
            "recognition": recognition_of(assessment),
            # The unit's own officer gets a link to the page where it is edited.
            "editable_by_user": assessment.state in EDITABLE
            and has_permission(request.user, Permission.ASSESS),
        },
    )
