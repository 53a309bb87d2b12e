import csv
from collections import Counter
from pathlib import Path

import pytest

import kieumau.adminunits
from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.adminunits.models import Succession
from kieumau.adminunits.readers.conversion_table import (
    COLUMNS,
    ConversionRow,
    classify_note,
    read_conversion_table,
)

Kind = Succession.Kind
SHIPPED = Path(kieumau.adminunits.__file__).parent / "data" / "ward-conversion-2025.csv"
TITLE = ["Đơn vị hành chính từ ngày 01/7/2025", "", "", "Đơn vị hành chính trước ngày 01/7/2025"]
HEADER = [*COLUMNS, ""]
HANOI = "Thành phố Hà Nội (01)"
BA_DINH = "Quận Ba Đình (001)"


def _write(path: Path, *rows: list[str], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([TITLE, header, *rows])
    return path


def _row(new_name, new_code, old_name, old_code, note="Nhập toàn bộ", district=BA_DINH):
    return [HANOI, new_name, new_code, old_name, old_code, note, district, HANOI, ""]


@pytest.fixture(scope="module")
def shipped():
    return read_conversion_table(SHIPPED)


def _at(table, row: int) -> ConversionRow:
    return next(parsed for parsed in table.rows if parsed.row == row)


# ---- the shipped table ------------------------------------------------------------------------


def test_shipped_table_has_10571_data_rows_and_34_province_separators(shipped):
    assert len(shipped.rows) + len(shipped.issues) == 10571
    assert shipped.issues == []
    assert shipped.separator_rows == 34
    assert shipped.warnings == []


def test_shipped_table_kinds_come_from_the_notes(shipped):
    assert Counter(row.kind for row in shipped.rows) == {
        Kind.WHOLE: 9475,
        Kind.PART: 969,
        Kind.UNCHANGED: 127,
    }


def test_shipped_table_reads_its_first_row(shipped):
    assert shipped.rows[0] == ConversionRow(
        row=4,
        new_province_code="01",
        new_code="00004",
        new_name="Phường Ba Đình",
        old_code="00004",
        old_name="Phường Trúc Bạch",
        old_district_code="001",
        old_province_code="01",
        note="Nhập toàn bộ",
        kind=Kind.WHOLE,
    )


def test_shipped_table_rows_without_old_commune_are_the_island_districts(shipped):
    islands = [row for row in shipped.rows if not row.old_code and not row.old_name]

    assert [(row.row, row.old_district_code, row.new_name) for row in islands] == [
        (3969, "318", "Đặc khu Bạch Long Vĩ"),
        (6212, "471", "Đặc khu Cồn Cỏ"),
        (6747, "498", "Đặc khu Hoàng Sa"),
        (7028, "536", "Đặc khu Lý Sơn"),
        (9495, "755", "Đặc khu Côn Đảo"),
    ]
    assert {row.kind for row in islands} == {Kind.WHOLE}


def test_shipped_table_numbers_a_record_with_a_line_break_by_its_first_line(shipped):
    row = _at(shipped, 4463)

    assert (row.old_name, row.old_code, row.note, row.kind) == (
        "Xã Gia Tân",
        "14503",
        "Nhập một  phần",
        Kind.PART,
    )
    assert _at(shipped, 4465).old_name == "Xã Gia Sinh"


def test_shipped_table_collapses_line_breaks_in_names(shipped):
    assert _at(shipped, 6214).new_name == "Phường Phú Xuân"


def test_shipped_table_reads_the_misspelt_note(shipped):
    row = _at(shipped, 3804)

    assert (row.note, row.kind) == ("Nhâp một phần diện tích", Kind.PART)


def test_shipped_table_reads_renames_and_remainders(shipped):
    kinds = {row: _at(shipped, row).kind for row in (4859, 7214, 7779, 8907, 9232, 10771)}

    assert kinds == {
        4859: Kind.WHOLE,  # Đổi loại hình
        7214: Kind.PART,  # Phần còn lại sau khi tách một phần …
        7779: Kind.WHOLE,  # Đổi tên
        8907: Kind.PART,  # Đổi tên từ một phần Phường 15
        9232: Kind.PART,  # Đổi tên, đổi loại hình từ một phần thị trấn Lai Uyên
        10771: Kind.WHOLE,  # Sắp xếp toàn bộ xã Thổ Châu thành đặc khu Thổ Châu
    }


def test_shipped_table_keeps_the_tan_an_ward_under_the_province_it_names(shipped):
    row = _at(shipped, 9532)

    assert (row.old_code, row.old_name, row.old_district_code, row.old_province_code) == (
        "27691",
        "Phường 4",
        "794",
        "82",
    )
    assert row.new_province_code == "80"


def test_shipped_table_keeps_a_row_without_old_code_that_has_a_name(shipped):
    row = _at(shipped, 4749)

    assert (row.old_code, row.old_name, row.old_district_code) == (
        None,
        "Khu vực bãi bồi ven biển do huyện Kim Sơn quản lý",
        "376",
    )


# ---- notes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Nhập toàn bộ", Kind.WHOLE),
        ("Nhập toàn bộ diện tích", Kind.WHOLE),
        ("Nhập một phần", Kind.PART),
        ("Nhập một phần\n", Kind.PART),
        ("Nhập một  phần", Kind.PART),
        ("Nhâp một phần diện tích", Kind.PART),
        ("Nhập một phần  diện tích", Kind.PART),
        ("Nhập một phần diện tích, toàn bộ dân số", Kind.PART),
        ("Nhập một phần dân số", Kind.PART),
        ("Phần còn lại sau khi tách một phần vào xã Canh Vinh", Kind.PART),
        ("Đổi tên từ một phần Phường 15", Kind.PART),
        ("Giữ nguyên ", Kind.UNCHANGED),
        ("GIỮ NGUYÊN", Kind.UNCHANGED),
        ("Đổi tên", Kind.WHOLE),
        ("Đổi loại hình", Kind.WHOLE),
        ("Sắp xếp toàn bộ huyện Côn Đảo thành đặc khu Côn Đảo", Kind.WHOLE),
        ("", None),
        ("Thành lập mới", None),
    ],
)
def test_classify_note_tolerates_typos_and_whitespace(note, kind):
    assert classify_note(note) == kind


# ---- small files ------------------------------------------------------------------------------


def test_read_empty_note_of_a_commune_listed_once_as_whole(tmp_path):
    path = _write(
        tmp_path / "t.csv", _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004", "")
    )

    table = read_conversion_table(path)

    assert [row.kind for row in table.rows] == [Kind.WHOLE]
    assert table.warnings == [
        RowError(
            3,
            "ghi chú trống: xã cũ chỉ đi vào một xã mới nên coi là nhập toàn bộ",
            "Ghi chú",
        )
    ]


def test_read_empty_note_of_a_split_commune_as_part(tmp_path):
    path = _write(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Ngọc Hà", "00016", ""),
        _row("Phường Ngọc Hà", "00008", "Phường Ngọc Hà", "00016", "Nhập một phần"),
    )

    table = read_conversion_table(path)

    assert [row.kind for row in table.rows] == [Kind.PART, Kind.PART]
    assert table.warnings == [
        RowError(
            3,
            "ghi chú trống: xã cũ được chia cho 2 xã mới nên coi là nhập một phần",
            "Ghi chú",
        )
    ]


def test_read_unknown_note_like_an_empty_one(tmp_path):
    path = _write(
        tmp_path / "t.csv", _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004", "Khác")
    )

    table = read_conversion_table(path)

    assert [row.kind for row in table.rows] == [Kind.WHOLE]
    assert table.warnings[0].message == (
        "ghi chú «Khác» không rõ: xã cũ chỉ đi vào một xã mới nên coi là nhập toàn bộ"
    )


def test_read_counts_separators_and_ignores_blank_rows(tmp_path):
    path = _write(
        tmp_path / "t.csv",
        ["THÀNH PHỐ HÀ NỘI  ", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", ""],
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004"),
        ["Tỉnh Bắc Ninh (24)", "", "", "", "", "", "", "", ""],
    )

    table = read_conversion_table(path)

    assert (len(table.rows), table.separator_rows, table.issues) == (1, 2, [])
    assert table.rows[0].row == 5


def test_read_pads_codes_that_lost_their_leading_zeros(tmp_path):
    path = _write(tmp_path / "t.csv", _row("Phường Ba Đình", "4", "Phường Trúc Bạch", "04"))

    row = read_conversion_table(path).rows[0]

    assert (row.new_code, row.old_code) == ("00004", "00004")


def test_read_lists_rows_it_cannot_use_and_keeps_the_others(tmp_path):
    path = _write(
        tmp_path / "t.csv",
        _row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "0000A"),
        _row("Phường Ba Đình", "00004", "Phường Quán Thánh", "00013"),
        ["Hà Nội", "Phường Ba Đình", "00004", "Phường Ngọc Hà", "00016", "", "", "", ""],
        [HANOI, "Phường Ba Đình", "00004"],
        _row("", "", "Phường Kim Mã", "00028"),
    )

    table = read_conversion_table(path)

    assert [row.old_code for row in table.rows] == ["00013"]
    assert table.issues == [
        RowError(3, "mã «0000A» không hợp lệ: cần tối đa 5 chữ số", "Mã Xã cũ"),
        RowError(5, "thiếu mã tỉnh mới dạng «Tên (01)»", "Tỉnh, thành phố"),
        RowError(6, "cần 8 cột, dòng chỉ có 3"),
        RowError(7, "thiếu cả mã và tên xã mới", "Mã Xã mới"),
    ]


def test_read_rejects_a_file_that_is_not_a_conversion_table(tmp_path):
    path = _write(tmp_path / "t.csv", header=["old_code", "new_code"])

    with pytest.raises(ImportRejected) as rejected:
        read_conversion_table(path)

    assert rejected.value.errors == [
        RowError(
            2,
            "không phải bảng chuyển đổi: cột 3 của dòng tiêu đề phải là «Mã Xã mới»",
        )
    ]


def test_read_rejects_an_empty_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("")

    with pytest.raises(ImportRejected) as rejected:
        read_conversion_table(path)

    assert rejected.value.errors == [RowError(None, "tệp không có đủ hai dòng tiêu đề")]


def test_read_takes_the_same_table_from_an_xlsx_file(tmp_path):
    from openpyxl import Workbook

    rows = [_row("Phường Ba Đình", "00004", "Phường Trúc Bạch", "00004")]
    workbook = Workbook()
    for cells in [TITLE, HEADER, *rows]:
        workbook.active.append(cells)
    workbook.save(tmp_path / "t.xlsx")

    from_xlsx = read_conversion_table(tmp_path / "t.xlsx")

    assert from_xlsx.rows == read_conversion_table(_write(tmp_path / "t.csv", *rows)).rows
