import re
from decimal import Decimal

import pytest

from kieumau.reports.graphics.choropleth import (
    ATTRIBUTION,
    Region,
    choropleth_figure,
    choropleth_svg,
    progress_bucket,
)
from kieumau.reports.graphics.geometry import BoundaryMismatch, _features


def _regions(name: str) -> list[Region]:
    return [
        Region(
            code=feature["properties"]["code"],
            bucket=int(feature["properties"]["code"]) % 6,
            label=f"{feature['properties']['name']}\nĐược công nhận: 1/2 phường",
            href=f"/dashboard/province/{feature['properties']['code']}/",
        )
        for feature in _features(name)
    ]


def _map(name: str) -> str:
    return choropleth_figure(
        _regions(name), title="Bản đồ tiến độ", legend_title="Chú giải\ndòng hai"
    )


@pytest.mark.parametrize(
    ("name", "count"), [("provinces-63.geojson", 63), ("provinces-34.geojson", 34)]
)
def test_the_map_has_one_linked_path_per_province(name, count):
    svg = _map(name)

    assert len(re.findall(r'<a href="/dashboard/province/\d\d/" aria-label="', svg)) == count
    assert len(re.findall(r'<path class="fill-\d" d="', svg)) == count
    assert len(svg) < 60_000


def test_a_province_carries_its_figures_in_its_title_and_links_to_its_dashboard():
    svg = _map("provinces-34.geojson")

    assert (
        '<a href="/dashboard/province/40/" aria-label="Nghệ An; Được công nhận: 1/2 phường">'
        '<path class="fill-4" d="m'
    ) in svg
    assert "<title>Nghệ An\nĐược công nhận: 1/2 phường</title></path></a>" in svg


def test_the_map_shows_hoang_sa_and_truong_sa_in_insets():
    svg = _map("provinces-63.geojson")

    assert (
        '<g class="map-inset" id="inset-hoang_sa"><title>Quần đảo Hoàng Sa (Đà Nẵng)</title>' in svg
    )
    assert (
        '<g class="map-inset" id="inset-truong_sa"><title>Quần đảo Trường Sa (Khánh Hòa)</title>'
        in svg
    )
    assert ">Quần đảo Hoàng Sa</text>" in svg
    assert ">(Khánh Hòa)</text>" in svg
    assert ">Biển Đông</text>" in svg


def test_the_figure_carries_the_attribution_of_the_boundaries():
    figure = _map("provinces-34.geojson")

    assert ATTRIBUTION == (
        'Ranh giới tỉnh: Open Development Mekong / Open Development Vietnam, "Địa phận tỉnh" '
        "(nguồn: Cục Đo đạc và Bản đồ), CC BY-SA 4.0; đã đơn giản hóa và hợp nhất theo Nghị "
        "quyết 202/2025/QH15."
    )
    assert figure.endswith(
        '<figcaption class="attribution">Ranh giới tỉnh: Open Development Mekong / Open '
        "Development Vietnam, &quot;Địa phận tỉnh&quot; (nguồn: Cục Đo đạc và Bản đồ), CC BY-SA"
        " 4.0; đã đơn giản hóa và hợp nhất theo Nghị quyết 202/2025/QH15.</figcaption></figure>"
    )


def test_the_map_is_accessible_and_needs_no_style_or_script():
    svg = _map("provinces-34.geojson")

    assert svg.startswith(
        '<figure class="map-figure" id="map"><svg xmlns="http://www.w3.org/2000/svg"'
    )
    assert (
        'role="group" aria-labelledby="map-title"><title id="map-title">Bản đồ tiến độ</title>'
        in svg
    )
    assert "style=" not in svg and "<script" not in svg and " on" not in svg.replace(" only", "")
    legend = svg.split('<g class="map-legend">')[1]
    assert ">Chú giải</text>" in legend and ">dòng hai</text>" in legend
    assert [re.search(r">([^<]+)</text>", part).group(1) for part in legend.split("<rect")[1:]] == [
        "đạt mục tiêu (≥ 100%)",
        "từ 75% đến dưới 100%",
        "từ 50% đến dưới 75%",
        "từ 25% đến dưới 50%",
        "dưới 25%",
        "không có phường/mục tiêu",
    ]


def test_texts_are_escaped():
    regions = _regions("provinces-34.geojson")
    regions[0] = Region(regions[0].code, 1, '<b>"Hà Nội"</b>', "/x?a=1&b=2")

    svg = choropleth_svg(regions, title="A & B", legend_title="<i>")

    assert "<b>" not in svg and "<i>" not in svg
    assert '<a href="/x?a=1&amp;b=2" aria-label="&lt;b&gt;&quot;Hà Nội&quot;&lt;/b&gt;">' in svg
    assert '<title id="map-title">A &amp; B</title>' in svg


def test_regions_that_fit_no_boundary_file_are_refused():
    with pytest.raises(BoundaryMismatch):
        choropleth_svg(_regions("provinces-34.geojson")[:-1], title="", legend_title="")


@pytest.mark.parametrize(
    ("ratio", "bucket"),
    [
        (None, 0),
        (Decimal(0), 1),
        (Decimal("0.2499"), 1),
        (Decimal("0.25"), 2),
        (Decimal("0.5"), 3),
        (Decimal("0.75"), 4),
        (Decimal("0.9999"), 4),
        (Decimal(1), 5),
        (Decimal(3), 5),
    ],
)
def test_progress_bucket_colours_the_share_of_the_target(ratio, bucket):
    assert progress_bucket(ratio) == bucket
