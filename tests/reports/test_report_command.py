from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.reports.summary_fixtures import summary_programme


@pytest.fixture
def programme(round_2023, people):
    return summary_programme(round_2023, people)


def test_national_report_in_markdown_goes_to_stdout_and_the_time_to_stderr(programme, capsys):
    call_command("report", "national", "--round", "2023", "--format", "md")
    out, err = capsys.readouterr()

    assert out.startswith("**BỘ CÔNG AN**\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    assert f"Hà Nội, ngày {timezone.localdate():%d}" in out
    assert "## I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI" in out
    assert "| Tỉnh, thành phố | Số phường | Chỉ tiêu |" in out
    assert "Chỉ tiêu 106 đơn vị; đã đăng ký 6 đơn vị" in out
    assert err.startswith("Đã viết báo cáo (md) trong ") and err.rstrip().endswith("giây.")


def test_province_report_in_plain_text_to_a_file(programme, tmp_path, capsys):
    path = tmp_path / "nghe-an.txt"
    call_command("report", "province", "40", "--round", "2023", "--format", "txt", "-o", path)
    out, err = capsys.readouterr()

    text = path.read_text()
    assert out == ""
    assert text.startswith("BỘ CÔNG AN\nCÔNG AN TỈNH NGHỆ AN\n")
    assert "**" not in text and "| " not in text
    assert "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI\n---" in text
    assert "Chỉ tiêu 1 đơn vị; đã đăng ký 3 đơn vị" in text
    assert f"vào {path} trong" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["national", "--round", "2019"], "Không có đợt đánh giá năm 2019 (đã có: 2023)."),
        (["province", "99", "--round", "2023"], "Danh mục 2023-05 không có tỉnh mã 99."),
        (
            ["national", "--round", "2023", "--format", "odt"],
            "Không hỗ trợ định dạng «odt» (chọn một trong: docx, pdf, xlsx, md, txt).",
        ),
        (
            ["national", "--round", "2023", "--format", "xlsx"],
            "Định dạng «xlsx» cần tệp kết quả: thêm -o TỆP.xlsx.",
        ),
    ],
)
def test_report_command_refuses_unknown_round_province_and_format(programme, arguments, message):
    with pytest.raises(CommandError) as error:
        call_command("report", *arguments)

    assert str(error.value) == message


def test_issued_today_by_default(programme, capsys):
    call_command("report", "province", "40", "--round", "2023", "--format", "txt")
    today = timezone.localdate()
    assert isinstance(today, date)
    month = f"{today.month:02d}" if today.month < 3 else str(today.month)
    assert f"Nghệ An, ngày {today.day:02d} tháng {month} năm {today.year}" in capsys.readouterr()[0]
