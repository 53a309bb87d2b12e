"""The report as Markdown (format "md"), for the terminal and for reading anywhere.

``text_plain`` renders the same text without the markup (format "txt"). Figures are written
as a line naming the chart: the SVG itself has no place in a terminal.
"""

from kieumau.reports.document import Bullets, Figure, Paragraph, Report, Section, Table
from kieumau.reports.renderers._common import cell_text, date_line, number_line, printed

EXTENSION = "md"
CONTENT_TYPE = "text/markdown; charset=utf-8"


def render(report: Report) -> bytes:
    return to_text(report, markup=True).encode()


def to_text(report: Report, *, markup: bool) -> str:
    """The whole report: header block, title, sections, recipients and signer, annexes."""
    out = _Writer(markup)
    out.header(report)
    for section in report.sections:
        out.section(section, depth=2)
    out.closing(report)
    for annex in report.annexes:
        out.section(annex, depth=2)
    return "\n".join(out.lines).rstrip() + "\n"


class _Writer:
    def __init__(self, markup: bool) -> None:
        self.markup = markup
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def bold(self, value: str) -> str:
        return f"**{value}**" if self.markup and value else value

    def heading(self, value: str, depth: int) -> None:
        if self.markup:
            self.add(f"{'#' * depth} {value}", "")
        else:
            self.add(value, "=" * len(value) if depth <= 1 else "-" * len(value), "")

    def header(self, report: Report) -> None:
        body = [line for line in (report.parent_body, report.issuing_body) if line]
        self.add(*(self.bold(line) for line in body))
        self.add(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            number_line(report.number),
            date_line(report.place, report.issued_on),
            "",
        )
        self.heading("BÁO CÁO", 1)
        self.add(self.bold(report.summary), "")

    def section(self, section: Section, depth: int) -> None:
        self.heading(f"{section.number} {section.title}".strip(), depth)
        for block in printed(section.blocks):
            self.block(block)
        for sub in section.subsections:
            self.section(sub, depth + 1)

    def block(self, block) -> None:
        if isinstance(block, Paragraph):
            lead = f"{self.bold(block.bold_lead)} " if block.bold_lead else ""
            self.add(lead + block.text, "")
        elif isinstance(block, Bullets):
            self.add(*(f"- {item}" for item in block.items), "")
        elif isinstance(block, Figure):
            self.add(f"[Hình: {block.caption}]", "")
        elif isinstance(block, Table):
            self.table(block)

    def table(self, table: Table) -> None:
        self.add(self.bold(table.title), "")
        header = [column.label for column in table.columns]
        rows = [
            [cell_text(value, col.kind) for value, col in zip(row, table.columns, strict=True)]
            for row in [*table.rows, *([table.total] if table.total else [])]
        ]
        if self.markup:
            self.add("| " + " | ".join(header) + " |")
            self.add(
                "|" + "|".join("---" if c.kind == "text" else "---:" for c in table.columns) + "|"
            )
            for r in rows:
                self.add("| " + " | ".join(cell.replace("|", "/") for cell in r) + " |")
        else:
            widths = [
                max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i])
                for i in range(len(header))
            ]
            self.add("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
            self.add("  ".join("-" * w for w in widths))
            self.add(*("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows))
        self.add("")
        if table.note:
            self.add(table.note, "")

    def closing(self, report: Report) -> None:
        self.add(self.bold("Nơi nhận:"), *(f"- {r}" for r in report.recipients), "")
        self.add(*(self.bold(line) for line in report.signer_title.splitlines()))
        if report.signer_name:
            self.add("", "", self.bold(report.signer_name))
        self.add("")
