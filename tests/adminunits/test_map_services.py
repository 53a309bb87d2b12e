from datetime import date

import pytest

from kieumau.accounts.models import Role, User
from kieumau.adminunits.errors import ImportRejected
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.readers.gso import read_gso_list
from kieumau.adminunits.services.maps import admin_map_load
from kieumau.adminunits.types import Level, UnitType
from tests.adminunits.gso_files import ROWS, write_csv

pytestmark = pytest.mark.django_db


def _load(path, code="test-01"):
    return admin_map_load(
        code=code,
        name="Danh mục thử",
        effective_date=date(2026, 1, 1),
        source="test",
        gso_list=read_gso_list(path),
    )


def _snapshot(code="test-01"):
    return sorted(
        AdminUnit.objects.filter(admin_map__code=code).values_list(
            "id", "level", "code", "name", "type", "parent__code", "province__code"
        )
    )


def test_admin_map_load_creates_the_tree(tmp_path):
    report = _load(write_csv(tmp_path / "list.csv"))

    assert (report.created, report.updated, report.removed) == (12, 0, 0)
    ward = AdminUnit.objects.get(admin_map__code="test-01", code="16681")
    assert ward.full_name == "Phường Trường Thi"
    assert ward.parent.full_name == "Thành phố Vinh"
    assert ward.parent.type == UnitType.PROVINCIAL_CITY
    assert ward.province.full_name == "Tỉnh Nghệ An"
    assert ward.parent.parent == ward.province


def test_admin_map_load_twice_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "list.csv")
    _load(path)
    before = _snapshot()

    report = _load(path)

    assert not report.changed
    assert _snapshot() == before


def test_admin_map_load_updates_renamed_units_and_removes_vanished_ones(tmp_path):
    _load(write_csv(tmp_path / "list.csv"))
    truong_thi = AdminUnit.objects.get(admin_map__code="test-01", code="16681").pk
    rows = [row for row in ROWS if row[5] != "00376"]
    rows[3] = [
        "Tỉnh Nghệ An",
        "40",
        "Thành phố Vinh",
        "412",
        "Phường Trường Thi Mới",
        "16681",
        "Phường",
        "",
    ]

    report = _load(write_csv(tmp_path / "new.csv", rows))

    assert (report.created, report.updated, report.removed) == (0, 1, 1)
    assert report.removed_codes == ["00376"]
    renamed = AdminUnit.objects.get(admin_map__code="test-01", code="16681")
    assert (renamed.pk, renamed.name) == (truong_thi, "Trường Thi Mới")


def test_admin_map_load_of_a_two_level_list_hangs_communes_under_provinces(tmp_path):
    rows = [["Thành phố Hà Nội", "01", "", "", "Phường Ba Đình", "00004", "Phường", ""]]

    _load(write_csv(tmp_path / "list.csv", rows))

    ward = AdminUnit.objects.get(admin_map__code="test-01", level=Level.COMMUNE)
    assert ward.parent == ward.province
    assert ward.parent.level == Level.PROVINCE


def test_admin_map_load_failing_midway_leaves_nothing_behind(tmp_path):
    gso_list = read_gso_list(write_csv(tmp_path / "list.csv"))
    broken = type(gso_list)(units=[*gso_list.units, gso_list.units[-1]], sha256=gso_list.sha256)

    with pytest.raises(Exception):  # noqa: B017 — the unique constraint's error differs by database
        admin_map_load(
            code="test-01", name="x", effective_date=date(2026, 1, 1), source="", gso_list=broken
        )

    assert not AdminMap.objects.filter(code="test-01").exists()
    assert not AdminUnit.objects.filter(admin_map__code="test-01").exists()


def test_admin_map_load_refuses_to_remove_a_unit_in_use_and_changes_nothing(tmp_path):
    _load(write_csv(tmp_path / "list.csv"))
    ward = AdminUnit.objects.get(admin_map__code="test-01", code="16681")
    User.objects.create_user("caphuong", role=Role.WARD, unit=ward)
    before = _snapshot()
    rows = [row for row in ROWS if row[5] != "16681"]
    rows[0] = [*rows[0][:4], "Phường Phúc Xá Mới", *rows[0][5:]]

    with pytest.raises(ImportRejected) as excinfo:
        _load(write_csv(tmp_path / "new.csv", rows))

    assert [str(error) for error in excinfo.value.errors] == [
        # the ward and its district, left without communes
        "tệp: tệp bỏ 2 đơn vị, có đơn vị còn được dùng bởi: người dùng «caphuong»"
    ]
    assert _snapshot() == before
