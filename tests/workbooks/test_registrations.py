"""Registrations workbook: Có enrols a phường, Không withdraws a draft, the file is idempotent."""

import pytest
from django.utils import translation

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import UnitType
from kieumau.assessments.models import State
from kieumau.programme.models import Registration
from kieumau.workbooks.imports import WorkbookKind
from kieumau.workbooks.kinds import registrations

from .helpers import cells_edit, column_of, database_snapshot, file_import, row_of, template_save

KIND = WorkbookKind.REGISTRATIONS
SHEET = registrations.SHEET


@pytest.fixture
def template(tmp_path, people, round, province, registered):
    return template_save(
        tmp_path / "dang-ky.xlsx",
        actor=people.province_own,
        kind=KIND,
        round=round,
        province=province,
    )


def import_(path, people, round, province):
    return file_import(path, actor=people.province_own, kind=KIND, round=round, province=province)


def registered_codes(round, province) -> set[str]:
    return set(
        Registration.objects.filter(round=round, unit__province=province).values_list(
            "unit__code", flat=True
        )
    )


def test_template_lists_every_phuong_and_reimports_unchanged(template, people, round, province):
    wards = AdminUnit.objects.filter(
        admin_map=round.admin_map, province=province, type=UnitType.WARD
    ).count()
    before = database_snapshot()

    outcome = import_(template, people, round, province)

    assert outcome.problems == []
    assert (outcome.rows, outcome.unchanged, outcome.changed) == (wards, wards, 0)
    assert database_snapshot() == before


def test_yes_registers_and_no_withdraws_a_draft(template, people, round, province, registered):
    column = column_of(template, SHEET, "Đăng ký")
    withdrawn = registered[1].registration.unit.code
    newcomer = (
        AdminUnit.objects.filter(admin_map=round.admin_map, province=province, type=UnitType.WARD)
        .exclude(code__in=registered_codes(round, province))
        .order_by("code")
        .first()
        .code
    )
    cells_edit(
        template,
        SHEET,
        {
            f"{column}{row_of(template, SHEET, withdrawn)}": "Không",
            f"{column}{row_of(template, SHEET, newcomer)}": "Có",
        },
    )

    outcome = import_(template, people, round, province)

    assert outcome.problems == []
    assert (outcome.created, outcome.removed) == (1, 1)
    expected = {registered[0].registration.unit.code, registered[2].registration.unit.code}
    assert registered_codes(round, province) == expected | {newcomer}
    assert (
        Registration.objects.get(round=round, unit__code=newcomer).assessment.results.count() == 22
    )
    assert import_(template, people, round, province).changed == 0


def test_a_submitted_assessment_cannot_be_withdrawn(template, people, round, province, registered):
    registered[0].state = State.SUBMITTED
    registered[0].save()
    code = registered[0].registration.unit.code
    column = column_of(template, SHEET, "Đăng ký")
    row = row_of(template, SHEET, code)
    cells_edit(template, SHEET, {f"{column}{row}": "Không"})
    before = database_snapshot()

    with translation.override("en"):
        outcome = import_(template, people, round, province)

    assert [(p.sheet, p.row, p.column) for p in outcome.problems] == [(SHEET, row, column)]
    assert "cannot be withdrawn" in outcome.problems[0].message
    assert database_snapshot() == before
