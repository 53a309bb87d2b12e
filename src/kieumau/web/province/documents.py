"""The province's directive documents: the list by issuer, and the form to record one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kieumau.accounts.scopes import Denied, Permission
from kieumau.adminunits.models import AdminMap
from kieumau.context.models import DirectiveDocument
from kieumau.context.selectors import directive_documents_for_user, document_provinces_for_user
from kieumau.context.services import directive_document_add, directive_document_remove
from kieumau.web.access import permission_required
from kieumau.web.province.exports import documents_table
from kieumau.web.province.forms import DirectiveDocumentForm
from kieumau.web.refusals import refusal_to_form
from kieumau.web.rounds import selected_round
from kieumau.workbooks.exports import export_requested, export_url, table_xlsx, xlsx_response


@permission_required(Permission.DOCUMENT)
@require_http_methods(["GET", "POST"])
def province_documents(request: HttpRequest) -> HttpResponse:
    """Documents of the province on the selected round's map; POST records a new one."""
    admin_map = _admin_map(request)
    provinces = document_provinces_for_user(request.user, admin_map)
    form = DirectiveDocumentForm(request.POST or None, request.FILES or None, provinces=provinces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = directive_document_add(
                actor=request.user,
                province=data["province"],
                issuer=data["issuer"],
                kind=data["kind"],
                number=data["number"],
                date=data["date"],
                title=data["title"],
                upload=data["file"],
            )
        except (Denied, ValidationError) as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("%(document)s is recorded.") % {"document": document})
            return redirect("web:province-documents")
    documents = directive_documents_for_user(request.user, admin_map).order_by(
        "issuer", "-date", "number"
    )
    if request.method == "GET" and export_requested(request):
        place = ", ".join(province.full_name for province in provinces) or str(admin_map)
        data = table_xlsx(documents_table(place, documents))
        return xlsx_response(data, f"kieumau-{admin_map.code}-directive-documents.xlsx")
    issuers = {issuer: [] for issuer in DirectiveDocument.Issuer.values}
    for document in documents:
        issuers[document.issuer].append(document)
    context = {
        "form": form,
        "provinces": provinces,
        "admin_map": admin_map,
        "issuers": [
            (issuer, label, issuers[issuer]) for issuer, label in DirectiveDocument.Issuer.choices
        ],
        "count": sum(len(items) for items in issuers.values()),
        "export_url": export_url(request),
    }
    return render(request, "web/province/documents.html", context)


@permission_required(Permission.DOCUMENT)
@require_POST
def province_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a document of the province (asked to confirm first)."""
    document = directive_documents_for_user(request.user, _admin_map(request)).filter(pk=pk).first()
    if document is None:
        raise Http404
    name = str(document)
    try:
        directive_document_remove(actor=request.user, document=document)
    except Denied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(document)s is deleted.") % {"document": name})
    return redirect("web:province-documents")


def _admin_map(request: HttpRequest) -> AdminMap:
    """The selected round's map, else the map of the officer's own province."""
    round_ = selected_round(request)
    if round_ is not None:
        return round_.admin_map
    if request.user.unit is None:
        raise Http404
    return request.user.unit.admin_map
