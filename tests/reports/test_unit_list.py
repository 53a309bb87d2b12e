from datetime import date

from django.utils import translation

from kieumau.reports.analytics import UnitResult
from kieumau.reports.document import Paragraph
from kieumau.reports.unit_list import state_lines, unit_list, unit_text


def _unit(name: str, code: str, state: str, met: int | None = None, level: str | None = None, **kw):
    return UnitResult(
        unit=name,
        code=code,
        province=kw.pop("province", "Hồ Chí Minh"),
        province_code=kw.pop("province_code", "79"),
        state=state,
        met_count=met,
        level=level,
        **kw,
    )


def test_units_of_the_same_name_are_told_apart_by_their_code():
    units = [_unit("Phường 1", "26734", "draft"), _unit("Phường 1", "27256", "draft")]

    assert state_lines(units, 22) == ["Đang tự đánh giá (2): Phường 1 (26734); Phường 1 (27256)."]


def test_states_follow_the_workflow_and_units_keep_their_order_within_a_state():
    units = [
        _unit("Phường A", "001", "draft"),
        _unit("Phường B", "002", "rejected", 12, "not_met"),
        _unit("Phường C", "003", "recognised", 22, "full", decision_number="7/QĐ-BCA"),
        _unit("Phường D", "004", "submitted", 20, "basic"),
        _unit("Phường E", "005", "recognised", 21, "full", decision_number="7/QĐ-BCA"),
    ]

    assert state_lines(units, 22) == [
        "Đã công nhận (2): Phường C (003; 22/22 tiêu chí, đạt; Quyết định số 7/QĐ-BCA); "
        "Phường E (005; 21/22 tiêu chí, đạt; Quyết định số 7/QĐ-BCA).",
        "Chờ thẩm định (1): Phường D (004; 20/22 tiêu chí, đạt cơ bản).",
        "Không công nhận (1): Phường B (002; 12/22 tiêu chí, chưa đạt).",
        "Đang tự đánh giá (1): Phường A (001).",
    ]


def test_a_unit_shows_what_is_known_of_it():
    recognised = _unit(
        "Phường X",
        "00103",
        "recognised",
        22,
        "full",
        decision_number="12/QĐ-BCA",
        decision_date=date(2023, 12, 20),
    )
    without_verdict = _unit("Phường Y", "00104", "submitted", 15)

    assert unit_text(recognised, 25) == (
        "Phường X (00103; 22/25 tiêu chí, đạt; Quyết định số 12/QĐ-BCA ngày 20/12/2023)"
    )
    assert unit_text(without_verdict, 25) == "Phường Y (00104; 15/25 tiêu chí)"


def test_provinces_are_numbered_in_the_order_of_the_units():
    units = [
        _unit("Phường Phúc Xá", "00001", "draft", province="Hà Nội", province_code="01"),
        *(_unit(f"Phường {i}", f"{26000 + i}", "draft") for i in range(1, 1201)),
    ]

    with translation.override("vi"):
        blocks = unit_list(units, criteria_count=22, sheet="Đơn vị")

    leads = [block.bold_lead for block in blocks if isinstance(block, Paragraph)]
    assert leads == ["", "1. Hà Nội:", "2. Hồ Chí Minh:"]
    assert blocks[3] == Paragraph("1.200 đơn vị đăng ký.", bold_lead="2. Hồ Chí Minh:")
    [line] = blocks[4].items
    assert line.startswith("Đang tự đánh giá (1.200): Phường 1 (26001); Phường 2 (26002); ")


def test_without_units_the_list_says_so():
    blocks = unit_list([], criteria_count=22, sheet="Đơn vị")

    assert blocks[1:] == [Paragraph("Chưa có đơn vị đăng ký.")]
