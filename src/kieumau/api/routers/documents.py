"""API: the provinces' directive documents (văn bản chỉ đạo), included by the context router.

Everyone reads the documents of the provinces in their scope, on one map at a time (the
round's, the one named, else the map of the user's unit or the newest). Province officers
record, change and delete their own province's; a file is optional, and its type is read
from its bytes.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kieumau.accounts.scopes import Permission, require_any
from kieumau.adminunits.models import AdminMap
from kieumau.api.routers.common import map_named
from kieumau.api.routers.evidence import FILE_RESPONSE
from kieumau.api.schemas import (
    CODE_PATTERN,
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    NO_NUL_PATTERN,
    Pagination,
    UnitRef,
    responses,
)
from kieumau.context import services
from kieumau.context.models import DirectiveDocument
from kieumau.context.selectors import directive_documents_for_user, document_provinces_for_user
from kieumau.core.files import scoped_file_response
from kieumau.programme.selectors import round_by_year

router = Router(tags=["documents"])

# Inline enums: the OpenAPI components already hold a "Kind" (of criteria).
DocumentIssuer = Literal[tuple(DirectiveDocument.Issuer.values)]
DocumentKind = Literal[tuple(DirectiveDocument.Kind.values)]

ID = Path(..., ge=1, le=MAX_ID)
UPLOAD = File(..., description="The document; its type is read from its bytes")
OPTIONAL_UPLOAD = File(None, description="The document's file (PDF, Word, …), optional")

NO_ROUND = _("There is no round of this year.")
NO_PROVINCE = _("There is no province with this code within your scope on that map.")
NUMBER = {"max_length": 50, "pattern": NO_NUL_PATTERN, "examples": ["15-NQ/TU"]}
TITLE = {"max_length": 500, "pattern": NO_NUL_PATTERN}


class DocumentFileOut(Schema):
    name: str
    content_type: str
    size: int
    sha256: str
    download: str = Field(description="Path of the file (GET, with your key)")


class DocumentOut(Schema):
    id: int
    map: str = Field(validation_alias="province.admin_map.code")
    province: UnitRef
    issuer: DocumentIssuer
    kind: DocumentKind
    number: str
    date: datetime.date
    title: str
    file: DocumentFileOut | None
    created_by: str = Field(validation_alias="created_by.username")

    @staticmethod
    def resolve_file(document) -> dict | None:
        if not document.file:
            return None
        return {
            "name": document.file_name,
            "content_type": document.file_content_type,
            "size": document.file_size or 0,
            "sha256": document.file_sha256,
            "download": reverse("api:document_file", kwargs={"document_id": document.pk}),
        }


class DocumentFilter(Schema):
    round: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="The round's map")
    map: str | None = Field(None, max_length=20, pattern=CODE_PATTERN, description="Map code")
    province: str | None = Field(None, max_length=5, pattern=CODE_PATTERN)
    issuer: DocumentIssuer | None = None
    kind: DocumentKind | None = None


class DocumentIn(Schema):
    province: str = Field(..., max_length=5, pattern=CODE_PATTERN, examples=["40"])
    map: str | None = Field(None, max_length=20, pattern=CODE_PATTERN, description="Map code")
    issuer: DocumentIssuer
    kind: DocumentKind
    number: str = Field(..., **NUMBER)
    date: datetime.date
    title: str = Field(..., **TITLE)


class DocumentPatch(Schema):
    """Fields left out (or null) stay as they are; the province cannot change."""

    issuer: DocumentIssuer | None = None
    kind: DocumentKind | None = None
    number: str | None = Field(None, **NUMBER)
    date: datetime.date | None = None
    title: str | None = Field(None, **TITLE)


# ---- helpers ---------------------------------------------------------------------------------


def _admin_map(user, *, round_year: int | None = None, code: str | None = None) -> AdminMap:
    """The round's map, the map named, else the map of the user's unit, else the newest."""
    if round_year is not None:
        round_ = round_by_year(round_year)
        if round_ is None:
            raise ValidationError({"round": NO_ROUND})
        return round_.admin_map
    if code is None and user.unit is not None:
        return user.unit.admin_map
    return map_named(code)


def _document_or_404(user, document_id: int) -> DirectiveDocument:
    """The document within the user's scope (read through the scoped selector of its map)."""
    map_id = (
        DirectiveDocument.objects.filter(pk=document_id)
        .values_list("province__admin_map", flat=True)
        .first()
    )
    if map_id is None:
        raise Http404
    documents = directive_documents_for_user(user, AdminMap.objects.get(pk=map_id))
    document = documents.select_related("province__admin_map").filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


# ---- reads -----------------------------------------------------------------------------------


@router.get(
    "/documents",
    response=responses(list[DocumentOut]),
    summary="Directive documents of the provinces in your scope, on one map",
)
@paginate(Pagination)
def documents_list(request, filters: Query[DocumentFilter] = None):
    admin_map = _admin_map(request.user, round_year=filters.round, code=filters.map)
    documents = directive_documents_for_user(request.user, admin_map)
    if filters.province:
        documents = documents.filter(province__code=filters.province)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    return documents.select_related("province__admin_map").order_by(
        "province__code", "-date", "number", "pk"
    )


@router.get("/documents/{document_id}", response=responses(DocumentOut), summary="One document")
def document_detail(request, document_id: int = ID):
    return _document_or_404(request.user, document_id)


@router.get(
    "/documents/{document_id}/file",
    response=responses(None),
    url_name="document_file",
    summary="Download a document's file (404 when it has none)",
    openapi_extra=FILE_RESPONSE,
)
def document_file(request, document_id: int = ID):
    document = _document_or_404(request.user, document_id)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return scoped_file_response(
        handle, filename=document.file_name, content_type=document.file_content_type
    )


# ---- writes ----------------------------------------------------------------------------------


@router.post(
    "/documents",
    response=responses(DocumentOut, 201),
    summary="Record a document of your province, with its file if you have it (province)",
)
def document_add(request, payload: Form[DocumentIn], file: UploadedFile = OPTIONAL_UPLOAD):
    require_any(request.user, [Permission.DOCUMENT])
    admin_map = _admin_map(request.user, code=payload.map)
    provinces = document_provinces_for_user(request.user, admin_map)
    province = provinces.filter(code=payload.province).first()
    if province is None:
        raise ValidationError({"province": NO_PROVINCE})
    document = services.directive_document_add(
        actor=request.user,
        province=province,
        issuer=payload.issuer,
        kind=payload.kind,
        number=payload.number,
        date=payload.date,
        title=payload.title,
        upload=file,
    )
    return Status(201, _document_or_404(request.user, document.pk))


@router.patch(
    "/documents/{document_id}",
    response=responses(DocumentOut),
    summary="Change a document's fields (province officers)",
)
def document_change(request, payload: DocumentPatch, document_id: int = ID):
    require_any(request.user, [Permission.DOCUMENT])
    document = _document_or_404(request.user, document_id)
    services.directive_document_update(
        actor=request.user, document=document, **payload.model_dump(exclude_none=True)
    )
    return _document_or_404(request.user, document_id)


@router.post(
    "/documents/{document_id}/file",
    response=responses(DocumentOut),
    summary="Attach or replace a document's file (province officers)",
)
def document_file_replace(request, file: UploadedFile = UPLOAD, document_id: int = ID):
    require_any(request.user, [Permission.DOCUMENT])
    document = _document_or_404(request.user, document_id)
    services.directive_document_update(actor=request.user, document=document, upload=file)
    return _document_or_404(request.user, document_id)


@router.delete(
    "/documents/{document_id}/file",
    response=responses(DocumentOut),
    summary="Remove a document's file, keeping the record (province officers)",
)
def document_file_remove(request, document_id: int = ID):
    require_any(request.user, [Permission.DOCUMENT])
    document = _document_or_404(request.user, document_id)
    services.directive_document_update(actor=request.user, document=document, remove_file=True)
    return _document_or_404(request.user, document_id)


@router.delete(
    "/documents/{document_id}",
    response=responses(None, 204),
    summary="Delete a document and its file (province officers)",
)
def document_remove(request, document_id: int = ID):
    require_any(request.user, [Permission.DOCUMENT])
    document = _document_or_404(request.user, document_id)
    services.directive_document_remove(actor=request.user, document=document)
    return Status(204, None)
