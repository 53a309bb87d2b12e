"""The dashboards' tables as workbooks: the table of provinces (as filtered and sorted on the
page) and a province's registered units (as filtered, every page of them)."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, State
from kieumau.programme.models import Round
from kieumau.reports.analytics import ProvinceFigures
from kieumau.reports.tables import COLUMNS
from kieumau.workbooks.exports import ExportColumn, ExportTable, Kind


def _track(row: ProvinceFigures) -> str:
    if row.on_track:
        return _("reached")
    if row.on_track is False:
        return _("below the target")
    return ""


def provinces_table(round: Round, rows: Sequence[ProvinceFigures]) -> ExportTable:
    """The columns of the page's table (COLUMNS), then the target and whether it is reached."""
    kinds = {"name": Kind.TEXT, "percent": Kind.PERCENT}
    columns = [ExportColumn(column.label, kinds.get(column.key, Kind.INT)) for column in COLUMNS]
    columns += [
        ExportColumn(_("Over the quota"), Kind.INT),
        ExportColumn(_("Target (minimum)"), Kind.PERCENT),
        ExportColumn(_("Target")),
    ]
    values = [
        [
            row.province.name if column.key == "name" else getattr(row, column.key)
            for column in COLUMNS
        ]
        + [row.over_quota, row.minimum, _track(row)]
        for row in rows
    ]
    return ExportTable(
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
) -> ExportTable:
    columns = [
        ExportColumn(_("Unit")),
        ExportColumn(_("Code")),
        ExportColumn(_("State")),
        ExportColumn(_("Verdict")),
        ExportColumn(_("Criteria met"), Kind.INT),
        ExportColumn(_("Criteria"), Kind.INT),
        ExportColumn(_("Updated"), Kind.DATE),
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
    return ExportTable(
        title=_("Registered units — %(province)s — %(round)s")
        % {"province": province.full_name, "round": round},
        sheet=_("Registered units"),
        columns=columns,
        rows=rows,
    )
