"""A summary report as plain data: what every renderer (docx, PDF, xlsx, text) draws.

The narrative builds a ``Report`` from the analytics selectors; renderers only lay it out. A
report never reads anything but records, so changing a record changes the next report.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class ColumnKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    PERCENT = "percent"  # a number of percent (45.5 means 45,5%)
    MONEY = "money"  # VND
    DATE = "date"
    DATETIME = "datetime"  # date and local time


@dataclass(frozen=True)
class Column:
    label: str
    kind: ColumnKind = ColumnKind.TEXT


Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Table:
    """A table with a title; ``sheet`` names its worksheet in the xlsx (≤ 31 characters).

    ``printed``: False = only in the workbook (the docx, PDF and text leave it out), e.g. a unit
    list too long to print.
    """

    title: str
    sheet: str
    columns: list[Column]
    rows: list[list[Cell]]
    total: list[Cell] | None = None  # a closing row of totals, if any
    note: str = ""
    printed: bool = True


@dataclass(frozen=True)
class Figure:
    """A chart or map: SVG markup drawn on the server, and a caption."""

    caption: str
    svg: str
    width_mm: int = 160


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold_lead: str = ""  # a lead-in printed in bold before the text, e.g. "a) Văn bản chỉ đạo:"


@dataclass(frozen=True)
class Bullets:
    items: list[str]


Block = Paragraph | Bullets | Table | Figure


@dataclass
class Section:
    """A numbered part of the report ("I.", "1.", "Phụ lục 1") and what it says, in order."""

    number: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)


@dataclass
class Report:
    """A summary report (báo cáo sơ kết) in the layout of Decree 30/2020/NĐ-CP."""

    parent_body: str  # cơ quan chủ quản, e.g. "BỘ CÔNG AN" above a province's police
    issuing_body: str  # e.g. "BỘ CÔNG AN", "CÔNG AN TỈNH NGHỆ AN"
    number: str  # số, ký hiệu, e.g. "/BC-BCA" (the number is filled in when registered)
    place: str  # địa danh, e.g. "Hà Nội"
    issued_on: date
    summary: str  # trích yếu, after "BÁO CÁO"
    sections: list[Section]
    annexes: list[Section]
    recipients: list[str]  # nơi nhận
    signer_title: str  # e.g. "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
    signer_name: str = ""
    filename_stem: str = "bao-cao"

    def tables(self) -> list[Table]:
        """Every table of the report, in reading order (the xlsx has one sheet per table)."""
        found: list[Table] = []

        def walk(sections: list[Section]) -> None:
            for section in sections:
                found.extend(block for block in section.blocks if isinstance(block, Table))
                walk(section.subsections)

        walk(self.sections)
        walk(self.annexes)
        return found
