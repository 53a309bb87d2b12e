"""What the kinds share when reading: the data sheet's rows, the information sheet's checks,
and the province's units looked up once for the whole file."""

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from django.utils.translation import gettext
from openpyxl.workbook import Workbook

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.programme.models import Round
from kieumau.workbooks import cells
from kieumau.workbooks.cells import Row
from kieumau.workbooks.plans import Plan
from kieumau.workbooks.problems import Problem
from kieumau.workbooks.sheets import INFO_SHEET

CODE_LENGTH = 5  # GSO commune codes: "00004"
ReadProgress = Callable[[int, int], None]


def sheet_read(
    workbook: Workbook,
    title: str,
    wanted: dict[str, str],
    plan: Plan,
    *,
    kind_code: str,
    round: Round,
    province: AdminUnit,
    optional: tuple[str, ...] = (),
) -> tuple[dict[str, str | None], list[Row]]:
    """The column letter of each wanted field and the non-blank data rows of sheet ``title``.

    Problems (added to ``plan``): the sheet or a column missing, a formula in a cell, an
    information sheet naming another kind, round or province.
    """
    _info_check(workbook, plan, kind_code=kind_code, round=round, province=province)
    if title not in workbook.sheetnames:
        plan.problems.append(
            Problem(
                None,
                None,
                None,
                gettext("The workbook has no sheet «%(sheet)s»: use the template.")
                % {"sheet": title},
            )
        )
        return {}, []
    headers, rows = cells.sheet_rows(workbook[title], plan.problems)
    columns = cells.columns_find(title, headers, wanted, plan.problems, optional=optional)
    data = list(rows)
    plan.rows = len(data)
    return columns, data


def _info_check(
    workbook: Workbook, plan: Plan, *, kind_code: str, round: Round, province: AdminUnit
) -> None:
    """A file made for another kind, round or province is refused before its rows are read:
    its rows would otherwise land in the wrong place."""
    if INFO_SHEET not in workbook.sheetnames:
        return
    info = {}
    lines = workbook[INFO_SHEET].iter_rows(max_row=30, max_col=2, values_only=True)
    for label, value in ((*line, None, None)[:2] for line in lines):
        if isinstance(label, str):
            info[label.strip()] = cells.text(value)
    expected = {
        "Mã biểu mẫu": kind_code,
        "Năm": str(round.year),
        "Mã tỉnh": province.code,
    }
    for label, value in expected.items():
        found = info.get(label)
        if found and found != value:
            plan.problems.append(
                Problem(
                    INFO_SHEET,
                    None,
                    None,
                    gettext(
                        "The workbook was made for «%(label)s» %(found)s, not %(expected)s: "
                        "download the template for this import."
                    )
                    % {"label": label, "found": found, "expected": value},
                )
            )


def province_wards(round: Round, province: AdminUnit) -> dict[str, AdminUnit]:
    """The phường of the province on the round's map, by code, with their district."""
    wards = (
        AdminUnit.objects.filter(admin_map=round.admin_map, province=province, type=UnitType.WARD)
        .select_related("parent")
        .order_by("code")
    )
    return {ward.code: ward for ward in wards}


def district_name(ward: AdminUnit) -> str:
    parent = ward.parent
    if parent is None or parent.level != Level.DISTRICT:
        return ""
    return parent.full_name


Unit = TypeVar("Unit")  # what a kind looks a row's unit code up in: ward, registration, …


def unit_rows(
    rows: list[Row],
    units: Mapping[str, Unit],
    plan: Plan,
    *,
    sheet: str,
    code_column: str | None,
    province: AdminUnit,
    registered: bool,
    progress: ReadProgress | None = None,
) -> Iterator[tuple[Row, Unit]]:
    """Each row with the unit its code names; rows naming an unknown unit, or a unit already
    named on an earlier row, become problems of ``plan`` and are skipped."""
    seen: dict[str, int] = {}
    for done, row in enumerate(rows, start=1):
        if progress is not None:
            progress(done, len(rows))
        code = cells.unit_code(row.get(code_column), CODE_LENGTH)
        unit = units.get(code)
        if unit is None:
            plan.problems.append(
                unknown_unit(sheet, row, code_column, code, province, registered=registered)
            )
            continue
        if code in seen:
            plan.problems.append(duplicate_row(sheet, row, code_column, seen[code]))
            continue
        seen[code] = row.number
        yield row, unit


def unknown_unit(
    sheet: str, row: Row, column: str | None, code: str, province: AdminUnit, *, registered: bool
) -> Problem:
    if not code:
        message = gettext("The unit code is empty.")
    elif registered:
        message = gettext("No registered phường with code «%(code)s» in %(province)s.") % {
            "code": code,
            "province": province.full_name,
        }
    else:
        message = gettext("No phường with code «%(code)s» in %(province)s.") % {
            "code": code,
            "province": province.full_name,
        }
    return Problem(sheet, row.number, column, message)


def duplicate_row(sheet: str, row: Row, column: str | None, first: int) -> Problem:
    return Problem(
        sheet,
        row.number,
        column,
        gettext("The same unit is already on row %(row)d.") % {"row": first},
    )


def cell_problem(sheet: str, row: Row, column: str | None, error: cells.CellError) -> Problem:
    return Problem(sheet, row.number, column, str(error))
