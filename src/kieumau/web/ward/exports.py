"""The ward's lists as workbooks: the rows the page shows."""

from django.utils.translation import gettext as _

from kieumau.assessments.models import Assessment
from kieumau.assessments.selectors import PlanLine
from kieumau.reports.document import Column, ColumnKind, Table


def action_plan_table(assessment: Assessment, lines: list[PlanLine]) -> Table:
    """One row per action item; a criterion without any action still gets a row."""
    columns = [
        Column(_("Criterion")),
        Column(_("Criterion title")),
        Column(_("Met when:")),
        Column(_("Met")),
        Column(_("Action")),
        Column(_("Responsible")),
        Column(_("Due date"), ColumnKind.DATE),
        Column(_("Estimated budget"), ColumnKind.MONEY),
        Column(_("Status")),
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
    return Table(
        title=_("Action plan — %(unit)s — %(round)s")
        % {"unit": unit.full_name, "round": assessment.registration.round},
        sheet=_("Action plan"),
        columns=columns,
        rows=rows,
    )
