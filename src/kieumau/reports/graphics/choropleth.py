"""The choropleth map of provinces, as SVG drawn on the server (no script, no style attribute).

Each province is a link to its dashboard holding one path coloured by a class ``fill-0`` …
``fill-5`` (the stylesheet's map colours) with a <title> that browsers show on hover; the
link's aria-label says the same to screen readers and keyboard users. Hoàng Sa and Trường Sa
are drawn in insets. The boundaries' licence asks for ``ATTRIBUTION`` under the map.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from kieumau.reports.graphics.geometry import Layout, layout_for_codes
from kieumau.reports.graphics.svg import SVG_NS, coordinate, text

ATTRIBUTION = (
    'Ranh giới tỉnh: Open Development Mekong / Open Development Vietnam, "Địa phận tỉnh" '
    "(nguồn: Cục Đo đạc và Bản đồ), CC BY-SA 4.0; đã đơn giản hóa và hợp nhất theo Nghị quyết "
    "202/2025/QH15."
)

SEA_NAME = gettext_lazy("East Sea")
INSET_NAMES = {
    "hoang_sa": gettext_lazy("Hoàng Sa archipelago"),
    "truong_sa": gettext_lazy("Trường Sa archipelago"),
}

# Buckets of progress toward the minimum target, darker as it nears, green once reached.
BUCKET_LABELS = {
    5: gettext_lazy("target reached (≥ 100%)"),
    4: gettext_lazy("75% to under 100%"),
    3: gettext_lazy("50% to under 75%"),
    2: gettext_lazy("25% to under 50%"),
    1: gettext_lazy("under 25%"),
    0: gettext_lazy("no phường or target"),
}


def progress_bucket(target_ratio: Decimal | None) -> int:
    """The colour class (0–5) of a province whose share is ``target_ratio`` of its target."""
    if target_ratio is None:
        return 0
    if target_ratio >= 1:
        return 5
    for bucket, floor in ((4, Decimal("0.75")), (3, Decimal("0.5")), (2, Decimal("0.25"))):
        if target_ratio >= floor:
            return bucket
    return 1


@dataclass(frozen=True)
class Region:
    """One province on the map: its colour bucket, what hovering shows, where clicking goes."""

    code: str
    bucket: int
    label: str  # first line: the province's name; the figures below it
    href: str


def choropleth_svg(
    regions: Sequence[Region], *, title: str, legend_title: str, id_prefix: str = "map"
) -> SafeString:
    """The map of ``regions`` (exactly the provinces of one boundary file, by GSO code).

    ``legend_title`` may hold line breaks: the key is narrow.

    Raises BoundaryMismatch when no boundary file has exactly these codes.
    """
    layout = layout_for_codes(region.code for region in regions)
    title_id = f"{id_prefix}-title"
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart map" viewBox="0 0 {coordinate(layout.width)} '
        f'{coordinate(layout.height)}" role="group" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{text(title)}</title>',
        f'<rect class="map-sea" x="0" y="0" width="{coordinate(layout.width)}" '
        f'height="{coordinate(layout.height)}"/>',
        _sea_label(layout),
        *_insets(layout),
        '<g class="map-provinces">',
    ]
    for region in sorted(regions, key=lambda r: r.code):
        shape = layout.shapes[region.code]
        label = text(region.label)
        parts.append(
            f'<a href="{text(region.href)}" aria-label="{text(_one_line(region.label))}">'
            f'<path class="fill-{region.bucket}" d="{shape.path}"><title>{label}</title></path></a>'
        )
    parts.append("</g>")
    parts.extend(_legend(layout, legend_title))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def choropleth_figure(
    regions: Sequence[Region], *, title: str, legend_title: str, id_prefix: str = "map"
) -> SafeString:
    """The map in a <figure>, with the boundaries' attribution as its caption."""
    svg = choropleth_svg(regions, title=title, legend_title=legend_title, id_prefix=id_prefix)
    return mark_safe(  # the SVG is built escaped, the caption is escaped here
        f'<figure class="map-figure" id="{text(id_prefix)}">{svg}'
        f'<figcaption class="attribution">{text(ATTRIBUTION)}</figcaption></figure>'
    )


def _one_line(label: str) -> str:
    return "; ".join(line for line in label.splitlines() if line.strip())


def _insets(layout: Layout) -> list[str]:
    parts = ['<g class="map-insets">']
    for inset in layout.insets:
        box = inset.box
        name = f"{INSET_NAMES[inset.key]} ({inset.province_name})"
        x = coordinate(box.x + box.width / 2)
        parts.append(
            f'<g class="map-inset" id="inset-{inset.key}"><title>{text(name)}</title>'
            f'<rect x="{coordinate(box.x)}" y="{coordinate(box.y)}" '
            f'width="{coordinate(box.width)}" height="{coordinate(box.height)}"/>'
            f'<text class="map-inset-label" x="{x}" y="{coordinate(box.y + 13)}">'
            f"{text(INSET_NAMES[inset.key])}</text>"
            f'<text class="map-inset-label" x="{x}" y="{coordinate(box.y + 25)}">'
            f"({text(inset.province_name)})</text>"
            f'<path class="map-islets" d="{inset.islands}"/></g>'
        )
    parts.append("</g>")
    return parts


def _sea_label(layout: Layout) -> str:
    """ "Biển Đông" between the insets (or right of the mainland without insets)."""
    if len(layout.insets) == 2:
        upper, lower = layout.insets[0].box, layout.insets[1].box
        x = upper.x + upper.width / 2
        y = (upper.y + upper.height + lower.y) / 2 + 4
    else:
        x, y = layout.width - 80, layout.height / 2
    return (
        f'<text class="map-sea-label" x="{coordinate(x)}" y="{coordinate(y)}">'
        f"{text(SEA_NAME)}</text>"
    )


def _legend(layout: Layout, legend_title: str) -> list[str]:
    """The colour key, top right (the Gulf of Tonkin side), one line per bucket."""
    x = layout.width - 172
    parts = ['<g class="map-legend">']
    lines = [line for line in legend_title.splitlines() if line.strip()]
    for row, line in enumerate(lines):
        parts.append(
            f'<text class="map-legend-title" x="{coordinate(x)}" y="{coordinate(14 + row * 13)}">'
            f"{text(line)}</text>"
        )
    y = 14.0 + (len(lines) - 1) * 13
    for row, bucket in enumerate(sorted(BUCKET_LABELS, reverse=True)):
        top = y + 8 + row * 17
        parts.append(
            f'<rect class="fill-{bucket}" x="{coordinate(x)}" y="{coordinate(top)}" '
            f'width="14" height="11"/>'
            f'<text x="{coordinate(x + 19)}" y="{coordinate(top + 9.5)}">'
            f"{text(BUCKET_LABELS[bucket])}</text>"
        )
    parts.append("</g>")
    return parts
