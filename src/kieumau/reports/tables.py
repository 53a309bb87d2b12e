"""The table of provinces: its columns, the name search, the track filter and the sorting.

Works on the few dozen aggregated rows of ``analytics.province_figures``, never on units.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kieumau.reports.analytics import ProvinceFigures
from kieumau.reports.text import search_key, vietnamese_sort_key


@dataclass(frozen=True)
class TableColumn:
    key: str
    label: str | Promise
    numeric: bool = True


COLUMNS = (
    TableColumn("name", _("Province / city"), numeric=False),
    TableColumn("wards", _("Phường")),
    TableColumn("quota", _("Quota")),
    TableColumn("registered", _("Registered")),
    TableColumn("assessed", _("Assessed")),
    TableColumn("basic", _("Basically met")),
    TableColumn("full", _("Model standard")),
    TableColumn("recognised", _("Recognised")),
    TableColumn("percent", _("Phường recognised")),
)
SORT_KEYS = tuple(column.key for column in COLUMNS)


def provinces_table(
    rows: Sequence[ProvinceFigures], *, query: str = "", track: str = "", sort: str = "name"
) -> list[ProvinceFigures]:
    """``rows`` whose name has a word starting with ``query`` (diacritics optional: "da nang"
    finds Đà Nẵng, "ha" finds Hà Nội but not Lai Châu), on or off track (``track`` "on" or
    "off"), sorted by ``sort`` (a column key, "-" first for descending; ties by name, rows
    without the figure last)."""
    wanted = search_key(query)
    if wanted:
        rows = [row for row in rows if f" {wanted}" in f" {search_key(row.province.name)}"]
    if track == "on":
        rows = [row for row in rows if row.on_track]
    elif track == "off":
        rows = [row for row in rows if row.on_track is False]
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in SORT_KEYS:
        key, descending = "name", False
    by_name = sorted(rows, key=lambda row: vietnamese_sort_key(row.province.name))
    if key == "name":
        return list(reversed(by_name)) if descending else by_name
    known = [row for row in by_name if getattr(row, key) is not None]
    unknown = [row for row in by_name if getattr(row, key) is None]
    # sorted() is stable: rows with equal figures stay in name order either way.
    return sorted(known, key=lambda row: getattr(row, key) * (-1 if descending else 1)) + unknown
