"""The ward's lists as workbooks: the rows the page shows."""

from django.utils.translation import gettext as _

from kieumau.assessments.models import Assessment
from kieumau.assessments.selectors import PlanLine
from kieumau.workbooks.exports import ExportColumn, ExportTable, Kind


def action_plan_table(assessment: Assessment, lines: list[PlanLine]) -> ExportTable:
    """One row per action item; a criterion without any action still gets a row."""
    columns = [
        ExportColumn(_("Criterion")),
        ExportColumn(_("Criterion title")),
        ExportColumn(_("Met when:")),
        ExportColumn(_("Met")),
        ExportColumn(_("Action")),
        ExportColumn(_("Responsible")),
        ExportColumn(_("Due date"), Kind.DATE),
        ExportColumn(_("Estimated budget"), Kind.VND),
        ExportColumn(_("Status")),
    ]
    rows = []
    for line in lines:
        criterion = line.criterion
        head = [
            criterion.code,
            criterion.title,
            _("yes") if criterion.kind == "bool" else line.requirement,
            _("Met") if line.met else _("Not met"),
        ]
        items = line.items
        if not items:
            rows.append([*head, "", "", None, None, ""])
        for item in items:
            rows.append(
                [
                    *head,
                    item.action,
                    item.owner,
                    item.due_date,
                    item.budget_vnd,
                    item.get_status_display(),
                ]
            )
    unit = assessment.registration.unit
    return ExportTable(
        title=_("Action plan — %(unit)s — %(round)s")
        % {"unit": unit.full_name, "round": assessment.registration.round},
        sheet=_("Action plan"),
        columns=columns,
        rows=rows,
    )
