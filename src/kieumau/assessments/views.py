from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from kieumau.assessments.models import Evidence
from kieumau.assessments.selectors import evidence_for_user
from kieumau.assessments.services import evidence_open
from kieumau.core.files import scoped_file_response


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file as an attachment under its original name; 404 outside the scope."""
    try:
        evidence = evidence_for_user(request.user, pk)
    except Evidence.DoesNotExist:
        raise Http404 from None
    return scoped_file_response(
        evidence_open(actor=request.user, evidence=evidence),
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
