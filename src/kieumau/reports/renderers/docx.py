"""The report as a Word document in the layout of Decree 30/2020/NĐ-CP (Phụ lục I).

A4, margins 20/20/30/15 mm, Times New Roman 14 pt; the header block (issuing body, số/ký hiệu;
quốc hiệu and tiêu ngữ, place and date), "BÁO CÁO" and the trích yếu; numbered sections with
justified paragraphs; tables whose header row repeats on every page; charts and the map as PNG
(drawn from their SVG by CairoSVG); "Nơi nhận" and the signature; page numbers at the top from
page 2; each annex on a new page.
"""

from copy import deepcopy
from io import BytesIO

from kieumau.reports.document import Bullets, Figure, Paragraph, Report, Section, Table
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

EXTENSION = "docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
FIGURE_DPI = 200


def render(report: Report) -> bytes:
    """The report as .docx bytes."""
    from docx import Document

    document = Document()
    _page_setup(document)
    _styles(document)
    _header_block(document, report)
    for section in report.sections:
        _section(document, section, level=1)
    _closing(document, report)
    for annex in report.annexes:
        _annex(document, annex)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Page, styles and low-level helpers


def _page_setup(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # Page numbers centred at the top, from page 2 (Decree 30: not on the first page).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    _format(paragraph, align="center", after=0)
    _page_field(paragraph)


def _styles(document) -> None:
    from docx.shared import Pt

    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        _east_asian_font(style.element)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1


def _east_asian_font(element) -> None:
    """Set every script's font (Word falls back to the theme font for some otherwise)."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _format(
    paragraph,
    *,
    align: str = "justify",
    indent_mm: float = 0,
    before: float = 0,
    after: float = 6,
    keep_next: bool = False,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    fmt = paragraph.paragraph_format
    fmt.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    fmt.first_line_indent = Mm(indent_mm) if indent_mm else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if keep_next:
        fmt.keep_with_next = True


def _run(paragraph, text: str, *, size: float | None = None, bold=False, italic=False):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return run


def _line_under(cell_or_document, width_mm: float, container_width_mm: float) -> None:
    """A short centred rule: an empty paragraph with a bottom border, indented both sides."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = cell_or_document.add_paragraph()
    _format(paragraph, align="center", after=2)
    side = max((container_width_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing = Pt(2)
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(
        qn("w:bottom"),
        {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000"},
    )
    borders.append(bottom)
    # pBdr comes before spacing/ind/jc in the schema's order.
    properties.insert(_position(properties, ("w:pStyle", "w:keepNext", "w:keepLines")), borders)


def _position(parent, earlier: tuple[str, ...]) -> int:
    from docx.oxml.ns import qn

    names = {qn(name) for name in earlier}
    index = 0
    for position, child in enumerate(parent):
        if child.tag in names:
            index = position + 1
    return index


def _page_field(paragraph) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def field_char(kind: str):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        element = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        run._r.append(element)
        return run

    field_char("begin")
    instruction_run = paragraph.add_run()
    instruction_run.font.size = Pt(13)
    instruction = instruction_run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    instruction_run._r.append(instruction)
    field_char("separate")
    _run(paragraph, "2", size=13)
    field_char("end")


def _borderless(table) -> None:
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    borders = properties.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    properties.append(borders)


def _fixed_widths(table, widths_mm: list[float]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    properties = table._tbl.tblPr
    layout = properties.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    properties.append(layout)
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)


def _cell_paragraph(cell, first: bool):
    return cell.paragraphs[0] if first else cell.add_paragraph()


# The parts of the document


def _header_block(document, report: Report) -> None:
    left_mm, right_mm = 65.0, 100.0
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _fixed_widths(table, [left_mm, right_mm])
    left, right = table.rows[0].cells

    first = True
    if report.parent_body:
        paragraph = _cell_paragraph(left, first)
        _format(paragraph, align="center", after=0)
        _run(paragraph, report.parent_body.upper(), size=13)
        first = False
    paragraph = _cell_paragraph(left, first)
    _format(paragraph, align="center", after=0)
    _run(paragraph, report.issuing_body.upper(), size=13, bold=True)
    _line_under(left, 25, left_mm)
    paragraph = left.add_paragraph()
    _format(paragraph, align="center", before=4, after=0)
    _run(paragraph, number_line(report.number), size=13)

    paragraph = right.paragraphs[0]
    _format(paragraph, align="center", after=0)
    _run(paragraph, QUOC_HIEU, size=12, bold=True)
    paragraph = right.add_paragraph()
    _format(paragraph, align="center", after=0)
    _run(paragraph, TIEU_NGU, size=13, bold=True)
    _line_under(right, 60, right_mm)
    paragraph = right.add_paragraph()
    _format(paragraph, align="center", before=4, after=0)
    _run(paragraph, date_line(report.place, report.issued_on), size=13, italic=True)

    paragraph = document.add_paragraph()
    _format(paragraph, align="center", before=18, after=0, keep_next=True)
    _run(paragraph, TITLE, size=BODY_PT, bold=True)
    paragraph = document.add_paragraph()
    _format(paragraph, align="center", after=0, keep_next=True)
    _run(paragraph, report.summary, size=BODY_PT, bold=True)
    _line_under(document, 35, 165)
    document.add_paragraph().paragraph_format.space_after = 0


def _section(document, section: Section, *, level: int) -> None:
    paragraph = document.add_paragraph()
    _format(paragraph, indent_mm=10, before=6 if level == 1 else 3, keep_next=True)
    heading = f"{section.number} {section.title}".strip()
    _run(paragraph, heading, bold=True, italic=level >= 3)
    _blocks(document, section.blocks)
    for subsection in section.subsections:
        _section(document, subsection, level=level + 1)


def _blocks(document, blocks) -> None:
    for block in printed(blocks):
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            _format(paragraph, indent_mm=10)
            if block.bold_lead:
                _run(paragraph, f"{block.bold_lead} ", bold=True)
            _run(paragraph, block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                paragraph = document.add_paragraph()
                _format(paragraph, indent_mm=10)
                _run(paragraph, f"- {item}")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            _figure(document, block)


def _table(document, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT

    paragraph = document.add_paragraph()
    _format(paragraph, align="center", before=6, after=4, keep_next=True)
    _run(paragraph, table.title, size=13, bold=True)

    count = len(table.columns)
    rows = [*table.rows, *([table.total] if table.total else [])]
    # The header, then one formatted model row per weight; the rows are copies of a model with
    # their text set: formatting every cell through python-docx takes ~1 ms a cell.
    grid = document.add_table(rows=3, cols=count)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(grid, column_widths(table))

    header, plain, bold = grid.rows
    _repeat_header(header)
    for column, cell in zip(table.columns, header.cells, strict=True):
        paragraph = cell.paragraphs[0]
        _format(paragraph, align="center", before=2, after=2)
        _run(paragraph, column.label, size=TABLE_PT, bold=True)
        _middle(cell)
    for model, weight in ((plain, False), (bold, True)):
        _cant_split(model)
        for column, cell in zip(table.columns, model.cells, strict=True):
            paragraph = cell.paragraphs[0]
            numeric = is_numeric(column.kind)
            align = "right" if numeric else ("center" if column.kind == "date" else "left")
            _format(paragraph, align=align, before=1, after=1)
            _run(paragraph, "-", size=TABLE_PT, bold=weight)
            _middle(cell)
    for index, values in enumerate(rows):
        model = bold if table.total is not None and index == len(rows) - 1 else plain
        grid._tbl.append(_row_copy(model._tr, table.columns, values))
    grid._tbl.remove(plain._tr)
    grid._tbl.remove(bold._tr)
    if table.note:
        paragraph = document.add_paragraph()
        _format(paragraph, align="left", before=3)
        _run(paragraph, table.note, size=12, italic=True)
    else:
        document.add_paragraph().paragraph_format.space_after = 0


def _row_copy(model, columns, values):
    """A copy of the model row (``w:tr``) with each cell's text set; a missing value is blank."""
    from docx.oxml.ns import qn

    row = deepcopy(model)
    padded = [*values, *[None] * (len(columns) - len(values))]
    for column, text, value in zip(columns, row.iter(qn("w:t")), padded, strict=True):
        text.text = cell_text(value, column.kind)
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return row


def _repeat_header(row) -> None:
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))


def _cant_split(row) -> None:
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))


def _middle(cell) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def figure_png(figure: Figure) -> bytes:
    """The figure's SVG, coloured by the figure stylesheet, as a PNG at 200 dpi."""
    import cairosvg

    width_px = round(min(figure.width_mm, 165) / 25.4 * FIGURE_DPI)
    return cairosvg.svg2png(
        bytestring=styled_svg(figure.svg).encode("utf-8"),
        output_width=width_px,
        background_color="white",
    )


def _figure(document, figure: Figure) -> None:
    from docx.shared import Mm

    paragraph = document.add_paragraph()
    _format(paragraph, align="center", before=6, after=2, keep_next=True)
    paragraph.add_run().add_picture(
        BytesIO(figure_png(figure)), width=Mm(min(figure.width_mm, 165))
    )
    paragraph = document.add_paragraph()
    _format(paragraph, align="center", after=6)
    _run(paragraph, figure.caption, size=12, italic=True)
    note = figure_note(figure.svg)
    if note:
        paragraph = document.add_paragraph()
        _format(paragraph, align="center", after=6)
        _run(paragraph, note, size=9)


def _closing(document, report: Report) -> None:
    left_mm, right_mm = 75.0, 90.0
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = 0
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _fixed_widths(table, [left_mm, right_mm])
    _cant_split(table.rows[0])
    left, right = table.rows[0].cells

    paragraph = left.paragraphs[0]
    _format(paragraph, align="left", after=0)
    _run(paragraph, RECIPIENTS_LABEL, size=12, bold=True, italic=True)
    for index, recipient in enumerate(report.recipients):
        paragraph = left.add_paragraph()
        _format(paragraph, align="left", after=0)
        end = "." if index == len(report.recipients) - 1 else ";"
        _run(paragraph, f"- {recipient.rstrip(';.')}{end}", size=11)

    first = True
    for line in report.signer_title.splitlines():
        paragraph = _cell_paragraph(right, first)
        _format(paragraph, align="center", after=0)
        _run(paragraph, line.upper(), size=13, bold=True)
        first = False
    for _ in range(4):
        paragraph = right.add_paragraph()
        _format(paragraph, align="center", after=0)
    paragraph = right.add_paragraph()
    _format(paragraph, align="center", after=0)
    _run(paragraph, report.signer_name, size=BODY_PT, bold=True)


def _annex(document, annex: Section) -> None:
    from docx.enum.text import WD_BREAK

    paragraph = document.add_paragraph()
    _format(paragraph, align="center", after=0, keep_next=True)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    _run(paragraph, annex.number.upper(), bold=True)
    paragraph = document.add_paragraph()
    _format(paragraph, align="center", after=12, keep_next=True)
    _run(paragraph, annex.title.upper(), bold=True)
    _blocks(document, annex.blocks)
    for subsection in annex.subsections:
        _section(document, subsection, level=2)
