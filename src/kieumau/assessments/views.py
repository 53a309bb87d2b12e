from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from kieumau.assessments.models import Evidence
from kieumau.assessments.selectors import evidence_for_user
from kieumau.assessments.services import evidence_open


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file as an attachment under its original name; 404 outside the scope."""
    try:
        evidence = evidence_for_user(request.user, pk)
    except Evidence.DoesNotExist:
        raise Http404("Không tìm thấy tệp minh chứng.") from None
    response = FileResponse(
        evidence_open(actor=request.user, evidence=evidence),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Scoped files: no shared cache may keep a copy for another user.
    patch_cache_control(response, private=True, no_store=True)
    return response
