"""Files that are not what they claim are refused before anything is read or written."""

import io
import zipfile

import pytest
from django.utils import translation

from kieumau.workbooks.imports import WorkbookKind
from kieumau.workbooks.kinds import self_assessment
from kieumau.workbooks.problems import WorkbookRefused

from .helpers import cells_edit, column_of, database_snapshot, file_import, template_save

KIND = WorkbookKind.SELF_ASSESSMENT
DATA_PART = "xl/worksheets/sheet2.xml"  # the template's data sheet (the second sheet)


@pytest.fixture
def template(tmp_path, people, round, province, registered):
    return template_save(
        tmp_path / "tu-danh-gia.xlsx",
        actor=people.province_own,
        kind=KIND,
        round=round,
        province=province,
    )


def import_(path, people, round, province):
    return file_import(path, actor=people.province_own, kind=KIND, round=round, province=province)


def refusal(path, people, round, province) -> str:
    before = database_snapshot()
    with translation.override("en"), pytest.raises(WorkbookRefused) as refused:
        import_(path, people, round, province)
    assert database_snapshot() == before
    with translation.override("en"):  # the refusal is lazy: read it in English
        return " ".join(refused.value.messages)


def parts_replaced(source, target, replacements: dict[str, object]) -> None:
    """Copy the xlsx ``source`` to ``target`` with some parts replaced (bytes, or a callable
    writing into the open member) or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for member in old.infolist():
            if member.filename not in replacements:
                new.writestr(member, old.read(member))
        for name, content in replacements.items():
            if callable(content):
                with new.open(name, "w") as part:
                    content(part)
            else:
                new.writestr(name, content)


def test_a_csv_renamed_xlsx_is_refused(tmp_path, people, round, province, registered):
    path = tmp_path / "tu-danh-gia.xlsx"
    path.write_text("Mã phường,TC01\n16690,Có\n", encoding="utf-8")

    assert "not an Excel workbook" in refusal(path, people, round, province)


def test_an_old_xls_or_password_protected_file_is_refused(tmp_path, people, round, province):
    path = tmp_path / "cu.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    assert "old Excel file" in refusal(path, people, round, province)


def test_a_zip_bomb_is_refused_without_unpacking(template, tmp_path, people, round, province):
    def zeros(part):
        for _ in range(50):
            part.write(b"\x00" * 1_048_576)

    bomb = tmp_path / "bom.xlsx"
    parts_replaced(template, bomb, {"xl/media/image1.bin": zeros})

    assert "zip bomb" in refusal(bomb, people, round, province)


def test_the_unpacked_size_limit_is_configurable(template, settings, people, round, province):
    settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES = 10_000

    assert "unpacks to more than" in refusal(template, people, round, province)


def test_the_file_size_limit_is_configurable(template, settings, people, round, province):
    settings.WORKBOOK_MAX_BYTES = 1_000

    assert "a workbook may be at most" in refusal(template, people, round, province)


def million_rows(part, *, declared: bool) -> None:
    """A worksheet of 1,000,000 numbered rows, written in blocks (a second or so)."""
    part.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
    part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if declared:
        part.write(b'<dimension ref="A1:A1000000"/>')
    part.write(b"<sheetData>")
    for start in range(1, 1_000_001, 10_000):
        part.write(
            "".join(
                f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                for n in range(start, start + 10_000)
            ).encode()
        )
    part.write(b"</sheetData></worksheet>")


@pytest.mark.parametrize("declared", [True, False], ids=["dimension", "no-dimension"])
def test_a_million_rows_are_refused(template, tmp_path, people, round, province, declared):
    path = tmp_path / "trieu-dong.xlsx"
    parts_replaced(template, path, {DATA_PART: lambda part: million_rows(part, declared=declared)})

    message = refusal(path, people, round, province)

    assert "more than 20000 rows" in message
    assert path.stat().st_size < 10 * 1_048_576


def test_the_row_limit_is_configurable(template, settings, people, round, province):
    settings.WORKBOOK_MAX_ROWS = 2

    assert "more than 2 rows" in refusal(template, people, round, province)


def test_a_formula_where_a_value_is_expected_is_refused_at_its_cell(
    template, people, round, province
):
    column = column_of(template, self_assessment.SHEET, "TC02")
    cells_edit(template, self_assessment.SHEET, {f"{column}3": "=90+5"})
    before = database_snapshot()

    with translation.override("en"):
        outcome = import_(template, people, round, province)

    assert [(p.sheet, p.row, p.column) for p in outcome.problems] == [
        (self_assessment.SHEET, 3, column)
    ]
    assert "formula" in outcome.problems[0].message
    assert database_snapshot() == before


def test_a_workbook_with_macros_is_refused(template, tmp_path, people, round, province):
    path = tmp_path / "macro.xlsx"
    parts_replaced(template, path, {"xl/vbaProject.bin": b"\x00" * 512})

    assert "macros" in refusal(path, people, round, province)


def test_an_xlsm_file_is_refused(template, tmp_path, people, round, province):
    path = tmp_path / "tu-danh-gia.xlsm"
    path.write_bytes(template.read_bytes())

    assert "macros" in refusal(path, people, round, province)


def test_a_zip_without_workbook_parts_is_refused(tmp_path, people, round, province):
    path = tmp_path / "khac.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path.write_bytes(buffer.getvalue())

    assert "not an Excel workbook" in refusal(path, people, round, province)


def test_a_malformed_sheet_is_refused(template, tmp_path, people, round, province):
    path = tmp_path / "hong.xlsx"
    broken = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    parts_replaced(template, path, {DATA_PART: broken + b"<sheetData><row r='1'><c"})

    assert "could not be read" in refusal(path, people, round, province)
