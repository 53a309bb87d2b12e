import subprocess
import zipfile
from io import BytesIO

from kieumau.reports.renderers import docx
from tests.reports.renderers.conftest import SUMMARY, tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(data: bytes, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_the_page_is_a4_with_the_decree_30_margins(report):
    xml = _xml(docx.render(report))
    # twentieths of a point: 210 × 297 mm; 20, 20, 30, 15 mm
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in xml or 'w:w="11906" w:h="16838"' in xml
    for side, value in (("top", 1134), ("bottom", 1134), ("left", 1701), ("right", 850)):
        assert f'w:{side}="{value}"' in xml


def test_the_font_is_times_new_roman_14_pt(report):
    styles = _xml(docx.render(report), "word/styles.xml")
    assert 'w:ascii="Times New Roman"' in styles
    assert 'w:eastAsia="Times New Roman"' in styles
    assert '<w:sz w:val="28"/>' in styles  # half-points


def test_the_table_header_rows_repeat_on_each_page(report):
    xml = _xml(docx.render(report))
    assert xml.count('<w:tblHeader w:val="true"/>') == len(report.tables())


def test_the_text_has_the_header_block_and_vietnamese_figures(report):
    xml = _xml(docx.render(report))
    for line in (
        "BỘ CÔNG AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 05 tháng 02 năm 2024",
        "BÁO CÁO",
        SUMMARY,
        "Nơi nhận:",
        "KT. BỘ TRƯỞNG",
        "Trung tướng Nguyễn Văn Long",
        "1.250.000.000 đồng",
        "45,5%",
        "1.234",
        "01/06/2023",
        "PHỤ LỤC 1",
        "Open Development Mekong",  # the map's attribution, under it
    ):
        assert line in xml, line
    assert '<w:br w:type="page"/>' in xml  # the annex starts a page


def test_pages_are_numbered_at_the_top_from_page_2(report):
    data = docx.render(report)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        headers = [
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/header")
        ]
    assert any('w:fldCharType="begin"' in xml and " PAGE " in xml for xml in headers)
    assert "<w:titlePg/>" in _xml(data)  # the first page has its own (empty) header


def test_the_figures_are_coloured_pngs(report):
    from PIL import Image

    data = docx.render(report)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        images = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(images) == 2
        colours = set()
        for name in images:
            picture = Image.open(BytesIO(archive.read(name))).convert("RGB")
            colours |= {colour for _, colour in picture.getcolors(1 << 20)}
    assert (0x1B, 0x6E, 0x3A) in colours  # --map-5 (target reached)
    assert (0x1F, 0x3A, 0x5F) in colours  # the bars' navy


def test_libreoffice_opens_it_and_page_1_shows_the_header_block(report, tmp_path):
    libreoffice = tool("libreoffice")
    pdftotext = tool("pdftotext")
    pdftoppm = tool("pdftoppm")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(docx.render(report))
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.stat().st_size > 10_000
    page_1 = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = " ".join(page_1.split())
    for line in (
        "BỘ CÔNG AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 05 tháng 02 năm 2024",
        "BÁO CÁO",
        SUMMARY,
    ):
        assert line in text, line
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    assert list(tmp_path.glob("page*.png"))
