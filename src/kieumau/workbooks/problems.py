"""What an import found wrong, each problem with its place in the workbook."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Problem:
    """One refusal: ``sheet``/``row``/``column`` locate it (None: the file as a whole).

    ``row`` is the spreadsheet's row number (1-based, as Excel shows it), ``column`` its
    letter (A, B, …, AA); ``message`` a lazy translatable text (shown in the user's language).
    """

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    @property
    def cell(self) -> str:
        """ "Đăng ký!C7"-style position for messages and logs ("" for the whole file)."""
        place = f"{self.column or ''}{self.row or ''}"
        if self.sheet and place:
            return f"{self.sheet}!{place}"
        return self.sheet or place


class WorkbookRefused(ValidationError):
    """The file as a whole is refused before any row is read (not xlsx, too big, a zip bomb)."""
