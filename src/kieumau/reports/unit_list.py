"""The registered units as printed text: by province, then by state, each unit on one line of
its state with its code, criteria met, verdict and decision.

The national Annex 3 prints this instead of its table: 3,000 table rows fill some 220 pages and
take WeasyPrint half a minute; the workbook keeps the table, one row per unit.
"""

from datetime import date
from itertools import groupby

from kieumau.criteria.types import Level
from kieumau.reports.analytics import UnitResult
from kieumau.reports.document import Block, Bullets, Paragraph
from kieumau.reports.graphics.svg import number

LEVELS = {Level.FULL: "Đạt", Level.BASIC: "Đạt cơ bản", Level.NOT_MET: "Chưa đạt"}
STATES = {
    "draft": "Đang tự đánh giá",
    "submitted": "Chờ thẩm định",
    "returned": "Trả lại để bổ sung",
    "province_approved": "Công an tỉnh đã phê duyệt",
    "recognised": "Đã công nhận",
    "rejected": "Không công nhận",
}
# The workflow's order, furthest first.
STATE_ORDER = ("recognised", "province_approved", "submitted", "returned", "rejected", "draft")


def decision_text(decision_number: str, decision_date: date | None) -> str:
    """ "số 12/QĐ-BCA ngày 20/12/2023" (without the date when it is not known)."""
    on = f" ngày {decision_date:%d/%m/%Y}" if decision_date else ""
    return f"số {decision_number}{on}"


def unit_text(unit: UnitResult, criteria_count: int) -> str:
    """ "Phường Nhật Tân (00103; 22/22 tiêu chí, đạt; Quyết định số 12/QĐ-BCA ngày 20/12/2023)":
    the code always (names repeat within a province), the result once assessed."""
    details = [unit.code]
    if unit.met_count is not None:
        verdict = f", {LEVELS[unit.level].lower()}" if unit.level else ""
        details.append(f"{number(unit.met_count)}/{number(criteria_count)} tiêu chí{verdict}")
    if unit.recognised and unit.decision_number:
        details.append(f"Quyết định {decision_text(unit.decision_number, unit.decision_date)}")
    return f"{unit.unit} ({'; '.join(details)})"


def _state_rank(state: str) -> int:
    return STATE_ORDER.index(state) if state in STATE_ORDER else len(STATE_ORDER)


def state_lines(units: list[UnitResult], criteria_count: int) -> list[str]:
    """One line per state present, in workflow order: "Đã công nhận (2): A (…); B (…)."."""
    ordered = sorted(units, key=lambda unit: _state_rank(unit.state))  # stable: codes stay sorted
    lines = []
    for state, group in groupby(ordered, key=lambda unit: unit.state):
        members = list(group)
        listed = "; ".join(unit_text(unit, criteria_count) for unit in members)
        lines.append(f"{STATES.get(state, state)} ({number(len(members))}): {listed}.")
    return lines


def unit_list(units: list[UnitResult], *, criteria_count: int, sheet: str) -> list[Block]:
    """The blocks of the list: where the full table is, then per province (in the order of
    ``units``) a numbered paragraph with its count and its states' lines."""
    blocks: list[Block] = [
        Paragraph(
            "Bảng đầy đủ (mỗi đơn vị một dòng, gồm mã, trạng thái, số tiêu chí đạt, kết quả đánh "
            f"giá, quyết định công nhận) có trong trang «{sheet}» của tệp Excel của báo cáo này."
        )
    ]
    if not units:
        return [*blocks, Paragraph("Chưa có đơn vị đăng ký.")]
    provinces = groupby(units, key=lambda unit: (unit.province_code, unit.province))
    for index, ((_, province), group) in enumerate(provinces, start=1):
        members = list(group)
        blocks.append(
            Paragraph(f"{number(len(members))} đơn vị đăng ký.", bold_lead=f"{index}. {province}:")
        )
        blocks.append(Bullets(state_lines(members, criteria_count)))
    return blocks
