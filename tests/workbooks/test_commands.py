"""`kieumau template` and `kieumau import` on the command line."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kieumau.assessments.models import CriterionResult
from kieumau.workbooks.kinds import self_assessment

from .helpers import cells_edit, column_of, database_snapshot, row_of

SHEET = self_assessment.SHEET


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def template(tmp_path, people, round, province, registered):
    path = tmp_path / "tu-danh-gia.xlsx"
    run(
        "template",
        "self-assessment",
        "--round",
        str(round.year),
        "--province",
        province.code,
        "--user",
        people.province_own.username,
        "-o",
        str(path),
    )
    return path


def import_args(path, people, round, province, *extra):
    return (
        "import",
        "self-assessment",
        str(path),
        "--round",
        str(round.year),
        "--province",
        province.code,
        "--user",
        people.province_own.username,
        *extra,
    )


def test_template_then_import_prints_the_summary(template, people, round, province, registered):
    row = row_of(template, SHEET, registered[0].registration.unit.code)
    column = column_of(template, SHEET, "TC02")
    cells_edit(template, SHEET, {f"{column}{row}": 88})

    out, _err = run(*import_args(template, people, round, province))

    assert "cập nhật: 1" in out and "giữ nguyên: 2" in out
    value = CriterionResult.objects.get(assessment=registered[0], criterion__code="TC02")
    assert value.self_value == 88


def test_a_dry_run_writes_nothing(template, people, round, province, registered):
    cells_edit(template, SHEET, {f"{column_of(template, SHEET, 'TC02')}2": 88})
    before = database_snapshot()

    out, _err = run(*import_args(template, people, round, province, "--dry-run"))

    assert "chạy thử" in out and "cập nhật: 1" in out
    assert database_snapshot() == before


def test_problems_are_printed_as_a_table_and_the_command_fails(template, people, round, province):
    column = column_of(template, SHEET, "TC02")
    cells_edit(template, SHEET, {f"{column}2": "nhiều"})
    out = StringIO()

    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command(*import_args(template, people, round, province), stdout=out)

    assert failed.value.returncode == 1
    assert "1 lỗi" in str(failed.value)
    assert SHEET in out.getvalue() and f"{column}2" in out.getvalue()
    assert "is not a number" in out.getvalue()


def test_an_unknown_kind_is_refused(people, round, province, tmp_path):
    with pytest.raises(CommandError, match="Không có loại biểu mẫu"):
        run(
            "template",
            "quotas",
            "--round",
            str(round.year),
            "--province",
            province.code,
            "--user",
            people.province_own.username,
            "-o",
            str(tmp_path / "x.xlsx"),
        )


def test_a_denied_user_gets_a_message(template, people, round, province):
    args = list(import_args(template, people, round, province))
    args[args.index("--user") + 1] = people.province_other.username

    with pytest.raises(CommandError, match="không có gì thay đổi"):
        run(*args)
