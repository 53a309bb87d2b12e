import subprocess

from kieumau.reports.renderers import pdf
from tests.reports.renderers.conftest import SUMMARY, tool


def _text(path, *args) -> str:
    output = subprocess.run(
        [tool("pdftotext"), *args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(output.split())


def test_the_pdf_embeds_its_fonts_and_holds_the_report(report, tmp_path):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf.render(report))
    fonts = subprocess.run(
        [tool("pdffonts"), str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts
    assert any("Serif" in line for line in fonts)
    for line in fonts:
        assert line.split()[-5] == "yes", line  # the "emb" column
    page_1 = _text(path, "-f", "1", "-l", "1")
    for line in (
        "BỘ CÔNG AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 05 tháng 02 năm 2024",
        "BÁO CÁO",
        SUMMARY,
        "TC21 – Chuyển đổi số",  # the chart's text, drawn as text
    ):
        assert line in page_1, line
    everything = _text(path)
    for line in ("1.250.000.000 đồng", "45,5%", "01/06/2023", "Bạc Liêu", "Nơi nhận:"):
        assert line in everything, line
    assert "Hình 2. Tỷ lệ phường đạt chuẩn so với mục tiêu, theo tỉnh" in everything
    assert "Open Development Mekong" in everything  # the map's attribution, under it


def test_the_table_header_repeats_on_the_next_page(report, tmp_path):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf.render(report))
    page_2 = _text(path, "-f", "2", "-l", "2")
    assert page_2.count("Tỉnh, thành phố") >= 1
    assert "Kinh phí" in page_2


def test_the_report_loads_nothing_from_outside(report):
    html = pdf.render_to_string("reports/report.html", pdf._context(report))
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
