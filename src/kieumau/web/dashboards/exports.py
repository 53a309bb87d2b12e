"""The dashboards' tables as workbooks: the table of provinces (as filtered and sorted on the
page) and a province's registered units (as filtered, every page of them)."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, State
from kieumau.programme.models import Round
from kieumau.reports.analytics import ProvinceFigures
from kieumau.reports.document import Column, ColumnKind, Table
from kieumau.reports.tables import COLUMNS


def _track(row: ProvinceFigures) -> str:
    if row.on_track:
        return _("reached")
    if row.on_track is False:
        return _("below the target")
    return ""


def provinces_table(round: Round, rows: Sequence[ProvinceFigures]) -> Table:
    """The columns of the page's table (COLUMNS), then the target and whether it is reached."""
    kinds = {"name": ColumnKind.TEXT, "percent": ColumnKind.PERCENT}
    columns = [
        Column(column.label, kinds.get(column.key, ColumnKind.INTEGER)) for column in COLUMNS
    ]
    columns += [
        Column(_("Over the quota"), ColumnKind.INTEGER),
        Column(_("Target (minimum)"), ColumnKind.PERCENT),
        Column(_("Target")),
    ]
    values = [
        [
            row.province.name if column.key == "name" else getattr(row, column.key)
            for column in COLUMNS
        ]
        + [row.over_quota, row.minimum, _track(row)]
        for row in rows
    ]
    return Table(
        title=_("Table of provinces — %(round)s") % {"round": round},
        sheet=_("Provinces"),
        columns=columns,
        rows=values,
    )


def units_table(
    round: Round,
    province: AdminUnit,
    assessments: Iterable[Assessment],
    criteria_total: int,
) -> Table:
    columns = [
        Column(_("Unit")),
        Column(_("Code")),
        Column(_("State")),
        Column(_("Verdict")),
        Column(_("Criteria met"), ColumnKind.INTEGER),
        Column(_("Criteria"), ColumnKind.INTEGER),
        Column(_("Updated"), ColumnKind.DATE),
    ]
    rows = [
        [
            assessment.registration.unit.full_name,
            assessment.registration.unit.code,
            assessment.get_state_display(),
            "" if assessment.state == State.DRAFT else assessment.get_level_display(),
            assessment.met_count,
            criteria_total,
            assessment.updated_at,
        ]
        for assessment in assessments
    ]
    return Table(
        title=_("Registered units — %(province)s — %(round)s")
        % {"province": province.full_name, "round": round},
        sheet=_("Registered units"),
        columns=columns,
        rows=rows,
    )
