"""The recognition lists as workbooks: the rows the page shows, every page of them."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kieumau.assessments.models import Assessment, Recognition
from kieumau.programme.models import Round
from kieumau.reports.document import Column, ColumnKind, Table


def _place(province) -> str:
    return province.full_name if province is not None else _("All provinces")


def recognition_queue_table(
    round: Round, province, assessments: Iterable[Assessment], criteria_total: int
) -> Table:
    columns = [
        Column(_("Ward")),
        Column(_("Code")),
        Column(pgettext("unit", "Province")),
        Column(_("Approved by the province on"), ColumnKind.DATE),
        Column(_("Criteria met"), ColumnKind.INTEGER),
        Column(_("Criteria"), ColumnKind.INTEGER),
        Column(_("Verdict")),
    ]
    rows = [
        [
            assessment.registration.unit.full_name,
            assessment.registration.unit.code,
            assessment.registration.unit.province.name,
            assessment.approved_at,
            assessment.met_count,
            criteria_total,
            assessment.get_level_display(),
        ]
        for assessment in assessments
    ]
    return Table(
        title=_("Awaiting recognition — %(place)s — %(round)s")
        % {"place": _place(province), "round": round},
        sheet=_("Awaiting recognition"),
        columns=columns,
        rows=rows,
    )


def recognised_table(
    round: Round, province, recognitions: Iterable[Recognition], criteria_total: int
) -> Table:
    columns = [
        Column(_("Ward")),
        Column(_("Code")),
        Column(pgettext("unit", "Province")),
        Column(_("Decision number")),
        Column(_("Decision date"), ColumnKind.DATE),
        Column(_("Criteria met"), ColumnKind.INTEGER),
        Column(_("Criteria"), ColumnKind.INTEGER),
        Column(_("Verdict")),
        Column(_("Recorded by")),
    ]
    rows = []
    for recognition in recognitions:
        assessment = recognition.assessment
        unit = assessment.registration.unit
        person = recognition.recognised_by
        rows.append(
            [
                unit.full_name,
                unit.code,
                unit.province.name,
                recognition.decision_number,
                recognition.decision_date,
                assessment.met_count,
                criteria_total,
                assessment.get_level_display(),
                (person.get_full_name() or person.username) if person is not None else "",
            ]
        )
    return Table(
        title=_("Recognised model units — %(place)s — %(round)s")
        % {"place": _place(province), "round": round},
        sheet=_("Recognised"),
        columns=columns,
        rows=rows,
    )
