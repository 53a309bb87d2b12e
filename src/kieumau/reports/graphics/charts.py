"""Bar charts as SVG drawn on the server: pictures for the page, the PDF and the Word report.

Each chart is ``role="img"`` named by its <title> (aria-labelledby), every bar carries its own
<title> with the figures, and the text labels are real text. The page shows the same numbers in
a table for readers who cannot see the picture. Colours come from classes, never from styles.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from kieumau.reports.graphics.svg import SVG_NS, coordinate, number, text, truncate

Number = int | Decimal | float


@dataclass(frozen=True)
class Bar:
    label: str  # shown (cut if long) left of the bar
    value: Number
    title: str  # the whole label and figures, shown on hover
    css_class: str = "bar"


@dataclass(frozen=True)
class Column:
    label: str  # shown slanted under the column
    value: Number | None  # None: no figure (drawn as nothing)
    title: str
    css_class: str = "bar"


@dataclass(frozen=True)
class Guide:
    """A horizontal line across a column chart, e.g. a target."""

    value: Number
    label: str
    css_class: str = "target"


def nice_ticks(maximum: Number, *, count: int = 5, integers: bool = False) -> list[Number]:
    """Round tick values from 0 covering ``maximum`` (steps of 1, 2 or 5 × 10ⁿ; whole
    numbers only when ``integers``, for counts)."""
    maximum = float(maximum)
    if maximum <= 0:
        return [0, 1]
    rough = maximum / count
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if integers:
        step = max(step, 1)
    if step >= 1:
        step = int(step)
    ticks: list[Number] = [0]
    while ticks[-1] < maximum:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def horizontal_bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    id_prefix: str,
    value_text: Callable[[Number], str] = number,
    label_length: int = 72,
) -> SafeString:
    """Bars of counts from left to right, each under its label, the value at its end.

    Labels sit above their bars so long criterion titles stay readable in a narrow column.
    """
    width, right = 500.0, 36.0
    row, label_height, bar_height, top, bottom = 38.0, 15.0, 14.0, 4.0, 22.0
    plot = width - right
    ticks = nice_ticks(max((float(bar.value) for bar in bars), default=0), integers=True)
    scale = plot / float(ticks[-1])
    axis_y = top + row * max(len(bars), 1)
    height = axis_y + bottom
    title_id = f"{id_prefix}-title"
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart-bars" viewBox="0 0 {coordinate(width)} '
        f'{coordinate(height)}" role="img" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{text(title)}</title>',
        '<g class="grid">',
    ]
    for tick in ticks:
        x = float(tick) * scale
        parts.append(
            f'<line x1="{coordinate(x)}" y1="{coordinate(top)}" x2="{coordinate(x)}" '
            f'y2="{coordinate(axis_y)}"/>'
        )
    parts.append('</g><g class="axis">')
    for index, tick in enumerate(ticks):
        anchor = "start" if index == 0 else "middle"
        parts.append(
            f'<text class="tick" x="{coordinate(float(tick) * scale)}" '
            f'y="{coordinate(axis_y + 15)}" text-anchor="{anchor}">'
            f"{text(value_text(tick))}</text>"
        )
    parts.append("</g>")
    for index, bar in enumerate(bars):
        y = top + index * row
        length = float(bar.value) * scale
        bar_y = y + label_height + 2
        parts.append(
            f"<g><title>{text(bar.title)}</title>"
            f'<text class="bar-label" x="0" y="{coordinate(y + 12)}">'
            f"{text(truncate(bar.label, label_length))}</text>"
            f'<rect class="{text(bar.css_class)}" x="0" y="{coordinate(bar_y)}" '
            f'width="{coordinate(max(length, 1))}" height="{coordinate(bar_height)}"/>'
            f'<text class="bar-value" x="{coordinate(length + 5)}" '
            f'y="{coordinate(bar_y + 11)}">{text(value_text(bar.value))}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def column_chart(
    columns: Sequence[Column],
    *,
    title: str,
    id_prefix: str,
    guides: Sequence[Guide] = (),
    value_text: Callable[[Number], str] = number,
    label_length: int = 18,
) -> SafeString:
    """Columns side by side with slanted labels under them and guide lines across."""
    width, left, right, top, plot_height, bottom = 960.0, 44.0, 112.0, 12.0, 210.0, 84.0
    values = [float(c.value) for c in columns if c.value is not None]
    values += [float(g.value) for g in guides]
    ticks = nice_ticks(max(values, default=0))
    scale = plot_height / float(ticks[-1])
    base = top + plot_height
    plot_width = width - left - right
    slot = plot_width / max(len(columns), 1)
    gap = min(4.0, slot * 0.2)
    height = base + bottom
    title_id = f"{id_prefix}-title"
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart-columns" viewBox="0 0 {coordinate(width)} '
        f'{coordinate(height)}" role="img" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{text(title)}</title>',
        '<g class="grid">',
    ]
    for tick in ticks:
        y = base - float(tick) * scale
        parts.append(
            f'<line x1="{coordinate(left)}" y1="{coordinate(y)}" '
            f'x2="{coordinate(width - right)}" y2="{coordinate(y)}"/>'
        )
    parts.append('</g><g class="axis">')
    for tick in ticks:
        y = base - float(tick) * scale
        parts.append(
            f'<text class="tick" x="{coordinate(left - 6)}" y="{coordinate(y + 4)}" '
            f'text-anchor="end">{text(value_text(tick))}</text>'
        )
    parts.append("</g>")
    for index, column in enumerate(columns):
        x = left + index * slot
        centre = x + slot / 2
        parts.append(f"<g><title>{text(column.title)}</title>")
        if column.value is not None:
            column_height = float(column.value) * scale
            parts.append(
                f'<rect class="{text(column.css_class)}" x="{coordinate(x + gap / 2)}" '
                f'y="{coordinate(base - column_height)}" width="{coordinate(slot - gap)}" '
                f'height="{coordinate(max(column_height, 0.8))}"/>'
            )
        label_y = base + 10
        parts.append(
            f'<text class="column-label" x="{coordinate(centre + 3)}" y="{coordinate(label_y)}" '
            f'text-anchor="end" transform="rotate(-55 {coordinate(centre + 3)} '
            f'{coordinate(label_y)})">{text(truncate(column.label, label_length))}</text></g>'
        )
    for guide in guides:
        y = base - float(guide.value) * scale
        parts.append(
            f'<line class="{text(guide.css_class)}-line" x1="{coordinate(left)}" '
            f'y1="{coordinate(y)}" x2="{coordinate(width - right + 6)}" y2="{coordinate(y)}"/>'
            f'<text class="{text(guide.css_class)}-label" x="{coordinate(width - right + 10)}" '
            f'y="{coordinate(y + 4)}">{text(guide.label)}</text>'
        )
    parts.append(
        f'<line class="baseline" x1="{coordinate(left)}" y1="{coordinate(base)}" '
        f'x2="{coordinate(width - right)}" y2="{coordinate(base)}"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


@dataclass(frozen=True)
class Segment:
    value: Number
    css_class: str
    title: str


def stacked_bar(segments: Sequence[Segment], *, title: str, id_prefix: str) -> SafeString:
    """One bar split into segments proportional to their values (a share of a whole)."""
    width, height = 400.0, 14.0
    total = sum(float(segment.value) for segment in segments)
    title_id = f"{id_prefix}-title"
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart-stacked" viewBox="0 0 {coordinate(width)} '
        f'{coordinate(height)}" preserveAspectRatio="none" role="img" '
        f'aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{text(title)}</title>',
        f'<rect class="stacked-track" x="0" y="0" width="{coordinate(width)}" '
        f'height="{coordinate(height)}"/>',
    ]
    x = 0.0
    for segment in segments:
        if not total or not segment.value:
            continue
        length = float(segment.value) / total * width
        parts.append(
            f'<rect class="{text(segment.css_class)}" x="{coordinate(x)}" y="0" '
            f'width="{coordinate(length)}" height="{coordinate(height)}">'
            f"<title>{text(segment.title)}</title></rect>"
        )
        x += length
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def meter(
    value: Number | None,
    *,
    title: str,
    id_prefix: str,
    marks: Sequence[Guide] = (),
    maximum: Number = 100,
    css_class: str = "meter-value",
) -> SafeString:
    """A horizontal gauge of ``value`` out of ``maximum`` with marks (e.g. the targets)."""
    width, height = 400.0, 18.0
    scale = width / float(maximum)
    title_id = f"{id_prefix}-title"
    filled = min(float(value or 0), float(maximum)) * scale
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart meter" viewBox="0 0 {coordinate(width)} '
        f'{coordinate(height)}" preserveAspectRatio="none" role="img" '
        f'aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{text(title)}</title>',
        f'<rect class="meter-track" x="0" y="4" width="{coordinate(width)}" height="10"/>',
        f'<rect class="{text(css_class)}" x="0" y="4" width="{coordinate(filled)}" height="10"/>',
    ]
    for mark in marks:
        x = min(float(mark.value) * scale, width - 1)
        parts.append(
            f'<line class="{text(mark.css_class)}-mark" x1="{coordinate(x)}" y1="0" '
            f'x2="{coordinate(x)}" y2="{coordinate(height)}"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above
