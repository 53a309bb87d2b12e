"""Resources workbook: one row per registered unit, each changed row through resources_set."""

import pytest
from django.utils import translation

from kieumau.context.models import Resources
from kieumau.workbooks.imports import WorkbookKind
from kieumau.workbooks.kinds import resources

from .helpers import cells_edit, database_snapshot, file_import, row_of, template_save

KIND = WorkbookKind.RESOURCES
SHEET = resources.SHEET
FILLED = {  # columns C… of the template
    "C": 20,
    "D": 18,
    "E": 7,
    "F": 12,
    "G": "Trụ sở độc lập",
    "H": 1_500_000_000,
    "I": 900_000_000,
    "J": "Có",
}


@pytest.fixture
def template(tmp_path, people, round, province, registered):
    return template_save(
        tmp_path / "nguon-luc.xlsx",
        actor=people.province_own,
        kind=KIND,
        round=round,
        province=province,
    )


def import_(path, people, round, province):
    return file_import(path, actor=people.province_own, kind=KIND, round=round, province=province)


def test_blank_template_changes_nothing(template, people, round, province):
    before = database_snapshot()

    outcome = import_(template, people, round, province)

    assert (outcome.problems, outcome.rows, outcome.unchanged) == ([], 3, 3)
    assert database_snapshot() == before


def test_filled_rows_are_recorded_then_updated(template, people, round, province, registered):
    registration = registered[0].registration
    row = row_of(template, SHEET, registration.unit.code)
    cells_edit(template, SHEET, {f"{column}{row}": value for column, value in FILLED.items()})

    first = import_(template, people, round, province)
    again = import_(template, people, round, province)
    cells_edit(template, SHEET, {f"D{row}": 19, f"G{row}": "Đang xây dựng", f"J{row}": "Không"})
    edited = import_(template, people, round, province)

    assert (first.problems, first.created, first.unchanged) == ([], 1, 2)
    assert (again.changed, again.unchanged) == (0, 3)
    assert (edited.updated, edited.unchanged) == (1, 2)
    recorded = Resources.objects.get(registration=registration)
    assert (
        recorded.staff_norm,
        recorded.staff_actual,
        recorded.staff_under_35,
        recorded.staff_with_degree,
        recorded.headquarters,
        recorded.funding_planned_vnd,
        recorded.funding_disbursed_vnd,
        recorded.equipment_adequate,
    ) == (20, 19, 7, 12, "under_construction", 1_500_000_000, 900_000_000, False)


def test_a_refusal_of_the_service_is_placed_at_its_cell_and_nothing_is_written(
    template, people, round, province, registered
):
    rows = [row_of(template, SHEET, a.registration.unit.code) for a in registered[:2]]
    edits = {f"{column}{row}": value for column, value in FILLED.items() for row in rows}
    edits[f"E{rows[1]}"] = 30  # more officers under 35 than officers in post
    cells_edit(template, SHEET, edits)
    before = database_snapshot()

    with translation.override("en"):
        outcome = import_(template, people, round, province)

    assert [(p.sheet, p.row, p.column) for p in outcome.problems] == [(SHEET, rows[1], "E")]
    assert database_snapshot() == before


def test_missing_and_unreadable_cells_are_reported(template, people, round, province, registered):
    row = row_of(template, SHEET, registered[0].registration.unit.code)
    edits = {f"{column}{row}": value for column, value in FILLED.items()}
    edits |= {f"C{row}": None, f"D{row}": "-3", f"G{row}": "Nhà thuê"}
    cells_edit(template, SHEET, edits)

    outcome = import_(template, people, round, province)

    assert [(p.row, p.column) for p in outcome.problems] == [(row, "C"), (row, "D"), (row, "G")]
    assert not Resources.objects.exists()
