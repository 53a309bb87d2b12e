import io
import re
from datetime import date

import openpyxl
import pytest

from kieumau.assessments.models import Assessment
from kieumau.context.models import DirectiveDocument
from kieumau.reports.document import Bullets, Figure, Paragraph, Table
from kieumau.reports.narrative import national_report, province_report
from kieumau.reports.renderers import renderer
from kieumau.reports.renderers.text import to_text
from tests.reports.renderers.conftest import printed_text
from tests.reports.summary_fixtures import results_set, summary_programme

ISSUED = date(2024, 1, 15)


@pytest.fixture
def programme(round_2023, people):
    return summary_programme(round_2023, people)


def text_of(report) -> str:
    return to_text(report, markup=False)


def test_national_report_has_the_decree_30_header_of_the_ministry(programme):
    report = national_report(programme.round, issued_on=ISSUED)

    assert (report.parent_body, report.issuing_body, report.number, report.place) == (
        "",
        "BỘ CÔNG AN",
        "     /BC-BCA",
        "Hà Nội",
    )
    assert report.summary.startswith("Sơ kết 01 năm thực hiện Kế hoạch xây dựng Công an phường")
    assert report.summary.endswith("năm 2023")
    assert report.issued_on == ISSUED
    assert report.signer_title == "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
    assert report.recipients[-1] == "Lưu: VT, V05."
    assert [s.number for s in report.sections] == ["I.", "II.", "III.", "IV."]
    assert [a.number for a in report.annexes] == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3"]
    assert [t.sheet for t in report.tables()] == ["Theo tỉnh", "Theo tiêu chí", "Đơn vị"]


def test_national_report_states_the_figures_of_the_records(programme):
    text = text_of(national_report(programme.round, issued_on=ISSUED))

    for phrase in [
        "Cấp ủy của 2/63 tỉnh, thành phố đã ban hành nghị quyết, chỉ thị, kết luận; 1 tỉnh, "
        "thành phố khác ban hành chương trình, công văn, kế hoạch; Ủy ban nhân dân 1/63 tỉnh, "
        "thành phố ban hành đề án. Tổng số 5 văn bản chỉ đạo",
        "2/3 Công an tỉnh, thành phố có đơn vị đăng ký đã bố trí đủ biên chế",
        "5/6 (83,3%) đơn vị đủ định biên; tổng định biên 110, thực tế 109 cán bộ",
        "Kinh phí bố trí theo kế hoạch 3.800.000.000 đồng, đã giải ngân 3.100.000.000 đồng (81,6%)",
        "Chỉ tiêu 106 đơn vị; đã đăng ký 6 đơn vị (5,7% chỉ tiêu), vượt 2 đơn vị",
        "4/6 (66,7%) đơn vị đạt từ 20/22 tiêu chí trở lên",
        "2 đơn vị đạt, 2 đơn vị đạt cơ bản, 1 đơn vị chưa đạt, 1 đơn vị chưa đánh giá; "
        "2 đơn vị đã được Bộ Công an công nhận",
        "2 đơn vị đã được Bộ Công an công nhận (Quyết định số 12/QĐ-BCA ngày 20/12/2023):",
        "- Hà Giang: Phường Quang Trung (22/22 tiêu chí)",
        "- Nghệ An: Phường Đông Vĩnh (22/22 tiêu chí; mô hình: Dịch vụ công trực tuyến)",
        "60/63 tỉnh, thành phố chưa ban hành văn bản chỉ đạo",
        "TC22 (Trang thiết bị, phương tiện bảo đảm theo tiêu chuẩn định mức): 3/5 (60,0%) đơn vị "
        "chưa đạt",
        "2 đơn vị chưa gửi (hoặc chưa gửi lại sau khi bị trả lại) kết quả tự đánh giá sau hạn "
        "31/10/2023 (Hà Nội: 1, Nghệ An: 1)",
        "1 đơn vị chưa được thẩm định sau hạn 30/11/2023",
        "1 tỉnh, thành phố chưa bố trí đủ biên chế cho tất cả đơn vị: Hà Nội.",
        "Kinh phí chưa giải ngân 700.000.000 đồng (18,4% kế hoạch) tại 2 tỉnh, thành phố",
        "Đến năm 2025: 30–50% số phường đạt tiêu chuẩn kiểu mẫu.",
        "Đến năm 2030: 100% số phường đạt tiêu chuẩn kiểu mẫu.",
        "So với mục tiêu năm 2025: 0/63 tỉnh, thành phố đã đạt mức tối thiểu",
        "năm 2023: 6 đơn vị đăng ký, 2/1.771 phường được công nhận (0,1%)",
        "Theo tốc độ hiện nay, 62/63 tỉnh, thành phố không đạt 100% số phường kiểu mẫu vào năm "
        "2030, trong đó 61 tỉnh, thành phố chưa có phường được công nhận: Nghệ An đã có 3,1% số "
        "phường được công nhận, tăng 3,1 điểm phần trăm mỗi năm, dự kiến đạt 100% vào năm 2055.",
        "Nơi nhận:",
    ]:
        assert phrase in text, phrase


def test_national_report_draws_the_map_and_charts_as_svg(programme):
    report = national_report(programme.round, issued_on=ISSUED)
    figures = [
        block
        for section in report.sections
        for part in [section, *section.subsections]
        for block in part.blocks
        if isinstance(block, Figure)
    ]

    assert figures[0].caption.startswith(
        "Bản đồ tỷ lệ phường được công nhận so với mục tiêu năm 2025. "
    )
    assert "CC BY-SA 4.0" in figures[0].caption
    assert [f.caption for f in figures[1:]] == [
        "Các tiêu chí chưa đạt nhiều nhất (số đơn vị)",
        "Tỷ lệ phường được công nhận theo tỉnh, thành phố so với mục tiêu năm 2025",
    ]
    assert all(f.svg.startswith("<svg") and f.svg.endswith("</svg>") for f in figures)
    assert "<a " not in figures[0].svg  # no links to the dashboards in print


def test_annexes_list_provinces_criteria_and_units(programme):
    provinces, criteria, units = national_report(programme.round, issued_on=ISSUED).tables()

    assert len(provinces.rows) == 63
    assert provinces.total[:8] == ["Tổng cộng", 1771, 106, 6, 5, 2, 2, 2]
    nghe_an = next(row for row in provinces.rows if row[0] == "Nghệ An")
    assert nghe_an[3:8] == [3, 2, 1, 1, 1]
    assert len(criteria.rows) == 22 and criteria.rows[0][0] == "TC01"
    assert [row[3:6] for row in units.rows if row[0] == "Nghệ An"] == [
        ["Đã công nhận", 22, "Đạt"],
        ["Chờ thẩm định", 20, "Đạt cơ bản"],
        ["Đang tự đánh giá", None, ""],
    ]


UNIT_LIST = [
    Paragraph(
        "Bảng đầy đủ (mỗi đơn vị một dòng, gồm mã, trạng thái, số tiêu chí đạt, kết quả đánh "
        "giá, quyết định công nhận) có trong trang «Đơn vị» của tệp Excel của báo cáo này."
    ),
    Paragraph("2 đơn vị đăng ký.", bold_lead="1. Hà Nội:"),
    Bullets(
        [
            "Công an tỉnh đã phê duyệt (1): Phường Phúc Xá (00001; 21/22 tiêu chí, đạt cơ bản).",
            "Trả lại để bổ sung (1): Phường Trúc Bạch (00004; 18/22 tiêu chí, chưa đạt).",
        ]
    ),
    Paragraph("1 đơn vị đăng ký.", bold_lead="2. Hà Giang:"),
    Bullets(["Đã công nhận (1): Phường Quang Trung (00688; 22/22 tiêu chí, đạt)."]),
    Paragraph("3 đơn vị đăng ký.", bold_lead="3. Nghệ An:"),
    Bullets(
        [
            "Đã công nhận (1): Phường Đông Vĩnh (16663; 22/22 tiêu chí, đạt; Quyết định số "
            "12/QĐ-BCA ngày 20/12/2023).",
            "Chờ thẩm định (1): Phường Hà Huy Tập (16666; 20/22 tiêu chí, đạt cơ bản).",
            "Đang tự đánh giá (1): Phường Lê Lợi (16669).",
        ]
    ),
]
UNIT_TABLE_HEADERS = ("Quyết định công nhận", "Ngày công nhận")  # only annex 3's table has them


def test_national_annex_3_prints_the_units_by_province_and_state(programme):
    annex = national_report(programme.round, issued_on=ISSUED).annexes[2]

    *listed, table = annex.blocks
    assert listed == UNIT_LIST
    assert isinstance(table, Table)
    assert (table.sheet, table.printed, len(table.rows)) == ("Đơn vị", False, 6)


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_national_annex_3_in_print_is_the_list_not_the_table(programme, fmt, tmp_path):
    text = printed_text(national_report(programme.round, issued_on=ISSUED), fmt, tmp_path)
    text = text.replace("**", "")  # Markdown's bold

    for block in UNIT_LIST:
        lines = block.items if isinstance(block, Bullets) else [f"{block.bold_lead} {block.text}"]
        for line in lines:
            assert line.removeprefix(" ") in text, (fmt, line)
    for header in UNIT_TABLE_HEADERS:
        assert header not in text, (fmt, header)


def test_national_workbook_keeps_every_unit_in_its_sheet(programme):
    data = renderer("xlsx").render(national_report(programme.round, issued_on=ISSUED))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Đơn vị"]

    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0][-2:] == UNIT_TABLE_HEADERS
    assert [row[:4] for row in rows[1:]] == [
        ("Hà Nội", "Phường Phúc Xá", "00001", "Công an tỉnh đã phê duyệt"),
        ("Hà Nội", "Phường Trúc Bạch", "00004", "Trả lại để bổ sung"),
        ("Hà Giang", "Phường Quang Trung", "00688", "Đã công nhận"),
        ("Nghệ An", "Phường Đông Vĩnh", "16663", "Đã công nhận"),
        ("Nghệ An", "Phường Hà Huy Tập", "16666", "Chờ thẩm định"),
        ("Nghệ An", "Phường Lê Lợi", "16669", "Đang tự đánh giá"),
    ]


def test_province_report_speaks_for_the_provincial_police(programme):
    report = province_report(programme.round, programme.nghe_an, issued_on=ISSUED)
    text = text_of(report)

    assert (report.parent_body, report.issuing_body, report.number, report.place) == (
        "BỘ CÔNG AN",
        "CÔNG AN TỈNH NGHỆ AN",
        "     /BC-CAT",
        "Nghệ An",
    )
    assert report.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert "Nghệ An, ngày 15 tháng 01 năm 2024" in text
    for phrase in [
        "Đã ban hành 2 văn bản chỉ đạo, triển khai.",
        "Cấp ủy (Tỉnh ủy, Thành ủy): đã ban hành nghị quyết",
        "Công an tỉnh, thành phố: chưa ban hành văn bản",
        "3/3 (100,0%) đơn vị đủ định biên",
        "Chỉ tiêu 1 đơn vị; đã đăng ký 3 đơn vị (300,0% chỉ tiêu), vượt 2 đơn vị",
        "2/3 (66,7%) đơn vị đạt từ 20/22 tiêu chí trở lên",
        "1 đơn vị chưa gửi (hoặc chưa gửi lại sau khi bị trả lại) kết quả tự đánh giá sau hạn "
        "31/10/2023.",
        "Đã có 1/32 (3,1%) phường được công nhận; mục tiêu năm 2025 tối thiểu 30,0%: chưa đạt.",
        "dự kiến đạt 100% vào năm 2055; không đạt mục tiêu năm 2030.",
    ]:
        assert phrase in text, phrase
    [units] = [t for t in report.tables() if t.sheet == "Đơn vị"]
    assert len(units.rows) == 3
    assert "Hà Nội" not in [row[0] for row in units.rows]
    assert report.annexes[2].blocks == [units] and units.printed  # the table, printed


def test_province_report_prints_the_unit_table_of_annex_3(programme, tmp_path):
    report = province_report(programme.round, programme.nghe_an, issued_on=ISSUED)

    for fmt in ("md", "docx", "pdf"):
        text = printed_text(report, fmt, tmp_path)
        for header in UNIT_TABLE_HEADERS:
            assert header in text, (fmt, header)
        assert "Bảng đầy đủ" not in text, fmt


def _figure(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, pattern
    return int(match.group(1).replace(".", ""))


FIGURES = {
    "registered": r"đã đăng ký (\d+) đơn vị",
    "over": r"vượt (\d+) đơn vị",
    "at_least_20": r"(\d+)/\d+ \([\d,]+%\) đơn vị đạt từ 20/22",
    "documents": r"Tổng số (\d+) văn bản",
    "party": r"Cấp ủy của (\d+)/63",
    "without": r"(\d+)/63 tỉnh, thành phố chưa ban hành",
}


def test_editing_records_moves_each_figure_of_the_next_report_by_exactly_that_much(
    programme,
):
    def figures() -> dict[str, int]:
        text = text_of(national_report(programme.round, issued_on=ISSUED))
        return {name: _figure(pattern, text) for name, pattern in FIGURES.items()}

    before = figures()
    # one registration less: a draft of Nghệ An (over quota there)
    draft = programme.units["na2"]
    registration = draft.registration
    Assessment.objects.filter(pk=draft.pk).delete()
    registration.delete()
    # one criterion flipped: Hà Nội's approved unit falls from 21 to 19 met
    results_set(programme.units["hn0"], met=19)
    # one document less: Hà Nội's party committee directive (its only party document)
    DirectiveDocument.objects.get(number="03-CT/TU").delete()

    after = figures()
    assert {name: after[name] - before[name] for name in FIGURES} == {
        "registered": -1,
        "over": -1,
        "at_least_20": -1,
        "documents": -1,
        "party": -1,
        "without": 0,  # Hà Nội still has its police plan
    }


def test_report_queries_do_not_grow_with_the_number_of_units(programme, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.web.factories import wards_register

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            national_report(programme.round, issued_on=ISSUED)
        return len(context.captured_queries)

    before = count()
    wards_register(programme.round, people.ministry, 10)
    assert count() == before
