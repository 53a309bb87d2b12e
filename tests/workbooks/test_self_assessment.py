"""Self-assessment values of many units at once: the template is the export, the import is
idempotent, edited cells land in the results, and bad cells are reported by position."""

from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.criteria.types import Kind
from kieumau.workbooks.imports import WorkbookKind
from kieumau.workbooks.kinds import self_assessment

from .helpers import cells_edit, column_of, database_snapshot, file_import, row_of, template_save

KIND = WorkbookKind.SELF_ASSESSMENT
SHEET = self_assessment.SHEET


@pytest.fixture
def template(tmp_path, people, round, province, registered):
    return template_save(
        tmp_path / "tu-danh-gia.xlsx",
        actor=people.province_own,
        kind=KIND,
        round=round,
        province=province,
    )


def import_(path, people, round, province, **options):
    return file_import(
        path, actor=people.province_own, kind=KIND, round=round, province=province, **options
    )


def self_values(assessment: Assessment) -> dict[str, Decimal | None]:
    return dict(
        CriterionResult.objects.filter(assessment=assessment).values_list(
            "criterion__code", "self_value"
        )
    )


def test_template_reimported_unchanged_changes_nothing(template, people, round, province):
    before = database_snapshot()

    outcome = import_(template, people, round, province)

    assert outcome.problems == []
    assert (outcome.rows, outcome.unchanged, outcome.changed) == (3, 3, 0)
    assert database_snapshot() == before


def test_edited_values_land_in_the_results(template, people, round, province, registered):
    unit = registered[0].registration.unit.code
    row = row_of(template, SHEET, unit)
    yes_no, percent = column_of(template, SHEET, "TC01"), column_of(template, SHEET, "TC02")
    cells_edit(template, SHEET, {f"{yes_no}{row}": "Có", f"{percent}{row}": 92.5})

    outcome = import_(template, people, round, province)

    assert outcome.problems == []
    assert (outcome.updated, outcome.unchanged) == (1, 2)
    values = self_values(registered[0])
    assert (values["TC01"], values["TC02"]) == (Decimal(1), Decimal("92.5"))
    assert import_(template, people, round, province).changed == 0


def test_three_errors_are_reported_by_position_and_nothing_changes(
    template, people, round, province, registered
):
    row = row_of(template, SHEET, registered[0].registration.unit.code)
    yes_no, percent = column_of(template, SHEET, "TC01"), column_of(template, SHEET, "TC02")
    cells_edit(
        template,
        SHEET,
        {f"{percent}{row}": "chín mươi", f"{yes_no}{row + 1}": "Cóo", "A10": "99999"},
    )
    before = database_snapshot()

    with translation.override("en"):
        outcome = import_(template, people, round, province)

    assert [(p.sheet, p.row, p.column) for p in outcome.problems] == [
        (SHEET, row, percent),
        (SHEET, row + 1, yes_no),
        (SHEET, 10, "A"),
    ]
    assert "not a number" in outcome.problems[0].message
    assert database_snapshot() == before


def test_round_trip_every_value_of_the_province_equals_the_file(
    template, tmp_path, people, round, province, registered
):
    """Export the province's assessments, change every value, import: the records equal the
    file, and a new export holds exactly the values of the edited file."""
    workbook = load_workbook(template)
    sheet = workbook[SHEET]
    criteria = list(round.criteria_set.criteria.order_by("position"))
    for unit_index, row in enumerate(sheet.iter_rows(min_row=2), start=1):
        for index, criterion in enumerate(criteria):
            cell = row[4 + index]
            if criterion.kind == Kind.BOOL:
                cell.value = "Có" if (unit_index + index) % 3 else "Không"
            elif criterion.kind == Kind.PCT:
                cell.value = 50 + unit_index * 10 + index / 4
            else:
                cell.value = unit_index + index
    workbook.save(template)

    outcome = import_(template, people, round, province)
    export = template_save(
        tmp_path / "xuat.xlsx", actor=people.province_own, kind=KIND, round=round, province=province
    )

    assert (outcome.problems, outcome.updated) == ([], 3)
    assert data_values(export, skip=("Phiên bản",)) == data_values(template, skip=("Phiên bản",))
    for assessment in registered:
        assessment.refresh_from_db()
        assert assessment.version == 2  # one change per unit, however many values
    assert import_(template, people, round, province).changed == 0


def data_values(path, *, skip: tuple[str, ...]) -> list[list]:
    """The data sheet's values, numbers as Decimals, leaving out the ``skip`` columns."""
    rows = list(load_workbook(path, read_only=True)[SHEET].iter_rows(values_only=True))
    kept = [i for i, header in enumerate(rows[0]) if header not in skip]
    return [
        [Decimal(repr(v)) if isinstance(v, float) else v for i, v in enumerate(row) if i in kept]
        for row in rows
    ]


def test_a_submitted_unit_is_refused_only_when_its_values_change(
    template, people, round, province, registered
):
    submitted = registered[1]
    submitted.state = State.SUBMITTED
    submitted.save()
    column = column_of(template, SHEET, "TC02")
    unchanged = import_(template, people, round, province)
    row = row_of(template, SHEET, submitted.registration.unit.code)
    cells_edit(template, SHEET, {f"{column}{row}": 70})
    before = database_snapshot()

    with translation.override("en"):
        changed = import_(template, people, round, province)

    assert (unchanged.problems, unchanged.unchanged) == ([], 3)
    assert [(p.row, p.column) for p in changed.problems] == [(row, "C")]
    assert "cannot change" in changed.problems[0].message
    assert database_snapshot() == before


def test_progress_is_reported_up_to_the_end(template, people, round, province, registered):
    cells_edit(template, SHEET, {f"{column_of(template, SHEET, 'TC02')}2": 70})
    calls = []

    import_(
        template, people, round, province, progress=lambda done, total: calls.append((done, total))
    )

    assert calls[:3] == [(1, 3), (2, 3), (3, 3)]
    assert calls[-1] == (4, 4)  # 3 rows read, 1 change applied
