"""Exports of the ministry's recognition lists and of the dashboards' tables."""

import datetime
import re

import pytest

from kieumau.assessments.models import Assessment, State
from kieumau.assessments.services import assessment_recognise
from kieumau.criteria.types import Level
from tests.web.factories import unit_get, wards_register

from .conftest import column, sheet_rows

RECOGNITIONS = "/ministry/recognitions/"
NATIONAL = "/dashboard/"


@pytest.fixture
def units(round, people, admin_map):
    """Nghệ An: 3 approved by the province, 1 of them recognised; Hà Nội: 2 approved."""
    nghe_an = wards_register(
        round,
        people.province_own,
        3,
        province=unit_get(admin_map, "40"),
        state=State.PROVINCE_APPROVED,
    )
    hanoi = wards_register(
        round,
        people.province_other,
        2,
        province=unit_get(admin_map, "01"),
        state=State.PROVINCE_APPROVED,
    )
    assessment_recognise(
        actor=people.ministry,
        assessment=nghe_an[0],
        decision_number="123/QĐ-BCA",
        decision_date=datetime.date(2025, 12, 1),
        version=nghe_an[0].version,
    )
    return {"nghe_an": nghe_an, "hanoi": hanoi}


def _names(page: str, table_id: str) -> list[str]:
    table = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="/assessment/\d+/">([^<]+)</a>', table)


def test_the_recognition_queue_export_holds_the_pages_rows(client, people, units):
    client.force_login(people.ministry)

    page = client.get(RECOGNITIONS).content.decode()
    header, rows = sheet_rows(client.get(RECOGNITIONS, {"format": "xlsx"}))

    assert f'href="{RECOGNITIONS}?format=xlsx"' in page
    assert column(header, rows, "Ward") == _names(page, "recognition-queue")
    assert len(rows) == 4
    assert sorted(set(column(header, rows, "Province"))) == ["Hà Nội", "Nghệ An"]


def test_the_recognised_export_keeps_the_tab_and_the_province(client, people, units):
    client.force_login(people.ministry)
    query = {"show": "recognised", "province": "40"}

    page = client.get(RECOGNITIONS, query).content.decode()
    header, rows = sheet_rows(client.get(RECOGNITIONS, {**query, "format": "xlsx"}))

    assert column(header, rows, "Ward") == _names(page, "recognised-units")
    assert column(header, rows, "Decision number") == ["123/QĐ-BCA"]
    assert column(header, rows, "Decision date") == [datetime.datetime(2025, 12, 1)]


def test_the_queue_export_of_one_province_leaves_the_others_out(client, people, units):
    client.force_login(people.ministry)

    header, rows = sheet_rows(client.get(RECOGNITIONS, {"province": "01", "format": "xlsx"}))

    assert column(header, rows, "Province") == ["Hà Nội", "Hà Nội"]


def test_only_the_ministry_exports_the_recognition_lists(client, people, units):
    client.force_login(people.province_own)

    assert client.get(RECOGNITIONS, {"format": "xlsx"}).status_code == 403


def _table_names(page: str) -> list[str]:
    table = page.split('id="provinces"')[1].split("</table>")[0]
    return re.findall(r'<td class="name"><a href="/dashboard/province/\d\d/">([^<]+)</a>', table)


def test_the_province_table_export_keeps_the_search_and_the_sort(client, people, units):
    client.force_login(people.ministry)
    query = {"q": "ha", "sort": "-registered"}

    page = client.get(NATIONAL, query).content.decode()
    header, rows = sheet_rows(client.get(NATIONAL, {**query, "format": "xlsx"}))

    assert (
        'id="provinces-export" href="/dashboard/?q=ha&amp;sort=-registered&amp;format=xlsx"' in page
    )
    assert column(header, rows, "Province / city") == _table_names(page)
    assert len(rows) >= 2
    hanoi = rows[column(header, rows, "Province / city").index("Hà Nội")]
    assert hanoi[header.index("Registered")] == 2


def test_the_province_table_export_lists_every_province_unfiltered(client, people, units):
    client.force_login(people.ministry)

    header, rows = sheet_rows(client.get(NATIONAL, {"format": "xlsx"}))

    assert len(rows) == 34
    nghe_an = rows[column(header, rows, "Province / city").index("Nghệ An")]
    assert nghe_an[header.index("Registered")] == 3
    assert nghe_an[header.index("Recognised")] == 1


def _unit_names(page: str) -> list[str]:
    table = page.split('id="units"')[1].split("</table>")[0]
    return re.findall(r'<td><a href="/assessment/\d+/">([^<]+)</a></td>', table)


def test_the_province_dashboard_units_export_keeps_the_state_filter(client, people, units):
    client.force_login(people.province_own)
    Assessment.objects.filter(pk=units["nghe_an"][1].pk).update(
        state=State.SUBMITTED, level=Level.BASIC
    )
    url = "/dashboard/province/40/"

    everyone = client.get(url).content.decode()
    header, rows = sheet_rows(client.get(url, {"format": "xlsx"}))
    assert column(header, rows, "Unit") == _unit_names(everyone)
    assert len(rows) == 3

    page = client.get(url, {"state": "submitted"}).content.decode()
    header, rows = sheet_rows(client.get(url, {"state": "submitted", "format": "xlsx"}))
    assert column(header, rows, "Unit") == _unit_names(page)
    assert column(header, rows, "State") == ["submitted"]


def test_another_provinces_units_cannot_be_exported(client, people, units):
    client.force_login(people.province_own)

    assert client.get("/dashboard/province/01/", {"format": "xlsx"}).status_code == 404
