"""Downloads of the summary report of the selected round: national (ministry and national
leaders) and per province (the ministry, or the province in the user's scope), as Word, PDF or
Excel. Another province is a 404; ward officers get 403; no round yet is a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kieumau.accounts.scopes import Permission
from kieumau.adminunits.models import AdminUnit
from kieumau.reports import narrative
from kieumau.reports.document import Report
from kieumau.reports.renderers import renderer
from kieumau.reports.selectors import DashboardScope, dashboard_scope, province_for_user
from kieumau.web.access import permission_required
from kieumau.web.rounds import selected_round

DOWNLOAD_FORMATS = ("docx", "pdf", "xlsx")


def _download(report: Report, format: str) -> HttpResponse:
    module = renderer(format)
    response = HttpResponse(module.render(report), content_type=module.CONTENT_TYPE)
    filename = f"{report.filename_stem}.{module.EXTENSION}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _round_and_format(request: HttpRequest, format: str):
    if format not in DOWNLOAD_FORMATS:
        raise Http404(_("There is no such report format."))
    round = selected_round(request)
    if round is None:
        raise Http404(_("There is no round yet."))
    return round


@permission_required(Permission.VIEW)
def national_report(request: HttpRequest, format: str) -> HttpResponse:
    if dashboard_scope(request.user) != DashboardScope.NATIONAL:
        raise PermissionDenied(_("The national report is for ministry officers and leaders."))
    round = _round_and_format(request, format)
    return _download(narrative.national_report(round), format)


@permission_required(Permission.VIEW)
def province_report(request: HttpRequest, code: str, format: str) -> HttpResponse:
    if dashboard_scope(request.user) is None:
        raise PermissionDenied(_("Reports are for province and ministry officers and leaders."))
    round = _round_and_format(request, format)
    try:
        province = province_for_user(request.user, round, code)
    except AdminUnit.DoesNotExist:
        raise Http404(_("There is no such province on this round's map.")) from None
    return _download(narrative.province_report(round, province), format)
