"""A realistic summary report built by hand (the narrative writes the real one): Vietnamese
text, two sections with subsections, bullets, a chart and the map of the 63 provinces, a
63-row table by province (long enough to span pages) with a total row, and an annex."""

import io
import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest

from kieumau.reports.document import (
    Bullets,
    Column,
    ColumnKind,
    Figure,
    Paragraph,
    Report,
    Section,
    Table,
)
from kieumau.reports.graphics.charts import Bar, horizontal_bar_chart
from kieumau.reports.graphics.choropleth import Region, choropleth_figure
from kieumau.reports.graphics.geometry import DATA_DIR
from kieumau.reports.renderers import renderer

SUMMARY = "Sơ kết 01 năm thực hiện Đề án xây dựng Công an phường điển hình, kiểu mẫu năm 2023"


def _provinces() -> list[dict]:
    with (DATA_DIR / "provinces-63.geojson").open(encoding="utf-8") as file:
        return [feature["properties"] for feature in json.load(file)["features"]]


def province_table() -> Table:
    rows = []
    for index, province in enumerate(_provinces()):
        quota = 1 + index % 4
        registered = quota + index % 3
        rows.append(
            [
                index + 1,
                province["name"],
                quota,
                registered,
                Decimal(registered * 100) / Decimal(quota + 3),
                1_250_000_000 + index * 37_500_000,
                date(2023, 6 + index % 5, 1 + index % 27),
            ]
        )
    return Table(
        title="Kết quả đăng ký và đánh giá theo tỉnh, thành phố",
        sheet="Theo tỉnh",
        columns=[
            Column("STT", ColumnKind.INTEGER),
            Column("Tỉnh, thành phố"),
            Column("Chỉ tiêu", ColumnKind.INTEGER),
            Column("Đăng ký", ColumnKind.INTEGER),
            Column("Tỷ lệ đạt", ColumnKind.PERCENT),
            Column("Kinh phí", ColumnKind.MONEY),
            Column("Ngày phê duyệt", ColumnKind.DATE),
        ],
        rows=rows,
        total=[
            None,
            "Tổng cộng",
            sum(row[2] for row in rows),
            sum(row[3] for row in rows),
            Decimal("81.4"),
            sum(row[5] for row in rows),
            None,
        ],
        note="Nguồn: số liệu do Công an các tỉnh, thành phố báo cáo trên hệ thống.",
    )


def criteria_table() -> Table:
    return Table(
        title="Tiêu chí chưa đạt nhiều nhất",
        sheet="Theo tiêu chí",
        columns=[
            Column("Mã"),
            Column("Tiêu chí"),
            Column("Số đơn vị chưa đạt", ColumnKind.INTEGER),
            Column("Tỷ lệ", ColumnKind.PERCENT),
        ],
        rows=[
            ["TC21", "Ứng dụng khoa học công nghệ, chuyển đổi số", 19, Decimal("11.0")],
            ["TC22", "Dịch vụ công trực tuyến mức độ toàn trình", 17, Decimal("9.9")],
            ["TC12", "Trụ sở làm việc đạt chuẩn", 12, Decimal("7.0")],
            ["TC13", "Trang thiết bị, phương tiện", 1234, Decimal("45.46")],
        ],
    )


def sample_figures() -> tuple[Figure, Figure]:
    chart = horizontal_bar_chart(
        [
            Bar("TC21 – Chuyển đổi số", 19, "TC21: 19 đơn vị chưa đạt"),
            Bar("TC22 – Dịch vụ công trực tuyến", 17, "TC22: 17 đơn vị chưa đạt"),
            Bar("TC12 – Trụ sở làm việc", 12, "TC12: 12 đơn vị chưa đạt", "bar-mandatory"),
        ],
        title="Tiêu chí chưa đạt nhiều nhất",
        id_prefix="criteria-chart",
    )
    regions = [
        Region(p["code"], index % 6, f"{p['name']}\n{index % 6}", "")
        for index, p in enumerate(_provinces())
    ]
    world = choropleth_figure(  # as the dashboards draw it: in a <figure> with its attribution
        regions, title="Bản đồ tiến độ theo tỉnh", legend_title="Tiến độ so với\nmục tiêu"
    )
    return (
        Figure("Hình 1. Các tiêu chí chưa đạt nhiều nhất", str(chart), width_mm=150),
        Figure("Hình 2. Tỷ lệ phường đạt chuẩn so với mục tiêu, theo tỉnh", str(world), 120),
    )


def sample_report() -> Report:
    chart, world = sample_figures()
    return Report(
        parent_body="",
        issuing_body="BỘ CÔNG AN",
        number="/BC-BCA",
        place="Hà Nội",
        issued_on=date(2024, 2, 5),
        summary=SUMMARY,
        sections=[
            Section(
                "I.",
                "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI",
                blocks=[
                    Paragraph(
                        "Thực hiện Kế hoạch của Bộ Công an, Công an các tỉnh, thành phố trực "
                        "thuộc Trung ương đã tham mưu cấp ủy, chính quyền địa phương ban hành "
                        "văn bản lãnh đạo, chỉ đạo xây dựng Công an phường điển hình, kiểu mẫu."
                    )
                ],
                subsections=[
                    Section(
                        "1.",
                        "Văn bản lãnh đạo, chỉ đạo",
                        blocks=[
                            Paragraph(
                                "55 tỉnh ủy, thành ủy ban hành nghị quyết, chỉ thị, kết luận; "
                                "8 tỉnh khác ban hành chương trình, công văn, kế hoạch.",
                                bold_lead="a) Cấp ủy:",
                            ),
                            Bullets(
                                [
                                    "Ủy ban nhân dân 29 tỉnh, thành phố ban hành đề án;",
                                    "63/63 tỉnh, thành phố bố trí đủ biên chế theo định mức.",
                                ]
                            ),
                        ],
                    ),
                    Section("2.", "Kinh phí, trụ sở", blocks=[chart]),
                ],
            ),
            Section(
                "II.",
                "KẾT QUẢ",
                blocks=[
                    Paragraph("Cả nước có 172 đơn vị đăng ký, vượt 66 đơn vị so với chỉ tiêu 106.")
                ],
                subsections=[
                    Section("1.", "Kết quả đăng ký theo tỉnh", blocks=[province_table()]),
                    Section("2.", "Tiêu chí chưa đạt", blocks=[criteria_table(), world]),
                ],
            ),
        ],
        annexes=[
            Section(
                "Phụ lục 1",
                "Danh sách đơn vị điển hình",
                blocks=[
                    Bullets(["Công an phường Nghi Thu (Nghệ An)", "Công an phường Trường Thi"])
                ],
            )
        ],
        recipients=["Đồng chí Bộ trưởng (để báo cáo)", "Các đồng chí Thứ trưởng", "Lưu: VT, V01"],
        signer_title="KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        signer_name="Trung tướng Nguyễn Văn Long",
        filename_stem="bao-cao-so-ket-2023-toan-quoc",
    )


@pytest.fixture(scope="session")
def report() -> Report:
    return sample_report()


def tool(name: str) -> str:
    """The path of a command-line tool; skips the test without it, except on CI (fails)."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{name} is required on CI")
    pytest.skip(f"{name} is not installed")


def printed_text(report: Report, fmt: str, tmp_path) -> str:
    """The text a reader sees in the report rendered as ``fmt`` (md, docx or pdf), whitespace
    collapsed: the Markdown itself, the Word paragraphs and table cells (python-docx), the
    PDF's text (pdftotext)."""
    data = renderer(fmt).render(report)
    if fmt == "md":
        text = data.decode()
    elif fmt == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = "\n".join([p.text for p in document.paragraphs] + cells)
    else:
        path = tmp_path / "report.pdf"
        path.write_bytes(data)
        text = subprocess.run(
            [tool("pdftotext"), str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
    return " ".join(text.split())
