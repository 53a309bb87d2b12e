import csv
from datetime import date
from pathlib import Path

import pytest

import kieumau.adminunits
from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from kieumau.adminunits.readers.conversion_table import COLUMNS
from kieumau.adminunits.services.conversion import succession_load_conversion_table
from kieumau.adminunits.types import Level, UnitType

Kind = Succession.Kind
SHIPPED = Path(kieumau.adminunits.__file__).parent / "data" / "ward-conversion-2025.csv"
HEADER = list(COLUMNS)
HANOI = "Thành phố Hà Nội (01)"
BA_DINH = "Quận Ba Đình (001)"


def _unit(admin_map, level, code, name, unit_type, parent=None):
    province = (parent.province or parent) if parent else None
    return AdminUnit.objects.create(
        admin_map=admin_map,
        level=level,
        code=code,
        name=name,
        type=unit_type,
        parent=parent,
        province=province,
    )


def _ward(parent, code, name, unit_type=UnitType.WARD):
    return _unit(parent.admin_map, Level.COMMUNE, code, name, unit_type, parent)


@pytest.fixture
def old_map(db):
    """Three provinces of January 2025, with a few communes each."""
    admin_map = AdminMap.objects.create(
        code="test-old", name="old", effective_date=date(2025, 1, 4)
    )
    hanoi = _unit(admin_map, Level.PROVINCE, "01", "Hà Nội", UnitType.CENTRAL_CITY)
    ba_dinh = _unit(admin_map, Level.DISTRICT, "001", "Ba Đình", UnitType.URBAN_DISTRICT, hanoi)
    _ward(ba_dinh, "00004", "Trúc Bạch")
    _ward(ba_dinh, "00013", "Quán Thánh")
    _ward(ba_dinh, "00016", "Ngọc Hà")
    _ward(ba_dinh, "00019", "1")
    dong_anh = _unit(admin_map, Level.DISTRICT, "017", "Đông Anh", UnitType.RURAL_DISTRICT, hanoi)
    _ward(dong_anh, "00454", "1", UnitType.COMMUNE)
    long_an = _unit(admin_map, Level.PROVINCE, "80", "Long An", UnitType.PROVINCE)
    tan_an = _unit(admin_map, Level.DISTRICT, "794", "Tân An", UnitType.PROVINCIAL_CITY, long_an)
    _ward(tan_an, "27691", "4")
    tien_giang = _unit(admin_map, Level.PROVINCE, "82", "Tiền Giang", UnitType.PROVINCE)
    my_tho = _unit(admin_map, Level.DISTRICT, "815", "Mỹ Tho", UnitType.PROVINCIAL_CITY, tien_giang)
    _ward(my_tho, "28249", "4")
    return admin_map


@pytest.fixture
def new_map(db):
    """Two provinces of July 2025, without districts."""
    admin_map = AdminMap.objects.create(
        code="test-new", name="new", effective_date=date(2025, 7, 1)
    )
    hanoi = _unit(admin_map, Level.PROVINCE, "01", "Hà Nội", UnitType.CENTRAL_CITY)
    _ward(hanoi, "00004", "Ba Đình")
    _ward(hanoi, "00008", "Ngọc Hà")
    _ward(hanoi, "00454", "Đông Anh", UnitType.COMMUNE)
    tay_ninh = _unit(admin_map, Level.PROVINCE, "80", "Tây Ninh", UnitType.PROVINCE)
    _ward(tay_ninh, "27694", "Long An")
    return admin_map


def _row(new_name, new_code, old_name, old_code, note="Nhập toàn bộ", district=BA_DINH):
    return [HANOI, new_name, new_code, old_name, old_code, note, district, HANOI, ""]


def _table(path: Path, *rows: list[str]) -> Path:
    """A conversion table whose data rows start on line 3."""
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["Bảng chuyển đổi"], HEADER, *rows])
    return path


def _successions(new_map):
    return Succession.objects.filter(successor_map=new_map)


def _load(old_map, new_map, path, **options):
    return succession_load_conversion_table(old_map=old_map, new_map=new_map, path=path, **options)


def _links(new_map):
    """The successions the table's rows gave (not the "successor unknown" fill-ins)."""
    return sorted(
        _successions(new_map)
        .filter(predecessor__level=Level.COMMUNE)
        .exclude(kind=Kind.UNKNOWN)
        .values_list("predecessor__code", "successor__code", "kind", "note", "source")
    )


def test_load_links_old_to_new_communes_by_code(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "table.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00004", "Phường Ngọc Hà", "00016", "Nhập một phần"),
        _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016", "Nhâp một  phần "),
    )

    report = _load(old_map, new_map, path)

    assert _links(new_map) == [
        ("00004", "00004", Kind.WHOLE, "Nhập toàn bộ", "table.csv"),
        ("00016", "00004", Kind.PART, "Nhập một phần", "table.csv"),
        ("00016", "00008", Kind.PART, "Nhâp một phần", "table.csv"),
    ]
    assert (report.rows_read, report.loaded, report.skipped, report.warnings) == (3, 3, [], [])
    assert report.kinds == {Kind.WHOLE: 1, Kind.PART: 2}


def test_load_matches_old_commune_by_name_when_its_code_is_missing(old_map, new_map, tmp_path):
    path = _table(tmp_path / "t.csv", _row("Phường Ba Đình", "00004", "Phường  Quán Thánh", ""))

    report = _load(old_map, new_map, path)

    assert _links(new_map) == [("00013", "00004", Kind.WHOLE, "Nhập toàn bộ", "t.csv")]
    assert report.warnings == [
        RowError(3, "thiếu mã; theo tên «Phường Quán Thánh»: Phường Quán Thánh (00013)", "Mã Xã cũ")
    ]


def test_load_matches_old_commune_by_name_when_its_code_is_unknown(old_map, new_map, tmp_path):
    path = _table(tmp_path / "t.csv", _row("Phường Ba Đình", "00004", "Phường 01", "26929"))

    report = _load(old_map, new_map, path)

    assert _links(new_map) == [("00019", "00004", Kind.WHOLE, "Nhập toàn bộ", "t.csv")]
    assert report.warnings == [
        RowError(3, "không có mã 26929; theo tên «Phường 01»: Phường 1 (00019)", "Mã Xã cũ")
    ]


def test_load_matches_by_name_within_the_district_and_the_type(old_map, new_map, tmp_path):
    # Ba Đình has a "Phường 1"; Đông Anh a "Xã 1" and a "Thị trấn 1".
    _ward(AdminUnit.objects.get(admin_map=old_map, code="017"), "00455", "1", UnitType.TOWNSHIP)
    path = _table(
        tmp_path / "t.csv",
        _row("Xã Đông Anh", "00454", "Xã 1", "", district="Huyện Đông Anh (017)"),
    )

    _load(old_map, new_map, path)

    assert _links(new_map) == [("00454", "00454", Kind.WHOLE, "Nhập toàn bộ", "t.csv")]


def test_load_prefers_the_name_when_the_code_belongs_to_another_unit(old_map, new_map, tmp_path):
    # The draft numbering gave new communes codes that the final list gives to neighbours.
    path = _table(tmp_path / "t.csv", _row("Phường Ba Đình", "00008", "Phường Trúc Bạch", "00004"))

    report = _load(old_map, new_map, path)

    assert _links(new_map) == [("00004", "00004", Kind.WHOLE, "Nhập toàn bộ", "t.csv")]
    assert report.warnings == [
        RowError(
            3,
            "mã 00008 là Phường Ngọc Hà (00008) nhưng bảng ghi «Phường Ba Đình»; "
            "theo tên: Phường Ba Đình (00004)",
            "Mã Xã mới",
        )
    ]


def test_load_keeps_the_code_when_the_name_is_only_spelt_differently(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bach", "00004"),
        _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016"),
        _row("Phường Ngọc Hà", "00008", "Phường Quán Thánh", "00013"),
    )

    report = _load(old_map, new_map, path)

    assert [link[:2] for link in _links(new_map)] == [
        ("00004", "00004"),
        ("00013", "00008"),
        ("00016", "00008"),
    ]
    assert report.warnings == [
        RowError(
            3,
            "tên trong bảng «Phường Trúc Bach», trong danh mục «Phường Trúc Bạch»; theo mã 00004",
            "Mã Xã cũ",
        )
    ]


def test_load_warns_once_for_a_guess_used_by_several_rows(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00099", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00099", "Phường Quán Thánh", "00013"),
    )

    report = _load(old_map, new_map, path)

    assert report.loaded == 2
    assert report.warnings == [
        RowError(
            3,
            "không có mã 00099; theo tên «Phường Ba Đình»: Phường Ba Đình (00004) (và 1 dòng sau)",
            "Mã Xã mới",
        )
    ]


def test_load_trusts_the_code_when_the_table_names_the_wrong_province(old_map, new_map, tmp_path):
    # The official table puts a ward of Tân An (Long An, 80) under Tiền Giang (82).
    row = [
        "Tỉnh Tây Ninh (80)",
        "Phường Long An",
        "27694",
        " Phường 4 ",
        "27691",
        "Nhập toàn bộ",
        "Thành phố Tân An (794)",
        "Tỉnh Tiền Giang (82)",
        "",
    ]
    path = _table(tmp_path / "t.csv", row)

    report = _load(old_map, new_map, path)

    links = (
        Succession.objects.select_related("predecessor__province")
        .exclude(kind=Kind.UNKNOWN)
        .get(successor_map=new_map)
    )
    assert (links.predecessor.code, links.predecessor.province.code) == ("27691", "80")
    assert links.successor.code == "27694"
    assert report.warnings == [
        RowError(
            3,
            "bảng ghi tỉnh mã 82 nhưng Phường 4 (27691) thuộc Tỉnh Long An (80); theo mã xã",
            "Tỉnh cũ",
        )
    ]


def test_load_warns_when_the_new_unit_is_in_another_province(old_map, new_map, tmp_path):
    path = _table(tmp_path / "t.csv", _row("Phường Long An", "27694", "Phường Trúc Bạch", "00004"))

    report = _load(old_map, new_map, path)

    assert _links(new_map) == [("00004", "27694", Kind.WHOLE, "Nhập toàn bộ", "t.csv")]
    assert report.warnings == [
        RowError(
            3,
            "bảng ghi tỉnh mã 01 nhưng Phường Long An (27694) thuộc Tỉnh Tây Ninh (80); theo mã xã",
            "Tỉnh, thành phố",
        )
    ]


def test_load_skips_rows_it_cannot_match_and_says_why(old_map, new_map, tmp_path):
    island = [
        HANOI,
        "Đặc khu Bạch Long Vĩ",
        "11948",
        "",
        "",
        "Sắp xếp toàn bộ huyện Bạch Long Vĩ thành đặc khu Bạch Long Vĩ",
        "Huyện Bạch Long Vĩ (318)",
        HANOI,
        "",
    ]
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00004", "Phường Không Có", "09999"),
        _row("Phường Không Có", "09999", "Phường Quán Thánh", "00013"),
        _row("Phường Ba Đình", "00004", "Khu vực bãi bồi", ""),
        island,
    )

    report = _load(old_map, new_map, path)

    assert [link[:2] for link in _links(new_map)] == [("00004", "00004")]
    assert (report.rows_read, report.loaded) == (5, 1)
    assert report.skipped == [
        RowError(
            4,
            "xã cũ: không có mã 09999 trong test-old, và không có xã nào tên «Phường Không Có» "
            "trong huyện mã 001",
        ),
        RowError(
            5,
            "xã mới: không có mã 09999 trong test-new, và không có xã nào tên «Phường Không Có» "
            "trong tỉnh mã 01",
        ),
        RowError(6, "xã cũ: thiếu mã, và không có xã nào tên «Khu vực bãi bồi» trong huyện mã 001"),
        RowError(
            7,
            "xã cũ: thiếu xã, và không có huyện mã 318 trong test-old; "
            "xã mới: không có mã 11948 trong test-new, và không có xã nào tên "
            "«Đặc khu Bạch Long Vĩ» trong tỉnh mã 01",
        ),
    ]


def test_load_links_an_island_district_to_its_special_zone(old_map, new_map, tmp_path):
    hai_phong = _unit(old_map, Level.PROVINCE, "31", "Hải Phòng", UnitType.CENTRAL_CITY)
    _unit(old_map, Level.DISTRICT, "318", "Bạch Long Vĩ", UnitType.RURAL_DISTRICT, hai_phong)
    new_hai_phong = _unit(new_map, Level.PROVINCE, "31", "Hải Phòng", UnitType.CENTRAL_CITY)
    _ward(new_hai_phong, "11948", "Bạch Long Vĩ", UnitType.SPECIAL_ZONE)
    island = [
        "Thành phố Hải Phòng (31)",
        "Đặc khu Bạch Long Vĩ",
        "11948",
        "",
        "",
        "Sắp xếp toàn bộ huyện Bạch Long Vĩ thành đặc khu Bạch Long Vĩ",
        "Huyện Bạch Long Vĩ (318)",
        "Thành phố Hải Phòng (31)",
        "",
    ]
    path = _table(tmp_path / "t.csv", island)

    report = _load(old_map, new_map, path)
    again = _load(old_map, new_map, path)

    link = _successions(new_map).get(predecessor__level=Level.DISTRICT)
    assert (link.predecessor.full_name, link.successor.full_name) == (
        "Huyện Bạch Long Vĩ",
        "Đặc khu Bạch Long Vĩ",
    )
    assert link.kind == Kind.WHOLE
    assert report.communes_with_predecessors == 1
    assert not again.changed


def test_load_marks_old_communes_the_table_never_lists_as_successor_unknown(
    old_map, new_map, tmp_path
):
    path = _table(tmp_path / "t.csv", _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"))

    report = _load(old_map, new_map, path)

    unknown = _successions(new_map).filter(kind=Kind.UNKNOWN)
    assert sorted(unknown.values_list("predecessor__code", flat=True)) == [
        "00013",
        "00016",
        "00019",
        "00454",
        "27691",
        "28249",
    ]
    assert not unknown.exclude(successor=None).exists()
    assert [unit.code for unit in report.old_communes_not_listed] == [
        "00013",
        "00016",
        "00019",
        "00454",
        "27691",
        "28249",
    ]


def test_load_skips_a_name_that_fits_several_units(old_map, new_map, tmp_path):
    # Without a district, "Phường 1" could be the ward of Ba Đình or the one of Đông Anh.
    _ward(AdminUnit.objects.get(admin_map=old_map, code="017"), "00460", "1")
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00004", "Phường 1", "", district=""),
    )

    report = _load(old_map, new_map, path)

    assert report.skipped == [
        RowError(4, "xã cũ: thiếu mã, và có 2 xã tên «Phường 1» trong tỉnh mã 01")
    ]


def test_load_merges_a_pair_listed_twice(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Ngọc Hà", "00016", "Nhập một phần"),
        _row("Phường Ba Đình", "00004", "Phường Ngọc Hà", "", "Nhập toàn bộ"),
    )

    report = _load(old_map, new_map, path)

    assert _links(new_map) == [("00016", "00004", Kind.PART, "Nhập một phần", "t.csv")]
    assert (report.rows_read, report.loaded) == (2, 1)
    assert report.duplicates == [
        RowError(
            4,
            "cặp Phường Ngọc Hà (00016) → Phường Ba Đình (00004) đã có ở dòng 3; giữ dòng 3 "
            "(nhập một phần, bỏ «Nhập toàn bộ»)",
        )
    ]


def test_load_warns_when_a_whole_commune_also_goes_elsewhere(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Ngọc Hà", "00016", "Nhập toàn bộ diện tích"),
        _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016", "Nhập một phần dân số"),
    )

    report = _load(old_map, new_map, path)

    assert [link[2] for link in _links(new_map)] == [Kind.WHOLE, Kind.PART]
    assert report.warnings == [
        RowError(
            3,
            "ghi chú «Nhập toàn bộ diện tích» nhưng Phường Ngọc Hà (00016) còn đi vào "
            "Phường Ngọc Hà (00008); giữ như ghi chú",
            "Ghi chú",
        )
    ]


def test_load_counts_new_communes_with_and_without_predecessors(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00004", "Phường Quán Thánh", "00013"),
        _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016"),
    )

    report = _load(old_map, new_map, path)

    assert (report.new_communes, report.communes_with_predecessors) == (4, 2)
    assert [unit.code for unit in report.communes_without_predecessors] == ["00454", "27694"]


def test_load_twice_changes_nothing(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016", "Giữ nguyên"),
    )
    first = _load(old_map, new_map, path)
    records = sorted(_successions(new_map).values_list("pk", "predecessor", "successor", "kind"))

    second = _load(old_map, new_map, path)

    assert (first.changed, second.changed) == (True, False)
    assert sorted(_successions(new_map).values_list("pk", "predecessor", "successor", "kind")) == (
        records
    )


def test_load_replaces_earlier_commune_successions_between_the_two_maps(old_map, new_map, tmp_path):
    old_ngoc_ha = AdminUnit.objects.get(admin_map=old_map, code="00016")
    new_dong_anh = AdminUnit.objects.get(admin_map=new_map, code="00454")
    Succession.objects.create(
        predecessor=old_ngoc_ha, successor=new_dong_anh, successor_map=new_map, kind=Kind.SAME_CODE
    )
    province = Succession.objects.create(
        predecessor=AdminUnit.objects.get(admin_map=old_map, code="01", level=Level.PROVINCE),
        successor=AdminUnit.objects.get(admin_map=new_map, code="01", level=Level.PROVINCE),
        successor_map=new_map,
        kind=Kind.UNCHANGED,
    )
    path = _table(tmp_path / "t.csv", _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016"))

    _load(old_map, new_map, path)

    assert _links(new_map) == [("00016", "00008", Kind.WHOLE, "Nhập toàn bộ", "t.csv")]
    assert Succession.objects.filter(pk=province.pk).exists()


def test_load_rejects_a_table_that_matches_nothing_and_changes_nothing(old_map, new_map, tmp_path):
    earlier = Succession.objects.create(
        predecessor=AdminUnit.objects.get(admin_map=old_map, code="00016"),
        successor=AdminUnit.objects.get(admin_map=new_map, code="00008"),
        successor_map=new_map,
        kind=Kind.SAME_CODE,
    )
    path = _table(tmp_path / "t.csv", _row("Phường Bến Nghé", "26740", "Phường Đa Kao", "26734"))

    with pytest.raises(ImportRejected) as rejected:
        _load(old_map, new_map, path)

    assert rejected.value.errors == [
        RowError(None, "không dòng nào khớp với test-old và test-new"),
        RowError(
            3,
            "xã cũ: không có mã 26734 trong test-old, và không có xã nào tên «Phường Đa Kao» "
            "trong huyện mã 001; xã mới: không có mã 26740 trong test-new, và không có xã nào "
            "tên «Phường Bến Nghé» trong tỉnh mã 01",
        ),
    ]
    assert list(_successions(new_map)) == [earlier]


def test_load_rejects_maps_in_the_wrong_order(old_map, new_map, tmp_path):
    path = _table(tmp_path / "t.csv", _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"))

    with pytest.raises(ImportRejected) as rejected:
        _load(new_map, old_map, path)

    assert rejected.value.errors == [
        RowError(None, "danh mục cũ test-new phải có trước danh mục mới test-old")
    ]
    assert not _successions(new_map).exists()


def test_load_reports_progress_up_to_the_last_row(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00004", "Phường Quán Thánh", "00013"),
    )
    calls = []

    _load(old_map, new_map, path, progress=lambda done, total: calls.append((done, total)))

    assert calls == [(2, 2)]


def test_report_lines_give_counts_then_skipped_rows_and_warnings(old_map, new_map, tmp_path):
    path = _table(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        _row("Phường Ba Đình", "00004", "Phường Quán Thánh", ""),
        _row("Phường Ba Đình", "00004", "Phường Không Có", "09999"),
    )

    report = _load(old_map, new_map, path)

    assert report.lines() == [
        "Bảng chuyển đổi t.csv: đọc 3 dòng dữ liệu.",
        "  Đã nạp: 2 quan hệ kế thừa (nhập toàn bộ 2); đã cập nhật.",
        "  Bỏ qua: 1 dòng.",
        "  Trùng cặp cũ → mới (đã gộp): 0 dòng.",
        "  Cảnh báo: 1.",
        "  Xã mới có đơn vị tiền thân: 1/4.",
        "Dòng bị bỏ qua:",
        "  dòng 5: xã cũ: không có mã 09999 trong test-old, và không có xã nào tên "
        "«Phường Không Có» trong huyện mã 001",
        "Cảnh báo:",
        "  dòng 4, cột «Mã Xã cũ»: thiếu mã; theo tên «Phường Quán Thánh»: "
        "Phường Quán Thánh (00013)",
        "Xã mới chưa có đơn vị tiền thân:",
        "  Phường Ngọc Hà (00008)",
        "  Xã Đông Anh (00454)",
        "  Phường Long An (27694)",
        "Xã cũ không có trong bảng (ghi «đã sáp nhập, chưa rõ đơn vị kế thừa»):",
        "  Phường Ngọc Hà (00016)",
        "  Phường 1 (00019)",
        "  Xã 1 (00454)",
        "  Phường 4 (27691)",
        "  Phường 4 (28249)",
    ]
    assert str(report) == "\n".join(report.lines())


@pytest.mark.slow
def test_load_of_the_shipped_table_gives_every_new_commune_predecessors(maps):
    report = _load(maps["2025-01"], maps["2025-07"], SHIPPED)

    assert not report.changed  # the reference data already holds exactly this
    assert (report.rows_read, report.loaded, len(report.duplicates)) == (10571, 10567, 0)
    assert report.kinds == {Kind.WHOLE: 9471, Kind.PART: 969, Kind.UNCHANGED: 127}
    assert (report.new_communes, report.communes_with_predecessors) == (3321, 3321)
    assert report.communes_without_predecessors == []
    # The island districts had no communes: the district itself became the đặc khu.
    islands = _successions(maps["2025-07"]).filter(predecessor__level=Level.DISTRICT)
    assert sorted(islands.values_list("predecessor__name", "successor__type")) == [
        ("Bạch Long Vĩ", UnitType.SPECIAL_ZONE),
        ("Côn Đảo", UnitType.SPECIAL_ZONE),
        ("Cồn Cỏ", UnitType.SPECIAL_ZONE),
        ("Hoàng Sa", UnitType.SPECIAL_ZONE),
        ("Lý Sơn", UnitType.SPECIAL_ZONE),
    ]
    # The Kim Sơn alluvial area (not a commune) and three wards of Thị xã Mộc Châu that are
    # not in the January 2025 list.
    assert sorted(error.row for error in report.skipped) == [1549, 1553, 1554, 4749]
    # Communes reorganised in early 2025 that the table never lists.
    assert len(report.old_communes_not_listed) == 19
    assert str(report.old_communes_not_listed[0]) == "Xã Chiềng Ly (03751)"
    assert [error for error in report.warnings if error.column == "Tỉnh cũ"] == [
        RowError(
            9532,
            "bảng ghi tỉnh mã 82 nhưng Phường 4 (27691) thuộc Tỉnh Long An (80); theo mã xã",
            "Tỉnh cũ",
        ),
        RowError(
            10652,
            "bảng ghi tỉnh mã 89 nhưng Xã Tiên Hải (30781) thuộc Tỉnh Kiên Giang (91); theo mã xã",
            "Tỉnh cũ",
        ),
    ]
