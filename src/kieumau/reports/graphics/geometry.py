"""Province boundaries in SVG units, ready to draw: one path per province.

The boundary file is chosen by the provinces of the map (63 or 34 codes), projected
equirectangularly (longitude scaled by the cosine of the middle latitude, enough for a
country this narrow), simplified as one coverage so neighbours keep identical borders, and
rounded to tenths of a unit. Hoàng Sa and Trường Sa go into two inset boxes beside the
mainland. Computed once per process and file: a page only adds classes and titles.
"""

import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BOUNDARY_FILES = ("provinces-63.geojson", "provinces-34.geojson")

SCALE = 40.0  # SVG units per degree of latitude on the mainland
MARGIN = 8.0
TOLERANCE = 0.45  # Douglas–Peucker tolerance in SVG units: under half a pixel at 100%
INSET_WIDTH = 150.0
INSET_GAP = 14.0
INSET_HEADER = 30.0  # room for the two-line label at the top of an inset box
INSET_PADDING = 8.0

Point = tuple[float, float]
Ring = list[Point]


class BoundaryMismatch(ValueError):
    """No shipped boundary file has exactly the provinces of the map."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Inset:
    """A box showing an archipelago away from the mainland, at its own scale."""

    key: str  # "hoang_sa" or "truong_sa"
    province_code: str
    province_name: str
    box: Box
    islands: str = ""  # path data of the archipelago's parts, to outline them in the box


@dataclass(frozen=True)
class ProvinceShape:
    code: str
    name: str
    path: str  # SVG path data of every part, inset parts included


@dataclass(frozen=True)
class Layout:
    """The drawing of one boundary file: its size, the provinces' paths and the insets."""

    source: str
    width: float
    height: float
    shapes: dict[str, ProvinceShape]
    insets: tuple[Inset, ...]


def layout_for_codes(codes: Iterable[str]) -> Layout:
    """The drawing of the boundary file whose province codes are exactly ``codes``.

    Raises BoundaryMismatch naming the nearest file's missing and extra codes otherwise.
    """
    wanted = set(codes)
    best: tuple[int, str, set[str]] | None = None
    for name in BOUNDARY_FILES:
        found = _file_codes(name)
        if found == wanted:
            return _layout(name)
        distance = len(found ^ wanted)
        if best is None or distance < best[0]:
            best = (distance, name, found)
    assert best is not None
    _, name, found = best
    raise BoundaryMismatch(
        f"Không có ranh giới tỉnh khớp với {len(wanted)} tỉnh của danh mục: gần nhất là {name} "
        f"({len(found)} tỉnh), thiếu mã {', '.join(sorted(wanted - found)) or '—'}, "
        f"thừa mã {', '.join(sorted(found - wanted)) or '—'}."
    )


@cache
def _features(name: str) -> tuple[dict, ...]:
    with (DATA_DIR / name).open(encoding="utf-8") as file:
        return tuple(json.load(file)["features"])


@cache
def _file_codes(name: str) -> frozenset[str]:
    return frozenset(feature["properties"]["code"] for feature in _features(name))


def _parts(geometry: dict) -> list[list[Ring]]:
    """Polygons as lists of rings, each ring without its closing point."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[[tuple(point) for point in ring[:-1]] for ring in polygon] for polygon in polygons]


def _offshore(polygon: list[Ring]) -> str | None:
    """The inset a polygon is drawn in ("hoang_sa", "truong_sa"), None for the mainland.

    The archipelagos lie wholly east of 110.5°E; a few Trường Sa banks lie further west but
    south of 10°N and east of 108.5°E, where no coastal island is.
    """
    lons = [lon for lon, _ in polygon[0]]
    lats = [lat for _, lat in polygon[0]]
    west, north = min(lons), max(lats)
    if west > 110.5 or (north < 10.0 and west > 108.5):
        return "hoang_sa" if north > 14.0 else "truong_sa"
    return None


Part = tuple[dict, list[Ring], str | None]  # a polygon's feature properties, rings, inset
Transform = Callable[[Point], Point]


@cache
def _layout(name: str) -> Layout:
    features = _features(name)
    parts: list[Part] = [
        (feature["properties"], polygon, _offshore(polygon))
        for feature in features
        for polygon in _parts(feature["geometry"])
    ]
    mainland = [point for _, polygon, where in parts if where is None for point in polygon[0]]
    west = min(lon for lon, _ in mainland)
    east = max(lon for lon, _ in mainland)
    south = min(lat for _, lat in mainland)
    north = max(lat for _, lat in mainland)
    kx = SCALE * math.cos(math.radians((north + south) / 2))

    def project(point: Point) -> Point:
        lon, lat = point
        return (MARGIN + (lon - west) * kx, MARGIN + (north - lat) * SCALE)

    box_x = MARGIN + (east - west) * kx + INSET_GAP
    insets, transforms = _insets_place(parts, kx=kx, box_x=box_x, project=project)
    shapes, islands = _shapes(features, parts, {None: project, **transforms})
    insets = [replace(inset, islands=islands.get(inset.key, "")) for inset in insets]
    width = box_x + INSET_WIDTH + MARGIN
    height = 2 * MARGIN + (north - south) * SCALE
    return Layout(name, round(width, 1), round(height, 1), shapes, tuple(insets))


def _insets_place(
    parts: list[Part], *, kx: float, box_x: float, project: Transform
) -> tuple[list[Inset], dict[str, Transform]]:
    """The archipelagos' boxes, one above the other right of the mainland, and the
    transforms placing their parts inside them."""
    insets, transforms = [], {}
    for key in ("hoang_sa", "truong_sa"):
        members = [(props, polygon) for props, polygon, where in parts if where == key]
        if not members:
            continue
        points = [point for _, polygon in members for point in polygon[0]]
        box, transforms[key] = _inset_box(key, points, kx=kx, box_x=box_x, project=project)
        insets.append(Inset(key, members[0][0]["code"], members[0][0]["name"], box))
    return insets, transforms


def _shapes(
    features: Sequence[dict], parts: list[Part], transforms: dict[str | None, Transform]
) -> tuple[dict[str, ProvinceShape], dict[str, str]]:
    """Each province's path, and the path of each inset's parts (to outline the islets)."""
    rings_by_code: dict[str, list[Ring]] = {}
    inset_of_ring: dict[tuple[str, int], str] = {}
    for props, polygon, where in parts:
        rings = rings_by_code.setdefault(props["code"], [])
        for ring in polygon:
            if where is not None:
                inset_of_ring[props["code"], len(rings)] = where
            rings.append([transforms[where](point) for point in ring])
    simplified = _coverage_simplify(rings_by_code)
    shapes, inset_rings = {}, {}
    for feature in features:
        code = feature["properties"]["code"]
        shapes[code] = ProvinceShape(
            code, feature["properties"]["name"], _path_data(simplified[code])
        )
        for index, ring in enumerate(simplified[code]):
            if key := inset_of_ring.get((code, index)):
                inset_rings.setdefault(key, []).append(ring)
    return shapes, {key: _path_data(rings) for key, rings in inset_rings.items()}


def _inset_box(
    key: str, points: list[Point], *, kx: float, box_x: float, project: Transform
) -> tuple[Box, Transform]:
    """The inset's box beside the mainland and the transform placing its parts inside it."""
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    geo_width = (max(lons) - min(lons)) * kx / SCALE
    geo_height = max(lats) - min(lats)
    inner_width = INSET_WIDTH - 2 * INSET_PADDING
    # Each archipelago fills the box's width; Hoàng Sa, small and compact, at most 80 high.
    scale = inner_width / geo_width
    if key == "hoang_sa":
        scale = min(scale, 80 / geo_height)
    inner_height = geo_height * scale
    box_height = INSET_HEADER + inner_height + 2 * INSET_PADDING
    # Beside the coast at the archipelago's latitude (Trường Sa: from the latitude of its top).
    anchor_lat = (max(lats) + min(lats)) / 2 if key == "hoang_sa" else max(lats) + 0.6
    anchor_y = project((0.0, anchor_lat))[1]
    box_y = anchor_y - box_height / 2 if key == "hoang_sa" else anchor_y
    box = Box(round(box_x, 1), round(box_y, 1), INSET_WIDTH, round(box_height, 1))
    left = box_x + INSET_PADDING + (inner_width - geo_width * scale) / 2
    top = box_y + INSET_HEADER + INSET_PADDING
    west, north = min(lons), max(lats)

    def transform(point: Point) -> Point:
        lon, lat = point
        return (left + (lon - west) * kx / SCALE * scale, top + (north - lat) * scale)

    return box, transform


def _coverage_simplify(rings_by_code: dict[str, list[Ring]]) -> dict[str, list[Ring]]:
    """Douglas–Peucker on every ring, keeping the borders neighbours share identical.

    Borders are cut at junctions (points whose neighbours differ from one ring to another)
    and each stretch is simplified in one canonical direction, so both provinces get the
    same result and no gap or overlap opens between them.
    """
    first_pair: dict[Point, frozenset[Point]] = {}
    junctions: set[Point] = set()
    for rings in rings_by_code.values():
        for ring in rings:
            count = len(ring)
            for index, point in enumerate(ring):
                pair = frozenset((ring[index - 1], ring[(index + 1) % count]))
                if first_pair.setdefault(point, pair) != pair:
                    junctions.add(point)
    return {
        code: [_ring_simplify(ring, junctions) for ring in rings]
        for code, rings in rings_by_code.items()
    }


def _ring_simplify(ring: Ring, junctions: set[Point]) -> Ring:
    cuts = [index for index, point in enumerate(ring) if point in junctions]
    if not cuts:
        return _loop_simplify(ring)
    start = cuts[0]
    rotated = ring[start:] + ring[:start]
    cuts = [index - start for index in cuts] + [len(ring)]
    closed = [*rotated, rotated[0]]
    result: Ring = []
    for begin, end in itertools.pairwise(cuts):
        result.extend(_chain_simplify(closed[begin : end + 1])[:-1])
    return result


def _loop_simplify(ring: Ring) -> Ring:
    """A ring without junctions (an island, or an enclave's border): canonical start and way."""
    start = ring.index(min(ring))
    rotated = ring[start:] + ring[:start]
    backwards = len(rotated) > 2 and rotated[-1] < rotated[1]
    if backwards:
        rotated = [rotated[0], *reversed(rotated[1:])]
    far = max(range(len(rotated)), key=lambda i: _distance2(rotated[0], rotated[i]))
    closed = [*rotated, rotated[0]]
    kept = _douglas_peucker(closed[: far + 1])[:-1] + _douglas_peucker(closed[far:])[:-1]
    if len(kept) < 3:  # a tiny island: keep it as a small triangle rather than lose it
        step = max(1, len(rotated) // 3)
        kept = rotated[::step][:3]
    if backwards:
        kept = [kept[0], *reversed(kept[1:])]
    return kept


def _chain_simplify(chain: Sequence[Point]) -> list[Point]:
    if chain[-1] < chain[0] or (chain[-1] == chain[0] and len(chain) > 2 and chain[-2] < chain[1]):
        return list(reversed(_douglas_peucker(list(reversed(chain)))))
    return _douglas_peucker(list(chain))


def _douglas_peucker(points: list[Point]) -> list[Point]:
    """The points of the polyline kept at TOLERANCE; iterative, first and last always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tolerance2 = TOLERANCE * TOLERANCE
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            distance = _segment_distance2(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance2:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _distance2(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _segment_distance2(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return _distance2(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _distance2(p, (a[0] + t * dx, a[1] + t * dy))


def _path_data(rings: list[Ring]) -> str:
    """Compact path data: tenths of a unit, relative moves, consecutive repeats dropped."""
    pieces = []
    cursor = (0, 0)
    for ring in rings:
        tenths = []
        for x, y in ring:
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        if len(tenths) > 1 and tenths[-1] == tenths[0]:
            tenths.pop()
        if len(tenths) < 3:
            continue
        numbers = [tenths[0][0] - cursor[0], tenths[0][1] - cursor[1]]
        command = ["m", _numbers(numbers), "l"]
        deltas = []
        for previous, point in itertools.pairwise(tenths):
            deltas.extend((point[0] - previous[0], point[1] - previous[1]))
        command.append(_numbers(deltas))
        command.append("z")
        pieces.append("".join(command))
        cursor = tenths[0]  # after "z" the current point is the ring's first point
    return "".join(pieces)


def _numbers(tenths: list[int]) -> str:
    out = []
    for value in tenths:
        text = _tenths(value)
        if out and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _tenths(value: int) -> str:
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"
