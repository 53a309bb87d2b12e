"""Reading the cells of a data sheet: each value parsed, or a Problem naming its cell.

A sheet is read by its header row: each column is found by its header text, so a user who
reorders or hides columns still imports correctly. Values are parsed by what the column holds
(text, Có/Không, a number, an integer, a date, one of a list of choices).
"""

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from kieumau.workbooks.problems import Problem

YES, NO = "Có", "Không"
HEADER_ROW = 1
MAX_COLUMNS = 256  # columns read at most; a template has a few dozen
EMPTY = object()  # a cell with nothing in it


class CellError(ValueError):
    """A value that does not fit its column; ``str()`` is the reason."""


@dataclass
class Row:
    """One data row: its number as Excel shows it and its cells by column letter."""

    number: int
    values: dict[str, object]  # column letter → value (None when empty)

    def get(self, column: str | None) -> object:
        return None if column is None else self.values.get(column)

    @property
    def blank(self) -> bool:
        return all(_empty(value) for value in self.values.values())


def sheet_rows(sheet, problems: list[Problem]) -> tuple[dict[str, str], Iterator[Row]]:
    """The header texts by column letter, and the data rows (blank rows left out).

    A formula anywhere in the sheet is a problem at its cell: the import takes values only.
    """
    sheet.reset_dimensions()  # the declared size may lie; read the rows that are there
    header_cells = next(sheet.iter_rows(max_row=HEADER_ROW, max_col=MAX_COLUMNS), ())
    headers = {}
    for index, cell in enumerate(header_cells, start=1):
        if isinstance(cell.value, str) and cell.value.strip():
            headers[get_column_letter(index)] = " ".join(cell.value.split())
    width = max((_column_index(letter) for letter in headers), default=0)

    def data() -> Iterator[Row]:
        if not width:
            return
        # Only as wide as the header: a stray cell far to the right does not widen every row.
        rows = sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=width)
        for number, cells in enumerate(rows, start=HEADER_ROW + 1):
            values = {}
            for index, cell in enumerate(cells, start=1):
                letter = get_column_letter(index)
                if getattr(cell, "data_type", None) == "f":
                    problems.append(Problem(sheet.title, number, letter, str(FORMULA)))
                    values[letter] = None
                    continue
                values[letter] = cell.value
            row = Row(number, values)
            if not row.blank:
                yield row

    return headers, data()


def columns_find(
    sheet_title: str,
    headers: Mapping[str, str],
    wanted: Mapping[str, str],
    problems: list[Problem],
    *,
    optional: tuple[str, ...] = (),
) -> dict[str, str | None]:
    """Column letters of the ``wanted`` fields (field → header text), a problem per missing."""
    by_text = {text.casefold(): letter for letter, text in headers.items()}
    found: dict[str, str | None] = {}
    for field, text in wanted.items():
        found[field] = by_text.get(" ".join(text.split()).casefold())
        if found[field] is None and field not in optional:
            problems.append(
                Problem(
                    sheet_title,
                    HEADER_ROW,
                    None,
                    str(_("The column «%(header)s» is missing.") % {"header": text}),
                )
            )
    return found


def text(value: object) -> str:
    if _empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def unit_code(value: object, length: int) -> str:
    """A GSO code as text with its leading zeros, even if Excel turned it into a number."""
    code = text(value)
    if code.isdigit():
        return code.zfill(length)
    return code


def yes_no(value: object) -> bool | None:
    """Có → True, Không → False, empty → None; anything else is refused."""
    if _empty(value):
        return None
    if isinstance(value, bool):
        return value
    folded = text(value).casefold()
    if folded == YES.casefold():
        return True
    if folded == NO.casefold():
        return False
    raise CellError(
        _("«%(value)s» is not an answer: write %(yes)s or %(no)s.")
        % {"value": text(value), "yes": YES, "no": NO}
    )


def number(value: object) -> Decimal | None:
    """A number cell as a Decimal (empty → None); text that is not a number is refused."""
    if _empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("«%(value)s» is not a number.") % {"value": text(value)})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest decimal that reads back as the same float (95.5, not 95.4999…)
        return Decimal(repr(value)).normalize() if value.is_integer() else Decimal(repr(value))
    typed = text(value).replace(" ", "")
    if typed.count(",") == 1 and "." not in typed:
        typed = typed.replace(",", ".")  # Vietnamese decimal comma
    try:
        parsed = Decimal(typed)
    except InvalidOperation:
        parsed = None
    if parsed is None or not parsed.is_finite():
        raise CellError(_("«%(value)s» is not a number.") % {"value": text(value)})
    return parsed


def whole_number(value: object) -> int | None:
    """A count or an amount of VND: a whole number ≥ 0 (empty → None)."""
    parsed = number(value)
    if parsed is None:
        return None
    if parsed != parsed.to_integral_value():
        raise CellError(_("«%(value)s» is not a whole number.") % {"value": text(value)})
    if parsed < 0:
        raise CellError(_("«%(value)s» is negative.") % {"value": text(value)})
    return int(parsed)


def date(value: object) -> datetime.date | None:
    """A date cell, or a text dd/mm/yyyy (empty → None)."""
    if _empty(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(text(value), "%d/%m/%Y").date()
    except ValueError:
        raise CellError(
            _("«%(value)s» is not a date: write it as dd/mm/yyyy.") % {"value": text(value)}
        ) from None


def choice(value: object, labels: Mapping[str, str]) -> str | None:
    """The stored value whose label (or the value itself) was written (empty → None)."""
    if _empty(value):
        return None
    folded = text(value).casefold()
    for stored, label in labels.items():
        if folded in (label.casefold(), stored.casefold()):
            return stored
    raise CellError(
        _("«%(value)s» is not one of: %(choices)s.")
        % {"value": text(value), "choices": "; ".join(labels.values())}
    )


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _column_index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - ord("A") + 1
    return index


FORMULA = _("A formula is not accepted here: type the value itself.")
