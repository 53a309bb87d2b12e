import re

import pytest

from kieumau.reports.graphics.geometry import (
    BOUNDARY_FILES,
    BoundaryMismatch,
    _features,
    _file_codes,
    layout_for_codes,
)


def _codes(name):
    return {feature["properties"]["code"] for feature in _features(name)}


@pytest.mark.parametrize(
    ("name", "count"), [("provinces-63.geojson", 63), ("provinces-34.geojson", 34)]
)
def test_the_layout_is_chosen_by_the_province_codes(name, count):
    layout = layout_for_codes(_codes(name))

    assert layout.source == name
    assert len(layout.shapes) == count
    assert all(
        shape.path.startswith("m") and shape.path.endswith("z") for shape in layout.shapes.values()
    )


def test_codes_that_fit_no_boundary_file_are_refused_naming_the_difference():
    codes = set(_codes("provinces-34.geojson")) - {"40"} | {"99"}

    with pytest.raises(BoundaryMismatch) as refused:
        layout_for_codes(codes)

    assert str(refused.value) == (
        "Không có ranh giới tỉnh khớp với 34 tỉnh của danh mục: gần nhất là "
        "provinces-34.geojson (34 tỉnh), thiếu mã 99, thừa mã 40."
    )


def test_both_files_have_the_official_numbers_of_provinces():
    assert [len(_file_codes(name)) for name in BOUNDARY_FILES] == [63, 34]


def test_hoang_sa_and_truong_sa_are_drawn_in_insets_right_of_the_mainland():
    layout = layout_for_codes(_codes("provinces-34.geojson"))

    hoang_sa, truong_sa = layout.insets
    assert (hoang_sa.key, hoang_sa.province_code, hoang_sa.province_name) == (
        "hoang_sa",
        "48",
        "Đà Nẵng",
    )
    assert (truong_sa.key, truong_sa.province_code, truong_sa.province_name) == (
        "truong_sa",
        "56",
        "Khánh Hòa",
    )
    assert hoang_sa.box.y + hoang_sa.box.height < truong_sa.box.y
    assert hoang_sa.box.x + hoang_sa.box.width < layout.width
    assert truong_sa.islands.count("z") > 100  # every reef and islet, outlined
    assert (layout.width, layout.height) == (461.5, 615.3)


def test_the_paths_are_light_rounded_to_tenths_and_keep_every_province_whole():
    for name in BOUNDARY_FILES:
        layout = layout_for_codes(_codes(name))
        data = "".join(shape.path for shape in layout.shapes.values())

        assert len(data) < 40_000
        assert not re.search(r"\d\.\d\d", data)  # one decimal at most
        # Subpaths (rings) per province: the mainland part plus islands.
        assert min(shape.path.count("z") for shape in layout.shapes.values()) >= 1


@pytest.mark.parametrize(
    ("name", "neighbours"),
    [
        ("provinces-63.geojson", {"17", "19", "24", "25", "26", "27", "33", "35"}),
        ("provinces-34.geojson", {"19", "24", "25", "33", "37"}),
    ],
)
def test_neighbours_keep_one_shared_border_after_simplification(name, neighbours):
    """Hà Nội's border with each neighbour keeps common vertices beyond its two ends: the
    border was simplified once for both, so no gap or overlap opens between them."""
    layout = layout_for_codes(_codes(name))
    hanoi = _absolute(layout.shapes["01"].path)

    shared = {
        code: len(hanoi & _absolute(shape.path))
        for code, shape in layout.shapes.items()
        if code != "01"
    }

    assert {code for code, count in shared.items() if count} == neighbours
    assert min(shared[code] for code in neighbours) >= 4


def _absolute(path: str) -> set[tuple[int, int]]:
    """The absolute vertices (in tenths) of a path written by geometry._path_data."""
    vertices = set()
    x = y = 0
    for ring in path.split("z"):
        if not ring:
            continue
        move, line = ring[1:].split("l")
        numbers = [round(float(n) * 10) for n in re.findall(r"-?\d*\.?\d+", move)]
        x, y = x + numbers[0], y + numbers[1]
        start = (x, y)
        vertices.add(start)
        deltas = [round(float(n) * 10) for n in re.findall(r"-?\d*\.?\d+", line)]
        px, py = start
        for dx, dy in zip(deltas[::2], deltas[1::2], strict=True):
            px, py = px + dx, py + dy
            vertices.add((px, py))
        x, y = start
    return vertices
