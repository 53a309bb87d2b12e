"""Files of the context app, served only to users whose scope covers them.

Media is never served directly: a document or photo is reachable only through these views,
and one out of scope is answered 404 so its existence is not revealed.
"""

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from kieumau.accounts.scopes import Denied, Permission, require
from kieumau.adminunits.models import AdminUnit
from kieumau.context.models import DirectiveDocument, GoodPracticePhoto
from kieumau.core.files import scoped_file_response


@login_required
@require_safe
def directive_file_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(DirectiveDocument.objects.select_related("province"), pk=pk)
    _check_can_view(request, document.province)
    return _file_response(
        document.file,
        content_type=document.file_content_type,
        filename=document.file_name,
        as_attachment=True,
    )


@login_required
@require_safe
def practice_photo(request: HttpRequest, pk: int) -> FileResponse:
    photo = get_object_or_404(
        GoodPracticePhoto.objects.select_related("practice__registration__unit"), pk=pk
    )
    _check_can_view(request, photo.practice.registration.unit)
    response = _file_response(
        photo.image,
        content_type=photo.content_type,
        filename=photo.original_name,
        as_attachment=False,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _check_can_view(request: HttpRequest, unit: AdminUnit) -> None:
    try:
        require(request.user, Permission.VIEW, unit=unit)
    except Denied:
        raise Http404 from None


def _file_response(
    field: FieldFile, *, content_type: str, filename: str, as_attachment: bool
) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return scoped_file_response(
        handle, filename=filename, content_type=content_type, as_attachment=as_attachment
    )
