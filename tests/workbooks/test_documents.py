"""Directive documents workbook: new rows added, changed ones updated by issuer+number+date."""

import datetime

import pytest

from kieumau.context.models import DirectiveDocument
from kieumau.context.services import directive_document_add
from kieumau.workbooks.imports import WorkbookKind
from kieumau.workbooks.kinds import documents

from .helpers import cells_edit, database_snapshot, file_import, template_save

KIND = WorkbookKind.DOCUMENTS
SHEET = documents.SHEET


@pytest.fixture
def recorded(people, province):
    return directive_document_add(
        actor=people.province_own,
        province=province,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="05-NQ/TU",
        date=datetime.date(2023, 3, 1),
        title="Về xây dựng Công an phường điển hình, kiểu mẫu",
    )


@pytest.fixture
def template(tmp_path, people, round, province, recorded):
    return template_save(
        tmp_path / "van-ban.xlsx",
        actor=people.province_own,
        kind=KIND,
        round=round,
        province=province,
    )


def import_(path, people, round, province):
    return file_import(path, actor=people.province_own, kind=KIND, round=round, province=province)


def test_template_reimported_unchanged(template, people, round, province):
    before = database_snapshot()

    outcome = import_(template, people, round, province)

    assert (outcome.problems, outcome.rows, outcome.unchanged, outcome.changed) == ([], 1, 1, 0)
    assert database_snapshot() == before


def test_rows_add_and_update_documents(template, people, round, province, recorded):
    cells_edit(
        template,
        SHEET,
        {
            "E2": "Về xây dựng Công an phường điển hình, kiểu mẫu giai đoạn 2023-2025",
            "A3": "Ủy ban nhân dân",
            "B3": "Đề án",
            "C3": "12/ĐA-UBND",
            "D3": "15/06/2023",
            "E3": "Đề án xây dựng Công an phường kiểu mẫu",
        },
    )

    outcome = import_(template, people, round, province)

    assert (outcome.problems, outcome.created, outcome.updated) == ([], 1, 1)
    stored = {
        (d.issuer, d.kind, d.number, d.date, d.title)
        for d in DirectiveDocument.objects.filter(province=province)
    }
    assert stored == {
        (
            "party_committee",
            "nghi_quyet",
            "05-NQ/TU",
            datetime.date(2023, 3, 1),
            "Về xây dựng Công an phường điển hình, kiểu mẫu giai đoạn 2023-2025",
        ),
        (
            "peoples_committee",
            "de_an",
            "12/ĐA-UBND",
            datetime.date(2023, 6, 15),
            "Đề án xây dựng Công an phường kiểu mẫu",
        ),
    }
    assert import_(template, people, round, province).changed == 0


def test_a_future_date_is_refused_by_the_service_at_its_cell(template, people, round, province):
    cells_edit(
        template,
        SHEET,
        {"A3": "Công an tỉnh", "B3": "Kế hoạch", "C3": "1/KH", "D3": "01/01/2999", "E3": "X"},
    )
    before = database_snapshot()

    outcome = import_(template, people, round, province)

    assert [(p.row, p.column) for p in outcome.problems] == [(3, "D")]
    assert database_snapshot() == before
