import pytest

from kieumau.adminunits.errors import ImportRejected
from kieumau.adminunits.readers.gso import read_gso_list
from kieumau.adminunits.types import Level, UnitType
from tests.adminunits.gso_files import HEADER, ROWS, write_csv, write_xlsx


def _units(gso_list):
    return {(unit.level, unit.code): unit for unit in gso_list.units}


def _messages(excinfo) -> list[str]:
    return [str(error) for error in excinfo.value.errors]


def test_read_gso_list_derives_levels_types_and_parents(tmp_path):
    units = _units(read_gso_list(write_csv(tmp_path / "list.csv")))

    assert len(units) == 2 + 4 + 6
    assert units[Level.PROVINCE, "01"].type == UnitType.CENTRAL_CITY
    assert units[Level.PROVINCE, "01"].name == "Hà Nội"
    assert units[Level.PROVINCE, "40"].type == UnitType.PROVINCE
    assert units[Level.DISTRICT, "001"].type == UnitType.URBAN_DISTRICT
    assert units[Level.DISTRICT, "016"].type == UnitType.RURAL_DISTRICT
    assert units[Level.DISTRICT, "412"].type == UnitType.PROVINCIAL_CITY
    assert units[Level.DISTRICT, "413"].type == UnitType.TOWN
    assert units[Level.COMMUNE, "00376"].type == UnitType.TOWNSHIP
    assert units[Level.COMMUNE, "00376"].name == "Sóc Sơn"
    assert units[Level.COMMUNE, "16681"].parent_code == "412"
    assert units[Level.COMMUNE, "16681"].province_code == "40"


def test_read_gso_list_reads_xlsx_with_a_title_row(tmp_path):
    from_xlsx = _units(read_gso_list(write_xlsx(tmp_path / "list.xlsx")))
    from_csv = _units(read_gso_list(write_csv(tmp_path / "list.csv")))

    assert from_xlsx == from_csv


def test_read_gso_list_pads_codes_that_lost_leading_zeros(tmp_path):
    rows = [["Thành phố Hà Nội", "1", "Quận Ba Đình", "1", "Phường Phúc Xá", "1", "Phường", ""]]

    units = _units(read_gso_list(write_csv(tmp_path / "list.csv", rows)))

    assert set(units) == {(Level.PROVINCE, "01"), (Level.DISTRICT, "001"), (Level.COMMUNE, "00001")}


def test_read_gso_list_takes_the_type_from_the_name_when_the_level_column_is_missing(tmp_path):
    header = [title for title in HEADER if title != "Cấp"]
    rows = [row[:6] + row[7:] for row in ROWS]

    units = _units(read_gso_list(write_csv(tmp_path / "list.csv", rows, header)))

    assert units[Level.COMMUNE, "00376"].type == UnitType.TOWNSHIP
    assert units[Level.COMMUNE, "00379"].type == UnitType.COMMUNE


def test_read_gso_list_reads_post_reform_lists_without_districts(tmp_path):
    rows = [
        ["Thành phố Hà Nội", "01", "", "", "Phường Ba Đình", "00004", "Phường", ""],
        ["Tỉnh Quảng Ninh", "22", "", "", "Đặc khu Vân Đồn", "07192", "Đặc khu", ""],
    ]

    units = _units(read_gso_list(write_csv(tmp_path / "list.csv", rows)))

    assert units[Level.COMMUNE, "07192"].type == UnitType.SPECIAL_ZONE
    assert units[Level.COMMUNE, "07192"].parent_level == Level.PROVINCE
    assert units[Level.COMMUNE, "07192"].parent_code == "22"
    assert not [unit for unit in units.values() if unit.level == Level.DISTRICT]


def test_read_gso_list_rejects_a_missing_column(tmp_path):
    header = [title for title in HEADER if title != "Mã PX"]
    rows = [row[:5] + row[6:] for row in ROWS]

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(write_csv(tmp_path / "list.csv", rows, header))

    assert _messages(excinfo) == ["dòng 1: thiếu cột «Mã PX»"]


def test_read_gso_list_rejects_a_duplicated_code_naming_both_rows(tmp_path):
    rows = [
        *ROWS,
        ["Tỉnh Nghệ An", "40", "Thành phố Vinh", "412", "Phường Hưng Bình", "16681", "Phường", ""],
    ]

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(write_csv(tmp_path / "list.csv", rows))

    assert _messages(excinfo) == ["dòng 8, cột «Mã PX»: mã 16681 trùng với dòng 6"]


def test_read_gso_list_rejects_a_commune_whose_parent_is_unknown(tmp_path):
    rows = [*ROWS, ["Tỉnh Nghệ An", "40", "", "", "Phường Hưng Bình", "16684", "Phường", ""]]

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(write_csv(tmp_path / "list.csv", rows))

    assert _messages(excinfo) == [
        "dòng 8, cột «Mã QH»: không rõ đơn vị cấp trên: thiếu quận, huyện"
    ]


def test_read_gso_list_rejects_a_district_listed_under_two_provinces(tmp_path):
    rows = [
        *ROWS,
        ["Tỉnh Nghệ An", "40", "Quận Ba Đình", "001", "Phường Hưng Bình", "16684", "Phường", ""],
    ]

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(write_csv(tmp_path / "list.csv", rows))

    assert len(excinfo.value.errors) == 1
    assert excinfo.value.errors[0].row == 8
    assert "001" in excinfo.value.errors[0].message


def test_read_gso_list_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("Tỉnh Thành Phố,Mã TP\n".encode() + "Xã Yên Hòa".encode("cp1252"))

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(path)

    assert excinfo.value.errors[0].row == 2
    assert "UTF-8" in excinfo.value.errors[0].message


def test_read_gso_list_rejects_garbled_text_naming_the_row(tmp_path):
    garbled = "Phường Phúc Xá".encode().decode("cp1252", errors="replace")
    rows = [
        *ROWS[:2],
        ["Thành phố Hà Nội", "01", "Quận Ba Đình", "001", garbled, "00007", "Phường", ""],
    ]

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(write_csv(tmp_path / "list.csv", rows))

    assert [error.row for error in excinfo.value.errors] == [4]
    assert "mã hóa" in excinfo.value.errors[0].message


def test_read_gso_list_rejects_a_csv_renamed_xlsx(tmp_path):
    path = write_csv(tmp_path / "list.xlsx")

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(path)

    assert _messages(excinfo) == ["tệp: tệp mang đuôi .xlsx nhưng không phải tệp Excel"]


def test_read_gso_list_rejects_a_commune_whose_level_contradicts_its_name(tmp_path):
    rows = [["Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Phúc Xá", "00001", "Xã", ""]]

    with pytest.raises(ImportRejected) as excinfo:
        read_gso_list(write_csv(tmp_path / "list.csv", rows))

    assert _messages(excinfo) == ["dòng 2, cột «Cấp»: cấp «Xã» không khớp với tên «Phường Phúc Xá»"]


def test_read_gso_list_keeps_a_district_without_communes(tmp_path):
    rows = [*ROWS, ["Thành phố Hải Phòng", "31", "Huyện Bạch Long Vĩ", "318", "", "", "", ""]]

    units = _units(read_gso_list(write_csv(tmp_path / "list.csv", rows)))

    assert units[Level.DISTRICT, "318"].type == UnitType.RURAL_DISTRICT
    assert units[Level.DISTRICT, "318"].parent_code == "31"
    assert len([unit for unit in units.values() if unit.level == Level.COMMUNE]) == 6
