from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kieumau.adminunits.models import AdminMap, AdminUnit, Succession
from tests.adminunits.gso_files import HEADER, ROWS, write_csv, write_xlsx


def _maps(*args) -> str:
    out = StringIO()
    call_command("maps", *args, stdout=out)
    return out.getvalue()


def _database_state():
    return (
        sorted(AdminMap.objects.values_list("code", "source_sha256")),
        AdminUnit.objects.count(),
        Succession.objects.count(),
    )


def test_maps_list_shows_each_map_with_its_counts(maps):
    lines = _maps("list").splitlines()

    assert lines[1].split()[:6] == ["2023-05", "07/05/2023", "63", "705", "10598", "1771"]
    assert lines[3].split()[:6] == ["2025-07", "01/07/2025", "34", "0", "3321", "687"]


def test_maps_show_counts_units_by_level_and_type(maps):
    output = _maps("show", "2025-07")

    assert "Cấp tỉnh: 34\n" in output
    assert "Cấp xã: 3321\n" in output
    assert "    Phường: 687\n" in output
    assert "    Đặc khu: 13\n" in output
    assert "Cấp huyện" not in output


def test_maps_show_of_an_unknown_map_names_the_known_ones(maps):
    with pytest.raises(
        CommandError, match=r"Không có danh mục 1999-01 \(đã có: 2023-05, 2025-01, 2025-07\)"
    ):
        _maps("show", "1999-01")


@pytest.mark.django_db
def test_maps_load_reads_an_xlsx_export_and_is_idempotent(tmp_path):
    path = write_xlsx(tmp_path / "gso.xlsx")

    first = _maps("load", str(path), "--code", "2026-01", "--name", "Thử", "--date", "2026-01-01")
    second = _maps("load", str(path), "--code", "2026-01", "--name", "Thử", "--date", "2026-01-01")

    assert "thêm 12" in first
    assert "không có gì thay đổi" in second
    assert AdminUnit.objects.filter(admin_map__code="2026-01").count() == 12


@pytest.mark.parametrize(
    ("rows", "header", "expected"),
    [
        (ROWS, [t for t in HEADER if t != "Mã TP"], "thiếu cột «Mã TP»"),
        ([*ROWS, ROWS[0]], HEADER, "dòng 8, cột «Mã PX»: mã 00001 trùng với dòng 2"),
        (
            [*ROWS, ["Tỉnh Nghệ An", "40", "", "", "Phường Hưng Bình", "16684", "Phường", ""]],
            HEADER,
            "dòng 8, cột «Mã QH»: không rõ đơn vị cấp trên",
        ),
    ],
    ids=["missing-column", "duplicated-code", "unknown-parent"],
)
def test_maps_load_rejects_a_bad_file_and_changes_nothing(maps, tmp_path, rows, header, expected):
    if "Mã TP" not in header:
        rows = [row[:1] + row[2:] for row in rows]
    path = write_csv(tmp_path / "gso.csv", rows, header)
    before = _database_state()

    with pytest.raises(CommandError) as excinfo:
        _maps("load", str(path), "--code", "2025-07", "--name", "x", "--date", "2025-07-01")

    assert expected in str(excinfo.value)
    assert "không có gì thay đổi" in str(excinfo.value)
    assert _database_state() == before


def test_maps_load_rejects_a_file_in_a_legacy_encoding_and_changes_nothing(maps, tmp_path):
    path = tmp_path / "gso.csv"
    path.write_bytes(",".join(HEADER).encode() + "\nThành,01,".encode("cp1258"))
    before = _database_state()

    with pytest.raises(CommandError, match="dòng 2: tệp không phải mã UTF-8"):
        _maps("load", str(path), "--code", "2025-07", "--name", "x", "--date", "2025-07-01")

    assert _database_state() == before


def test_maps_trace_shows_a_province_merged_in_2025(maps):
    output = _maps("trace", "15", "--map", "2025-01")

    assert "[2025-01] Tỉnh Yên Bái (15)" in output
    assert "→ [2025-07] Tỉnh Lào Cai (15) — nhập toàn bộ" in output
    assert "← [2023-05] Tỉnh Yên Bái (15)" in output


def test_maps_trace_of_an_unknown_code_says_so(maps):
    with pytest.raises(CommandError, match="Không có đơn vị mã 99999"):
        _maps("trace", "99999")


def test_maps_trace_shows_the_wards_that_formed_the_2025_phuong_ba_dinh(maps):
    output = _maps("trace", "00004", "--map", "2025-07")

    assert output.startswith("[2025-07] Phường Ba Đình (00004), Thành phố Hà Nội\n")
    assert (
        "  ← [2025-01] Phường Trúc Bạch (00004), Quận Ba Đình — nhập toàn bộ (Nhập toàn bộ)\n"
        in output
    )
    assert "  ← [2025-01] Phường Quán Thánh (00013), Quận Ba Đình — nhập toàn bộ" in output
    assert "  ← [2025-01] Phường Ngọc Hà (00016), Quận Ba Đình — nhập một phần" in output
    # …and further back, the 2023 ward that kept Trúc Bạch's code.
    assert "    ← [2023-05] Phường Trúc Bạch (00004), Quận Ba Đình — giữ mã số" in output
    assert "Kế thừa / successors:\n  (không có)" in output


def test_maps_trace_shows_where_a_2023_ward_went(maps):
    output = _maps("trace", "00013", "--map", "2023-05")

    assert "  → [2025-01] Phường Quán Thánh (00013), Quận Ba Đình — giữ mã số" in output
    assert "    → [2025-07] Phường Ba Đình (00004), Thành phố Hà Nội — nhập toàn bộ" in output


def test_maps_conversion_reports_the_official_table(maps):
    output = _maps("conversion")

    assert "Xã mới có đơn vị tiền thân: 3321/3321." in output
    assert "không có gì thay đổi" in output
    assert "Dòng bị bỏ qua:" in output
