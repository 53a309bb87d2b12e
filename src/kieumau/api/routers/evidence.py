"""API: evidence files of criterion results (minh chứng), included by the assessments router.

Listing and downloading follow the user's scope (404 outside it); adding and removing are the
ward's, while its assessment is a draft or returned. The type of an upload is read from its
bytes: an executable renamed .pdf is refused and nothing is stored.
"""

from datetime import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kieumau.accounts.scopes import Permission, require
from kieumau.api.schemas import MAX_ID, Pagination, responses
from kieumau.assessments import selectors, services
from kieumau.assessments.models import CriterionResult, Evidence
from kieumau.core.files import scoped_file_response

router = Router(tags=["evidence"])

ID = Path(..., ge=1, le=MAX_ID)
VERSION_HELP = "The assessment's version you read; omitted: whatever it is now"
UPLOAD = File(..., description="The file; its type is read from its bytes")
VERSION_FORM = Form(None, ge=1, le=2**31 - 1, description=VERSION_HELP)

# A download is the file itself, of the type found in its bytes when it was uploaded.
FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The file, as an attachment under its original name",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class EvidenceOut(Schema):
    id: int
    result: int = Field(validation_alias="result_id")
    name: str = Field(validation_alias="original_name")
    content_type: str
    size: int
    sha256: str
    uploaded_by: str = Field(validation_alias="uploaded_by.username")
    uploaded_at: datetime
    download: str = Field(description="Path of the file (GET, with your key)")

    @staticmethod
    def resolve_download(evidence) -> str:
        return reverse("api:evidence_file", kwargs={"evidence_id": evidence.pk})


class VersionQuery(Schema):
    version: int | None = Field(None, ge=1, le=2**31 - 1, description=VERSION_HELP)


def _result_or_404(user, result_id: int) -> CriterionResult:
    try:
        return selectors.result_for_user(user, result_id)
    except CriterionResult.DoesNotExist:
        raise Http404 from None


def _evidence_or_404(user, evidence_id: int) -> Evidence:
    try:
        return selectors.evidence_for_user(user, evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None


@router.get(
    "/results/{result_id}/evidence",
    response=responses(list[EvidenceOut]),
    summary="Evidence files of a criterion result, oldest first",
)
@paginate(Pagination)
def evidence_list(request, result_id: int = ID):
    result = _result_or_404(request.user, result_id)
    return result.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk")


@router.post(
    "/results/{result_id}/evidence",
    response=responses(EvidenceOut, 201),
    summary="Attach a file (PDF, office document or image) to a criterion (ward officers)",
)
def evidence_upload(
    request,
    file: UploadedFile = UPLOAD,
    result_id: int = ID,
    version: int | None = VERSION_FORM,
):
    require(request.user, Permission.ASSESS)
    result = _result_or_404(request.user, result_id)
    evidence = services.evidence_add(
        actor=request.user, result=result, upload=file, version=version
    )
    return Status(201, _evidence_or_404(request.user, evidence.pk))


@router.get(
    "/evidence/{evidence_id}",
    response=responses(EvidenceOut),
    summary="One evidence file's record",
)
def evidence_detail(request, evidence_id: int = ID):
    evidence = _evidence_or_404(request.user, evidence_id)
    return Evidence.objects.select_related("uploaded_by").get(pk=evidence.pk)


@router.get(
    "/evidence/{evidence_id}/file",
    response=responses(None),
    url_name="evidence_file",
    summary="Download an evidence file",
    openapi_extra=FILE_RESPONSE,
)
def evidence_file(request, evidence_id: int = ID):
    evidence = _evidence_or_404(request.user, evidence_id)
    try:
        handle = services.evidence_open(actor=request.user, evidence=evidence)
    except FileNotFoundError:
        raise Http404 from None
    return scoped_file_response(
        handle, filename=evidence.original_name, content_type=evidence.content_type
    )


@router.delete(
    "/evidence/{evidence_id}",
    response=responses(None, 204),
    summary="Remove an evidence file (ward officers, while the assessment is with the ward)",
)
def evidence_delete(request, evidence_id: int = ID, query: Query[VersionQuery] = None):
    require(request.user, Permission.ASSESS)
    evidence = _evidence_or_404(request.user, evidence_id)
    services.evidence_remove(actor=request.user, evidence=evidence, version=query.version)
    return Status(204, None)
