"""The ward's action plan as a workbook: the rows of the page, only the unit's own."""

from datetime import date

from kieumau.assessments.services import action_item_add
from tests.web.factories import wards_register

from .conftest import column, sheet_rows

URL = "/unit/actions/"


def test_the_action_plan_export_has_every_unmet_criterion_and_its_actions(
    client, people, round, assessment
):
    other = wards_register(round, people.province_own, 1)[0]
    first = assessment.results.select_related("criterion").order_by("criterion__position")[0]
    action_item_add(
        actor=people.ward_own,
        result=first,
        action="Xây dựng kế hoạch tuần tra",
        owner="Trưởng Công an phường",
        due_date=date(2025, 12, 31),
        budget_vnd=150_000_000,
        status="planned",
        version=assessment.version,
    )
    client.force_login(people.ward_own)

    header, rows = sheet_rows(client.get(URL, {"format": "xlsx"}))

    # Nothing is met yet: every criterion is in the plan, the first with its action.
    assert column(header, rows, "Criterion")[0] == first.criterion.code
    assert len(rows) == assessment.results.count()
    assert column(header, rows, "Action")[0] == "Xây dựng kế hoạch tuần tra"
    assert column(header, rows, "Estimated budget")[0] == 150_000_000
    assert column(header, rows, "Due date")[0].date() == date(2025, 12, 31)
    assert set(column(header, rows, "Met")) == {"Not met"}
    assert other.registration.unit.code not in str(rows)


def test_the_action_plan_page_links_its_export(client, people, round, assessment):
    client.force_login(people.ward_own)

    page = client.get(URL).content.decode()

    assert 'id="actions-export"' in page
    assert "format=xlsx" in page
