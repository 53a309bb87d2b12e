"""The province pages' lists as workbooks: the rows the page shows, every page of them."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kieumau.assessments.models import Assessment
from kieumau.context.models import DirectiveDocument
from kieumau.programme.models import Quota, Registration, Round
from kieumau.reports.document import Column, ColumnKind, Table


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def registrations_table(round: Round, place: str, registrations: Iterable[Registration]) -> Table:
    columns = [
        Column(_("Ward")),
        Column(_("Code")),
        Column(_("Under")),
        Column(pgettext("unit", "Province")),
        Column(_("Assessment")),
        Column(_("Registered by")),
        Column(_("Registered at"), ColumnKind.DATETIME),
    ]
    rows = []
    for registration in registrations:
        unit = registration.unit
        assessment = getattr(registration, "assessment", None)
        rows.append(
            [
                unit.full_name,
                unit.code,
                unit.parent.full_name if unit.parent_id != unit.province_id else "",
                unit.province.full_name if unit.province_id else "",
                assessment.get_state_display() if assessment is not None else "",
                _person(registration.registered_by),
                registration.registered_at,
            ]
        )
    return Table(
        title=_("Registered wards — %(place)s — %(round)s") % {"place": place, "round": round},
        sheet=_("Registrations"),
        columns=columns,
        rows=rows,
    )


def quotas_table(round: Round, quotas: Iterable[Quota]) -> Table:
    columns = [
        Column(pgettext("unit", "Province")),
        Column(_("Computed by the rule"), ColumnKind.INTEGER),
        Column(_("Quota"), ColumnKind.INTEGER),
        Column(_("Registered"), ColumnKind.INTEGER),
        Column(_("Over the quota"), ColumnKind.INTEGER),
        Column(_("Reason for the override")),
    ]
    rows = [
        [
            quota.province.full_name,
            quota.computed,
            quota.effective_quota,
            quota.registered,
            quota.over,
            quota.override_reason if quota.override is not None else "",
        ]
        for quota in quotas
    ]
    return Table(
        title=_("Quota — %(round)s") % {"round": round},
        sheet=_("Quota"),
        columns=columns,
        rows=rows,
    )


def review_queue_table(
    round: Round, shown: str, assessments: Iterable[Assessment], criteria_total: int
) -> Table:
    columns = [
        Column(_("Ward")),
        Column(_("Code")),
        Column(_("Under")),
        Column(_("Sent on"), ColumnKind.DATETIME),
        Column(_("Criteria met"), ColumnKind.INTEGER),
        Column(_("Criteria"), ColumnKind.INTEGER),
        Column(_("Verdict")),
        Column(_("State")),
    ]
    rows = []
    for assessment in assessments:
        unit = assessment.registration.unit
        rows.append(
            [
                unit.full_name,
                unit.code,
                unit.parent.full_name if unit.parent_id != unit.province_id else "",
                assessment.submitted_at,
                assessment.met_count,
                criteria_total,
                assessment.get_level_display(),
                assessment.get_state_display(),
            ]
        )
    return Table(
        title=_("Self-assessments (%(shown)s) — %(round)s") % {"shown": shown, "round": round},
        sheet=_("Reviews"),
        columns=columns,
        rows=rows,
    )


def documents_table(place: str, documents: Iterable[DirectiveDocument]) -> Table:
    columns = [
        Column(pgettext("unit", "Province")),
        Column(_("Issuer")),
        Column(_("Kind")),
        Column(_("Number")),
        Column(_("Date"), ColumnKind.DATE),
        Column(_("Summary")),
        Column(_("File")),
    ]
    rows = [
        [
            document.province.full_name,
            document.get_issuer_display(),
            document.get_kind_display(),
            document.number,
            document.date,
            document.title,
            document.file_name if document.file else "",
        ]
        for document in documents
    ]
    return Table(
        title=_("Directive documents — %(place)s") % {"place": place},
        sheet=_("Directive documents"),
        columns=columns,
        rows=rows,
    )
