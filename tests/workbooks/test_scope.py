"""Who may import or export which province's workbook: refused before the file is read."""

import io

import pytest

from kieumau.accounts.scopes import Denied
from kieumau.workbooks.imports import WorkbookKind, workbook_import, workbook_template

from .helpers import database_snapshot, file_import, template_save


class Unreadable(io.BytesIO):
    """A file that fails the test if the import reads it."""

    name = "tu-danh-gia.xlsx"

    def read(self, *args):
        raise AssertionError("the file was read before the permission check")


@pytest.mark.parametrize("kind", list(WorkbookKind))
@pytest.mark.parametrize("role", ["province_other", "ward_own", "ministry", "viewer"])
def test_outsiders_are_denied_before_the_file_is_read(
    kind, role, people, round, province, registered
):
    before = database_snapshot()

    with pytest.raises(Denied):
        workbook_import(
            actor=getattr(people, role),
            kind=kind,
            file=Unreadable(),
            round=round,
            province=province,
        )

    assert database_snapshot() == before


def test_another_provinces_officer_cannot_import_a_valid_file(
    tmp_path, people, round, province, registered
):
    path = template_save(
        tmp_path / "dang-ky.xlsx",
        actor=people.province_own,
        kind=WorkbookKind.REGISTRATIONS,
        round=round,
        province=province,
    )
    before = database_snapshot()

    with pytest.raises(Denied):
        file_import(
            path,
            actor=people.province_other,
            kind=WorkbookKind.REGISTRATIONS,
            round=round,
            province=province,
        )

    assert database_snapshot() == before


@pytest.mark.parametrize("role", ["province_other", "ward_own", "ward_other"])
def test_the_template_of_a_province_is_not_given_outside_its_scope(role, people, round, province):
    with pytest.raises(Denied):
        workbook_template(
            actor=getattr(people, role),
            kind=WorkbookKind.SELF_ASSESSMENT,
            round=round,
            province=province,
        )


def test_the_ministry_may_export_a_provinces_template(people, round, province, registered):
    content = workbook_template(
        actor=people.ministry, kind=WorkbookKind.SELF_ASSESSMENT, round=round, province=province
    )

    assert content.startswith(b"PK")


def test_a_file_made_for_another_province_is_reported(
    tmp_path, people, round, province, admin_map, registered
):
    from tests.assessments.factories import unit_get

    hanoi = unit_get(admin_map, "01")
    path = template_save(
        tmp_path / "ha-noi.xlsx",
        actor=people.ministry,
        kind=WorkbookKind.REGISTRATIONS,
        round=round,
        province=hanoi,
    )

    outcome = file_import(
        path,
        actor=people.province_own,
        kind=WorkbookKind.REGISTRATIONS,
        round=round,
        province=province,
    )

    assert [(p.sheet, p.row) for p in outcome.problems] == [("Thông tin", None)]
