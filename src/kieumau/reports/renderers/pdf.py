"""The report as PDF: the HTML template ``reports/report.html`` laid out by WeasyPrint.

The same content and layout as the Word document (A4, Decree 30 margins and header block,
table headers repeated on each page, page numbers from page 2); the charts and the map stay
vector SVG, coloured by the figure stylesheet; WeasyPrint embeds (subsets of) the fonts. The
template loads nothing from the network.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kieumau.reports.document import Bullets, ColumnKind, Figure, Paragraph, Report, Table
from kieumau.reports.renderers._common import (
    QUOC_HIEU,
    RECIPIENTS_LABEL,
    TIEU_NGU,
    TITLE,
    cell_text,
    column_widths,
    date_line,
    figure_note,
    is_numeric,
    number_line,
    printed,
    styled_svg,
)

EXTENSION = "pdf"
CONTENT_TYPE = "application/pdf"

STYLESHEET = Path(__file__).resolve().parents[1] / "templates" / "reports" / "report.css"


@dataclass(frozen=True)
class _Cell:
    text: str
    css: str


def render(report: Report) -> bytes:
    """The report as PDF bytes."""
    from weasyprint import CSS, HTML

    html = render_to_string("reports/report.html", _context(report))
    document = HTML(string=html, base_url=str(STYLESHEET.parent), url_fetcher=_no_fetching)
    # presentational hints: the <col width> of the tables
    return document.write_pdf(stylesheets=[CSS(string=_stylesheet())], presentational_hints=True)


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"The report loads nothing from outside: {url}")


@cache
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _context(report: Report) -> dict:
    recipients = [
        f"- {line.rstrip(';.')}{'.' if index == len(report.recipients) - 1 else ';'}"
        for index, line in enumerate(report.recipients)
    ]
    return {
        "report": _Prepared(report),
        "quoc_hieu": QUOC_HIEU,
        "tieu_ngu": TIEU_NGU,
        "title": TITLE,
        "number_line": number_line(report.number),
        "date_line": date_line(report.place, report.issued_on),
        "recipients_label": RECIPIENTS_LABEL,
        "recipients": recipients,
        "signer_lines": report.signer_title.splitlines(),
    }


class _Prepared:
    """The report with its blocks made ready for the template (kind, cell texts, SVG)."""

    def __init__(self, report: Report):
        self.parent_body = report.parent_body
        self.issuing_body = report.issuing_body
        self.summary = report.summary
        self.signer_name = report.signer_name
        self.sections = [_section(section) for section in report.sections]
        self.annexes = [_section(section) for section in report.annexes]


def _section(section) -> dict:
    return {
        "number": section.number,
        "title": section.title,
        "blocks": [_block(block) for block in printed(section.blocks)],
        "subsections": [_section(subsection) for subsection in section.subsections],
    }


def _css(kind: ColumnKind) -> str:
    if is_numeric(kind):
        return "num"
    return "date" if kind == ColumnKind.DATE else "text"


def _row(table: Table, values: list) -> list[_Cell]:
    return [
        _Cell(cell_text(value, column.kind), _css(column.kind))
        for column, value in zip(table.columns, values, strict=False)
    ]


def _block(block) -> dict:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "bold_lead": block.bold_lead}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "items": block.items}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "title": block.title,
            "columns": block.columns,
            "widths": _percentages(block),
            "rows": [_row(block, row) for row in block.rows],
            "total": _row(block, block.total) if block.total else None,
            "note": block.note,
        }
    if isinstance(block, Figure):
        return {
            "kind": "figure",
            "caption": block.caption,
            "note": figure_note(block.svg),
            "svg": _figure_svg(block),
        }
    raise TypeError(f"Unknown block {block!r}")


def _percentages(table: Table) -> list[str]:
    """Each column's share of the width, as in the Word document (a fixed table layout is
    much faster to lay out than an automatic one for long tables)."""
    widths = column_widths(table)
    total = sum(widths)
    return [f"{100 * width / total:.1f}%" for width in widths]


def _figure_svg(figure: Figure) -> SafeString:
    """The SVG with its stylesheet inside and its printed width (the SVG is built escaped)."""
    svg = styled_svg(figure.svg)
    start = svg.find("<svg")
    width = f' width="{min(figure.width_mm, 165)}mm"'
    return mark_safe(svg[: start + 4] + width + svg[start + 4 :])
