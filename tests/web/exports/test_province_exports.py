"""Exports of the province's lists: registrations (with quotas), the review queue, documents."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.assessments.models import State
from kieumau.context.services import directive_document_add
from tests.web.factories import PROVINCE_CODE, unit_get, wards_register

from .conftest import column, sheet_rows, workbook_of

REGISTRATIONS = "/province/registrations/"
REVIEWS = "/province/reviews/"
DOCUMENTS = "/province/documents/"


@pytest.fixture
def nghe_an(round):
    return unit_get(round.admin_map, PROVINCE_CODE)


@pytest.fixture
def hanoi(round):
    return unit_get(round.admin_map, "01")


@pytest.fixture
def province_client(client, people):
    client.force_login(people.province_own)
    return client


def _page_codes(page: str, table_id: str) -> list[str]:
    table = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    return re.findall(r'<span class="muted code">(\d+)</span>', table)


def _page_names(page: str, table_id: str) -> list[str]:
    table = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="/assessment/\d+/">([^<]+)</a>', table)


def test_the_registrations_export_holds_the_pages_rows_and_the_quota(
    province_client, round, people, assessment, nghe_an, hanoi
):
    wards_register(round, people.province_own, 3, province=nghe_an)
    hanoi_wards = wards_register(round, people.province_other, 2, province=hanoi)

    page = province_client.get(REGISTRATIONS).content.decode()
    header, rows = sheet_rows(province_client.get(REGISTRATIONS, {"format": "xlsx"}))

    assert f'href="{REGISTRATIONS}?format=xlsx"' in page
    assert column(header, rows, "Code") == _page_codes(page, "registered-wards")
    assert len(rows) == 4
    hanoi_codes = {a.registration.unit.code for a in hanoi_wards}
    assert not hanoi_codes & set(column(header, rows, "Code"))
    assert set(column(header, rows, "Province")) == {"Tỉnh Nghệ An"}
    assert "Phường Trường Vinh" in column(header, rows, "Ward")
    assert all(
        isinstance(value, datetime.datetime) for value in column(header, rows, "Registered at")
    )
    quota_header, quotas = sheet_rows(province_client.get(REGISTRATIONS, {"format": "xlsx"}), 1)
    assert quota_header[:5] == [
        "Province",
        "Computed by the rule",
        "Quota",
        "Registered",
        "Over the quota",
    ]
    assert quotas == [["Tỉnh Nghệ An", 4, 4, 4, 0, None]]


def test_the_ministry_exports_the_registrations_of_the_province_it_reads(
    client, people, round, assessment, hanoi
):
    wards_register(round, people.province_other, 2, province=hanoi)
    client.force_login(people.ministry)

    header, rows = sheet_rows(client.get(REGISTRATIONS, {"province": "01", "format": "xlsx"}))

    assert set(column(header, rows, "Province")) == {"Thành phố Hà Nội"}
    assert len(rows) == 2


def test_the_registrations_export_costs_the_same_queries_at_any_size(
    province_client, round, people, assessment, nghe_an
):
    url = f"{REGISTRATIONS}?format=xlsx"
    province_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert province_client.get(url).status_code == 200
    wards_register(round, people.province_own, 8, province=nghe_an)
    with CaptureQueriesContext(connection) as many:
        _header, rows = sheet_rows(province_client.get(url))

    assert len(rows) == 9
    assert len(many) == len(few)


def _sent(round, people, nghe_an, hanoi):
    mine = wards_register(round, people.province_own, 3, province=nghe_an, state=State.SUBMITTED)
    wards_register(round, people.province_other, 2, province=hanoi, state=State.SUBMITTED)
    wards_register(round, people.province_own, 1, province=nghe_an, state=State.RETURNED)
    return mine


def test_the_review_queue_export_holds_the_pages_rows(
    province_client, round, people, assessment, nghe_an, hanoi
):
    _sent(round, people, nghe_an, hanoi)

    page = province_client.get(REVIEWS).content.decode()
    header, rows = sheet_rows(province_client.get(REVIEWS, {"format": "xlsx"}))

    assert f'href="{REVIEWS}?format=xlsx"' in page
    assert column(header, rows, "Ward") == _page_names(page, "review-queue")
    assert len(rows) == 3
    assert set(column(header, rows, "State")) == {"submitted"}
    assert set(column(header, rows, "Criteria")) == {22}
    assert set(column(header, rows, "Criteria met")) == {0}


def test_the_review_queue_export_keeps_the_state_filter(
    province_client, round, people, assessment, nghe_an, hanoi
):
    _sent(round, people, nghe_an, hanoi)

    page = province_client.get(REVIEWS, {"state": "returned"}).content.decode()
    response = province_client.get(REVIEWS, {"state": "returned", "format": "xlsx"})
    header, rows = sheet_rows(response)

    assert f'href="{REVIEWS}?state=returned&amp;format=xlsx"' in page
    assert column(header, rows, "Ward") == _page_names(page, "review-queue")
    assert len(rows) == 1


def test_the_review_queue_export_costs_the_same_queries_at_any_size(
    province_client, round, people, assessment, nghe_an
):
    url = f"{REVIEWS}?format=xlsx"
    wards_register(round, people.province_own, 1, province=nghe_an, state=State.SUBMITTED)
    province_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert province_client.get(url).status_code == 200
    wards_register(round, people.province_own, 8, province=nghe_an, state=State.SUBMITTED)
    with CaptureQueriesContext(connection) as many:
        _header, rows = sheet_rows(province_client.get(url))

    assert len(rows) == 9
    assert len(many) == len(few)


def test_the_documents_export_holds_the_provinces_documents_only(
    province_client, client, people, round, nghe_an, hanoi
):
    directive_document_add(
        actor=people.province_own,
        province=nghe_an,
        issuer="party_committee",
        kind="nghi_quyet",
        number="12-NQ/TU",
        date=datetime.date(2023, 5, 4),
        title="Về xây dựng Công an phường điển hình",
    )
    directive_document_add(
        actor=people.province_other,
        province=hanoi,
        issuer="peoples_committee",
        kind="de_an",
        number="7/ĐA-UBND",
        date=datetime.date(2023, 6, 1),
        title="Đề án của Hà Nội",
    )

    page = province_client.get(DOCUMENTS).content.decode()
    header, rows = sheet_rows(province_client.get(DOCUMENTS, {"format": "xlsx"}))

    assert f'href="{DOCUMENTS}?format=xlsx"' in page
    assert column(header, rows, "Number") == ["12-NQ/TU"]
    assert column(header, rows, "Date") == [datetime.datetime(2023, 5, 4)]
    assert column(header, rows, "Province") == ["Tỉnh Nghệ An"]
    assert "12-NQ/TU" in page


def test_an_export_is_a_workbook_with_a_frozen_header_and_a_filter(province_client, assessment):
    sheet = workbook_of(province_client.get(REGISTRATIONS, {"format": "xlsx"})).worksheets[0]

    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:G4"
    assert sheet["G4"].number_format == "dd/mm/yyyy hh:mm"
