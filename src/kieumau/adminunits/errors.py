"""What an import says about a bad file: every problem with its position, nothing written."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    row: int | None  # 1-based line or sheet row; None for the file as a whole
    message: str
    column: str = ""

    def __str__(self) -> str:
        where = f"dòng {self.row}" if self.row else "tệp"
        if self.column:
            where += f", cột «{self.column}»"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file was refused; ``errors`` lists every problem found. Nothing was changed."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))
