"""Export fixtures: the 2025 round with quotas and targets; pages in English."""

import io

import pytest
from openpyxl import load_workbook

from kieumau.programme.services import quotas_compute, targets_ensure_defaults
from kieumau.workbooks.exports import CONTENT_TYPE

HEADER_ROW = 3  # the table's title in row 1, its column labels in row 3


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def round(round, people):
    quotas_compute(actor=people.ministry, round=round)
    targets_ensure_defaults()
    return round


def workbook_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="kieumau-')
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(response, sheet: int = 0) -> tuple[list, list[list]]:
    """(header, data rows) of the export's ``sheet``-th worksheet."""
    worksheet = workbook_of(response).worksheets[sheet]
    rows = [list(row) for row in worksheet.iter_rows(min_row=HEADER_ROW, values_only=True)]
    return rows[0], rows[1:]


def column(header: list, rows: list[list], label: str) -> list:
    index = header.index(label)
    return [row[index] for row in rows]
