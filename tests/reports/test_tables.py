from decimal import Decimal

import pytest

from kieumau.adminunits.models import AdminUnit
from kieumau.reports.analytics import ProvinceFigures
from kieumau.reports.tables import provinces_table


def _row(name, wards, recognised, registered=0, minimum=Decimal(30)):
    return ProvinceFigures(
        province=AdminUnit(name=name, code=name[:2]),
        wards=wards,
        quota=1,
        registered=registered,
        assessed=0,
        basic=0,
        full=0,
        recognised=recognised,
        minimum=minimum,
        stretch=Decimal(50),
    )


ROWS = [
    _row("Nghệ An", 11, 1, registered=5),
    _row("Hà Nội", 51, 2, registered=17),
    _row("Lai Châu", 2, 1, registered=1),
    _row("Đà Nẵng", 23, 0),
    _row("Không phường", 0, 0),
]


def _names(rows):
    return [row.province.name for row in rows]


def test_the_table_is_by_name_by_default():
    assert _names(provinces_table(ROWS)) == [
        "Đà Nẵng",
        "Hà Nội",
        "Không phường",
        "Lai Châu",
        "Nghệ An",
    ]


@pytest.mark.parametrize(
    ("sort", "names"),
    [
        ("-name", ["Nghệ An", "Lai Châu", "Không phường", "Hà Nội", "Đà Nẵng"]),
        ("-registered", ["Hà Nội", "Nghệ An", "Lai Châu", "Đà Nẵng", "Không phường"]),
        ("registered", ["Đà Nẵng", "Không phường", "Lai Châu", "Nghệ An", "Hà Nội"]),
        # No phường: no share, always last; equal shares keep the name order.
        ("-percent", ["Lai Châu", "Nghệ An", "Hà Nội", "Đà Nẵng", "Không phường"]),
        ("percent", ["Đà Nẵng", "Hà Nội", "Nghệ An", "Lai Châu", "Không phường"]),
        ("nonsense", ["Đà Nẵng", "Hà Nội", "Không phường", "Lai Châu", "Nghệ An"]),
    ],
)
def test_the_table_sorts_by_any_column_either_way(sort, names):
    assert _names(provinces_table(ROWS, sort=sort)) == names


def test_the_name_search_ignores_diacritics_and_case():
    assert _names(provinces_table(ROWS, query="nghe")) == ["Nghệ An"]
    assert _names(provinces_table(ROWS, query="ĐÀ")) == ["Đà Nẵng"]
    assert _names(provinces_table(ROWS, query="ha")) == ["Hà Nội"]  # not Lai Châu
    assert _names(provinces_table(ROWS, query="an")) == ["Nghệ An"]


def test_the_track_filter_keeps_provinces_on_or_off_track():
    assert _names(provinces_table(ROWS, track="on")) == ["Lai Châu"]
    assert _names(provinces_table(ROWS, track="off")) == ["Đà Nẵng", "Hà Nội", "Nghệ An"]
