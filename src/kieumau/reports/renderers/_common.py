"""What the docx, PDF and xlsx renderers share: figures in Vietnamese notation whatever the
active language (a report is a Vietnamese document), the date line of Decree 30/2020/NĐ-CP, and
the stylesheet that colours the SVG charts and map outside the web page."""

import html
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.utils import timezone

from kieumau.reports.document import Block, Cell, ColumnKind, Table

STATIC_DIR = Path(__file__).resolve().parents[2] / "web" / "static" / "web"
# DejaVu first: the installed Liberation fonts lack Vietnamese letters such as "ể", and
# CairoSVG draws each text in one font without falling back.
FIGURE_FONT = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif'

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BÁO CÁO"
RECIPIENTS_LABEL = "Nơi nhận:"


def vn_number(value: int | Decimal | float, decimals: int = 0) -> str:
    """1234.5 → "1.234,5"; rounded half up, always grouped by thousands with dots."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def cell_text(value: Cell, kind: ColumnKind) -> str:
    """A table cell as printed: 1.234; 45,5%; 1.234.000 đồng; 05/02/2023; "" for nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return local_naive(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if kind == ColumnKind.PERCENT:
        return f"{vn_number(value, 1)}%"
    if kind == ColumnKind.MONEY:
        return f"{vn_number(value)} đồng"
    if kind == ColumnKind.INTEGER:
        return vn_number(value)
    decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 1
    return vn_number(value, decimals)


def local_naive(moment: datetime) -> datetime:
    """The moment on the local clock, without a zone (spreadsheets and print have none)."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def printed(blocks: list[Block]) -> list[Block]:
    """The blocks a printed format draws: all but the tables kept for the workbook alone."""
    return [block for block in blocks if not isinstance(block, Table) or block.printed]


def is_numeric(kind: ColumnKind) -> bool:
    return kind in (ColumnKind.INTEGER, ColumnKind.PERCENT, ColumnKind.MONEY)


PAGE_WIDTH_MM = 165  # A4 less the 30 mm and 15 mm margins
CHARACTER_MM, CELL_MARGINS_MM = 2.3, 5  # at 12 pt


def column_widths(table: Table) -> list[float]:
    """Share 165 mm as a browser's automatic layout does: each column gets at least its longest
    word (figures and dates whole), what is left goes to the columns in proportion to how much
    more their longest line wants."""
    rows = [*table.rows, *([table.total] if table.total else [])]
    least, most = [], []
    for index, column in enumerate(table.columns):
        texts = [cell_text(row[index], column.kind) for row in rows if index < len(row)]
        if is_numeric(column.kind) or column.kind == ColumnKind.DATE:
            words = [len(text) for text in texts]
        else:
            words = [len(word) for text in texts for word in text.split()]
        words += [len(word) for word in column.label.split()]
        lines = [len(text) for text in texts] + [len(column.label) // 2]
        least.append(max([*words, 2]) * CHARACTER_MM + CELL_MARGINS_MM)
        most.append(max(max([*lines, 2]) * CHARACTER_MM + CELL_MARGINS_MM, least[-1]))
    if sum(most) <= PAGE_WIDTH_MM:
        spare = PAGE_WIDTH_MM - sum(most)
        text = [i for i, c in enumerate(table.columns) if c.kind == ColumnKind.TEXT]
        widths = list(most)
        for i in text or range(len(widths)):
            widths[i] += spare / len(text or widths)
        return widths
    if sum(least) >= PAGE_WIDTH_MM:
        return [PAGE_WIDTH_MM * width / sum(least) for width in least]
    spare = PAGE_WIDTH_MM - sum(least)
    wants = [high - low for low, high in zip(least, most, strict=True)]
    return [low + spare * want / sum(wants) for low, want in zip(least, wants, strict=True)]


def date_line(place: str, issued_on: date) -> str:
    """ "Hà Nội, ngày 05 tháng 02 năm 2024": Decree 30 writes a 0 before days under 10 and
    months 1 and 2."""
    month = f"{issued_on.month:02d}" if issued_on.month < 3 else str(issued_on.month)
    return f"{place}, ngày {issued_on.day:02d} tháng {month} năm {issued_on.year}"


def number_line(number: str) -> str:
    """ "Số: 12/BC-BCA"; a number still to be filled in leaves room for it: "Số:      /BC-BCA"."""
    if number.startswith("/"):
        return f"Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0{number}"
    return f"Số: {number}"


@cache
def _variables() -> dict[str, str]:
    import tinycss2

    values: dict[str, str] = {}
    for rule in tinycss2.parse_stylesheet(
        (STATIC_DIR / "site.css").read_text(encoding="utf-8"), skip_comments=True
    ):
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for declaration in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True):
                if declaration.type == "declaration" and declaration.name.startswith("--"):
                    values[declaration.name] = tinycss2.serialize(declaration.value).strip()
    return values


PAINT_PROPERTIES = frozenset(
    {
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-linejoin",
        "font-size",
        "font-weight",
        "font-style",
        "letter-spacing",
        "text-anchor",
    }
)


def _colour(value: str) -> str:
    """#rgba (which CairoSVG does not read) as rgba(); other values unchanged."""
    match = re.fullmatch(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])", value)
    if not match:
        return value
    red, green, blue, alpha = (int(digit * 2, 16) for digit in match.groups())
    return f"rgba({red}, {green}, {blue}, {alpha / 255:.2f})"


def _resolve(value: str, variables: dict[str, str]) -> str:
    for name, replacement in sorted(variables.items(), key=lambda item: -len(item[0])):
        value = value.replace(f"var({name})", replacement)
    return value


@cache
def figure_css() -> str:
    """The chart and map rules of the web stylesheets with the colours written out (no CSS
    variables, no hover/focus rules): what CairoSVG and WeasyPrint need to colour the SVG."""
    import tinycss2

    variables = _variables()
    rules = [f".chart, .chart text {{ font-family: {FIGURE_FONT}; }}"]
    for name in ("site.css", "dashboards.css"):
        sheet = (STATIC_DIR / name).read_text(encoding="utf-8")
        for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue  # @media and the like: the screen layout, not the pictures
            selector = " ".join(tinycss2.serialize(rule.prelude).split())
            selectors = [
                part.strip()
                for part in selector.split(",")
                if ":" not in part
                and any(key in part for key in (".chart", ".map", ".fill-", ".bar", ".meter"))
            ]
            if not selectors:
                continue
            declarations = [
                f"{declaration.name}: {_colour(_resolve(value, variables))}"
                for declaration in tinycss2.parse_blocks_contents(
                    rule.content, skip_whitespace=True, skip_comments=True
                )
                if declaration.type == "declaration"
                and declaration.name in PAINT_PROPERTIES
                and (value := " ".join(tinycss2.serialize(declaration.value).split()))
            ]
            if declarations:
                rules.append(f"{', '.join(selectors)} {{ {'; '.join(declarations)} }}")
    return "\n".join(rules)


def svg_only(markup: str) -> str:
    """The ``<svg>`` element of ``markup`` (a figure may come wrapped in HTML, e.g. the map in
    its ``<figure>`` with the boundaries' attribution)."""
    start, end = markup.find("<svg"), markup.rfind("</svg>")
    if start < 0 or end < 0:
        return markup
    return markup[start : end + len("</svg>")]


def figure_note(markup: str) -> str:
    """The text of a ``<figcaption>`` around the SVG (the map's attribution, which its licence
    asks to print with it), or ""."""
    match = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", markup, re.DOTALL)
    if not match:
        return ""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())


def styled_svg(markup: str) -> str:
    """A copy of the figure's SVG carrying the figure stylesheet inside it, so it keeps its
    colours."""
    svg = svg_only(markup)
    start = svg.find("<svg")
    close = svg.find(">", start)
    if start < 0 or close < 0:
        return svg
    style = f"<style>{figure_css()}</style>"
    return svg[: close + 1] + style + svg[close + 1 :]
