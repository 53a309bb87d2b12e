"""The summary report (báo cáo sơ kết) written from the figures of ``analytics``.

Every number in the text comes from a selector of ``analytics`` (never from the demo generator):
changing a record changes the next report. The text is Vietnamese whatever the active language
(the report is an administrative document); numbers use Vietnamese separators.
"""

import re
from datetime import date
from decimal import Decimal

from django.utils import timezone, translation

from kieumau.adminunits.models import AdminUnit
from kieumau.context.models import DirectiveDocument, Resources
from kieumau.programme.models import Round
from kieumau.reports import analytics, dashboards
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
from kieumau.reports.graphics.choropleth import ATTRIBUTION
from kieumau.reports.graphics.svg import number, percent
from kieumau.reports.unit_list import LEVELS, STATES, decision_text, unit_list

PROGRAMME = (
    "Kế hoạch xây dựng Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị"
)
TOP_UNMET = 5
ISSUERS = {
    DirectiveDocument.Issuer.PARTY_COMMITTEE: "Cấp ủy (Tỉnh ủy, Thành ủy)",
    DirectiveDocument.Issuer.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
    DirectiveDocument.Issuer.PROVINCIAL_POLICE: "Công an tỉnh, thành phố",
}
KINDS = {
    DirectiveDocument.Kind.RESOLUTION: "nghị quyết",
    DirectiveDocument.Kind.DIRECTIVE: "chỉ thị",
    DirectiveDocument.Kind.CONCLUSION: "kết luận",
    DirectiveDocument.Kind.PROGRAMME: "chương trình",
    DirectiveDocument.Kind.OFFICIAL_LETTER: "công văn",
    DirectiveDocument.Kind.PLAN: "kế hoạch",
    DirectiveDocument.Kind.SCHEME: "đề án",
}
HEADQUARTERS = {
    Resources.Headquarters.INDEPENDENT: "trụ sở độc lập",
    Resources.Headquarters.CONVERTED: "trụ sở được chuyển đổi, cải tạo",
    Resources.Headquarters.SHARED: "dùng chung trụ sở với cơ quan khác",
    Resources.Headquarters.UNDER_CONSTRUCTION: "trụ sở đang xây dựng",
}


def n(value: int | Decimal) -> str:
    """1234 → "1.234" (the active language is Vietnamese while a report is built)."""
    return number(value)


def pct(value: Decimal | None) -> str:
    """66.28 → "66,3%"; None → "—"."""
    return percent(value)


def share(part: int, whole: int) -> str:
    """ "144/172 (83,7%)"."""
    if not whole:
        return f"{n(part)}/{n(whole)}"
    return f"{n(part)}/{n(whole)} ({pct(Decimal(part * 100) / whole)})"


def money(value: int) -> str:
    return f"{n(value)} đồng"


def national_report(round: Round, *, issued_on: date | None = None) -> Report:
    """The ministry's summary report of ``round`` for the whole country."""
    with translation.override("vi"):
        return _Builder(round, None, issued_on or timezone.localdate()).report()


def province_report(round: Round, province: AdminUnit, *, issued_on: date | None = None) -> Report:
    """A provincial police's summary report of ``round`` (``province`` on the round's map)."""
    with translation.override("vi"):
        return _Builder(round, province, issued_on or timezone.localdate()).report()


class _Builder:
    """Reads every figure once, then writes the sections."""

    def __init__(self, round: Round, province: AdminUnit | None, issued_on: date) -> None:
        self.round = round
        self.province = province
        self.issued_on = issued_on
        self.year = analytics.target_year(round)
        self.figures = analytics.round_figures(round, province=province)
        self.criteria_count = analytics.criteria_total(round)
        self.basic_min = round.criteria_set.basic_min_met
        self.meeting = analytics.units_meeting(round, minimum=self.basic_min, province=province)
        self.documents = analytics.document_figures(round, province=province)
        self.resources = analytics.resource_figures(round, province=province)
        self.provinces = analytics.province_figures(round, year=self.year, province=province)
        self.criteria = analytics.criteria_unmet(round, province=province)
        self.exemplary = analytics.exemplary_units(round, province=province)
        self.practices = analytics.good_practices(round, province=province)
        self.delays = analytics.delays(round, on=issued_on, province=province)
        self.units = analytics.unit_results(round, province=province)
        self.forecasts = analytics.forecasts(round, province=province)
        self.targets = {
            year: analytics.national_target(year)
            for year in sorted({self.year, analytics.FINAL_TARGET_YEAR})
        }
        self.trend = (
            analytics.national_trend(round)
            if province is None
            else analytics.province_trends(round)[province.pk]
        )

    # -- the whole report ----------------------------------------------------------------------

    def report(self) -> Report:
        year = self.round.year
        summary = f"Sơ kết 01 năm thực hiện {PROGRAMME} năm {year}"
        sections = [self.leadership(), self.results(), self.weaknesses(), self.directions()]
        annexes = [self.annex_provinces(), self.annex_criteria(), self.annex_units()]
        if self.province is None:
            return Report(
                parent_body="",
                issuing_body="BỘ CÔNG AN",
                number="     /BC-BCA",
                place="Hà Nội",
                issued_on=self.issued_on,
                summary=summary,
                sections=sections,
                annexes=annexes,
                recipients=[
                    "Ban Bí thư Trung ương Đảng (để báo cáo);",
                    "Thủ tướng Chính phủ (để báo cáo);",
                    "Đồng chí Bộ trưởng (để báo cáo);",
                    "Các đồng chí Thứ trưởng;",
                    "Các đơn vị thuộc Bộ;",
                    "Công an các tỉnh, thành phố trực thuộc trung ương;",
                    "Lưu: VT, V05.",
                ],
                signer_title="KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
                filename_stem=f"bao-cao-so-ket-{year}-toan-quoc",
            )
        name = self.province.name
        is_city = self.province.type == "central_city"
        body = f"CÔNG AN {'THÀNH PHỐ' if is_city else 'TỈNH'} {name.upper()}"
        return Report(
            parent_body="BỘ CÔNG AN",
            issuing_body=body,
            number="     /BC-CAT",
            place=name,
            issued_on=self.issued_on,
            summary=summary,
            sections=sections,
            annexes=annexes,
            recipients=[
                "Bộ Công an (V05) (để báo cáo);",
                f"Thường trực {'Thành ủy' if is_city else 'Tỉnh ủy'}, UBND {name} (để báo cáo);",
                "Đồng chí Giám đốc (để báo cáo);",
                "Các đồng chí Phó Giám đốc;",
                "Công an các phường đăng ký xây dựng;",
                "Lưu: VT, PV01.",
            ],
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            filename_stem=f"bao-cao-so-ket-{year}-{self.province.code}",
        )

    # -- I. --------------------------------------------------------------------------------------

    def leadership(self) -> Section:
        docs = self.documents
        of = f"/{n(docs.provinces)}" if self.province is None else ""
        unit = "tỉnh, thành phố" if self.province is None else "đơn vị"
        if self.province is None:
            text = (
                f"Cấp ủy của {n(docs.party_resolutions)}{of} tỉnh, thành phố đã ban hành nghị "
                f"quyết, chỉ thị, kết luận; {n(docs.plans_only)} tỉnh, thành phố khác ban hành "
                f"chương trình, công văn, kế hoạch; Ủy ban nhân dân {n(docs.schemes)}{of} tỉnh, "
                f"thành phố ban hành đề án. Tổng số {n(docs.documents)} văn bản chỉ đạo; "
                f"{n(docs.with_any)}{of} tỉnh, thành phố có ít nhất một văn bản."
            )
        else:
            text = f"Đã ban hành {n(docs.documents)} văn bản chỉ đạo, triển khai."
        items = []
        for issuer in docs.by_issuer:
            kinds = ", ".join(
                f"{KINDS[kind]}: {n(count)}" for kind, count in issuer.by_kind.items()
            )
            if self.province is None:
                items.append(
                    f"{ISSUERS[issuer.issuer]}: {n(issuer.provinces)}{of} {unit} có văn bản"
                    + (f" ({kinds})" if kinds else "")
                )
            elif issuer.provinces:
                kinds = ", ".join(KINDS[kind] for kind in issuer.by_kind)
                items.append(f"{ISSUERS[issuer.issuer]}: đã ban hành {kinds}")
            else:
                items.append(f"{ISSUERS[issuer.issuer]}: chưa ban hành văn bản")
        res = self.resources
        summary = res.summary
        staffing = (
            f"{n(res.provinces_fully_staffed)}/{n(res.provinces_with_units)} Công an tỉnh, "
            "thành phố có đơn vị đăng ký đã bố trí đủ biên chế cho tất cả các đơn vị; "
            if self.province is None
            else ""
        )
        staffing += (
            f"{share(summary.units_fully_staffed, summary.units)} đơn vị đủ định biên; "
            f"tổng định biên {n(summary.staff_norm)}, thực tế {n(summary.staff_actual)} cán bộ, "
            f"trong đó {n(summary.staff_under_35)} cán bộ dưới 35 tuổi, "
            f"{n(summary.staff_with_degree)} cán bộ có trình độ đại học."
        )
        hq = "; ".join(
            f"{n(count)} đơn vị {HEADQUARTERS[status]}"
            for status, count in summary.headquarters.items()
        )
        facilities = (
            f"{hq}; {share(summary.units_equipment_adequate, summary.units)} đơn vị có trang "
            f"thiết bị đạt định mức. Kinh phí bố trí theo kế hoạch "
            f"{money(summary.funding_planned_vnd)}, đã giải ngân "
            f"{money(summary.funding_disbursed_vnd)} ({pct(res.disbursed_percent)})."
        )
        return Section(
            "I.",
            "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI",
            subsections=[
                Section("1.", "Ban hành văn bản chỉ đạo", [Paragraph(text), Bullets(items)]),
                Section("2.", "Bố trí lực lượng", [Paragraph(staffing)]),
                Section("3.", "Cơ sở vật chất, kinh phí", [Paragraph(facilities)]),
            ],
        )

    # -- II. -------------------------------------------------------------------------------------

    def results(self) -> Section:
        f = self.figures
        registration = (
            f"Chỉ tiêu {n(f.quota)} đơn vị; đã đăng ký {n(f.registered)} đơn vị "
            f"({pct(f.registered_percent_of_quota)} chỉ tiêu), vượt {n(f.over_quota)} đơn vị "
            "so với chỉ tiêu."
        )
        verdicts = Paragraph(
            f"{share(f.assessed, f.registered)} đơn vị đã tự đánh giá và gửi thẩm định; "
            f"{share(self.meeting, f.registered)} đơn vị đạt từ {n(self.basic_min)}/"
            f"{n(self.criteria_count)} tiêu chí trở lên. Theo kết quả đánh giá: "
            f"{n(f.full)} đơn vị đạt, {n(f.basic)} đơn vị đạt cơ bản, {n(f.not_met)} đơn vị "
            f"chưa đạt, {n(f.not_assessed)} đơn vị chưa đánh giá; {n(f.recognised)} đơn vị "
            "đã được Bộ Công an công nhận."
        )
        exemplary = self.exemplary_blocks()
        practices = [f"{p.unit} ({p.province}): {p.title}" for p in self.practices]
        blocks_2: list = [verdicts]
        if self.province is None:
            blocks_2.append(
                Figure(
                    f"Bản đồ tỷ lệ phường được công nhận so với mục tiêu năm {self.year}. "
                    f"{ATTRIBUTION}",
                    _unlinked(
                        dashboards.province_map(self.provinces, year=self.year, province_url=_no)
                    ),
                )
            )
        return Section(
            "II.",
            "KẾT QUẢ THỰC HIỆN",
            subsections=[
                Section("1.", "Đăng ký xây dựng", [Paragraph(registration)]),
                Section("2.", "Kết quả đánh giá", blocks_2),
                Section("3.", "Đơn vị tiêu biểu", exemplary),
                Section(
                    "4.",
                    "Mô hình hay, cách làm hiệu quả",
                    [Paragraph(f"{n(len(practices))} mô hình được chia sẻ:"), Bullets(practices)]
                    if practices
                    else [Paragraph("Chưa có mô hình được chia sẻ.")],
                ),
            ],
        )

    def exemplary_blocks(self) -> list:
        """The recognised units by province (or, before any recognition, the best results)."""
        units = self.exemplary
        if not units:
            return [Paragraph("Chưa có đơn vị đạt từ mức đạt cơ bản trở lên.")]
        total = n(self.criteria_count)
        if units[0].recognised:
            decisions = sorted(
                {
                    decision_text(u.decision_number, u.decision_date)
                    for u in units
                    if u.decision_number
                }
            )
            lead = f"{n(len(units))} đơn vị đã được Bộ Công an công nhận" + (
                f" (Quyết định {', '.join(decisions)})" if decisions else ""
            )
        else:
            lead = (
                f"Chưa có đơn vị được công nhận; {n(len(units))} đơn vị có kết quả đánh giá "
                "cao nhất"
            )
        by_province: dict[str, list[str]] = {}
        for unit in units:
            practices = f"; mô hình: {', '.join(unit.practices)}" if unit.practices else ""
            by_province.setdefault(unit.province, []).append(
                f"{unit.unit} ({n(unit.met_count)}/{total} tiêu chí{practices})"
            )
        return [
            Paragraph(f"{lead}:"),
            Bullets([f"{name}: {', '.join(items)}" for name, items in by_province.items()]),
        ]

    # -- III. ------------------------------------------------------------------------------------

    def weaknesses(self) -> Section:
        items = []
        docs = self.documents
        if self.province is None:
            if docs.without:
                items.append(
                    f"{n(len(docs.without))}/{n(docs.provinces)} tỉnh, thành phố chưa ban hành "
                    f"văn bản chỉ đạo: {', '.join(docs.without)}."
                )
            else:
                items.append("Tất cả các tỉnh, thành phố đã ban hành văn bản chỉ đạo.")
        elif docs.without:
            items.append("Chưa ban hành văn bản chỉ đạo.")
        unmet = [row for row in self.criteria if row.unmet][:TOP_UNMET]
        if unmet:
            items.append(
                "Các tiêu chí chưa đạt nhiều nhất: "
                + "; ".join(
                    f"{row.code} ({row.title}): {share(row.unmet, row.assessed)} đơn vị chưa đạt"
                    for row in unmet
                )
                + "."
            )
        d = self.delays
        if d.not_submitted:
            items.append(
                f"{n(d.not_submitted)} đơn vị chưa gửi (hoặc chưa gửi lại sau khi bị trả lại) "
                f"kết quả tự đánh giá sau hạn {d.self_assessment_deadline:%d/%m/%Y}"
                + (
                    " ("
                    + ", ".join(
                        f"{row.province}: {n(row.not_submitted)}"
                        for row in d.provinces
                        if row.not_submitted
                    )
                    + ")"
                    if self.province is None
                    else ""
                )
                + "."
            )
        if d.not_reviewed:
            items.append(
                f"{n(d.not_reviewed)} đơn vị chưa được thẩm định sau hạn "
                f"{d.review_deadline:%d/%m/%Y}."
            )
        res = self.resources
        short = res.provinces_short_staffed
        if self.province is None and short:
            names = ", ".join(row.province.name for row in short)
            items.append(
                f"{n(len(short))} tỉnh, thành phố chưa bố trí đủ biên chế cho tất cả đơn vị: "
                f"{names}."
            )
        if res.funding_gap_vnd:
            gaps = res.provinces_with_funding_gap
            items.append(
                f"Kinh phí chưa giải ngân {money(res.funding_gap_vnd)} "
                f"({pct(100 - res.disbursed_percent) if res.disbursed_percent is not None else '—'}"
                " kế hoạch)"
                + (f" tại {n(len(gaps))} tỉnh, thành phố" if self.province is None else "")
                + "."
            )
        blocks: list = [Bullets(items) if items else Paragraph("Không có tồn tại được ghi nhận.")]
        if unmet:
            blocks.append(
                Figure(
                    "Các tiêu chí chưa đạt nhiều nhất (số đơn vị)",
                    str(dashboards.criteria_chart(unmet, id_prefix="report-criteria")),
                )
            )
        blocks.append(
            Paragraph(
                "Nguyên nhân: việc tham mưu cho cấp ủy, chính quyền địa phương có nơi còn chậm; "
                "việc triển khai thực hiện các tiêu chí chưa quyết liệt; thủ tục về kinh phí, "
                "đất đai, mua sắm còn kéo dài."
            )
        )
        return Section("III.", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", blocks)

    # -- IV. -------------------------------------------------------------------------------------

    def directions(self) -> Section:
        items = []
        for year, target in self.targets.items():
            if target.minimum is None:
                continue
            goal = (
                percent(target.minimum, 0)
                if target.minimum == target.stretch
                else f"{number(target.minimum)}–{percent(target.stretch, 0)}"
            )
            items.append(f"Đến năm {year}: {goal} số phường đạt tiêu chuẩn kiểu mẫu.")
        on = [row for row in self.provinces if row.on_track]
        off = [row for row in self.provinces if row.on_track is False]
        if self.province is None:
            progress = (
                f"So với mục tiêu năm {self.year}: {n(len(on))}/{n(len(self.provinces))} tỉnh, "
                f"thành phố đã đạt mức tối thiểu, {n(len(off))} tỉnh, thành phố chưa đạt."
            )
        else:
            row = self.provinces[0]
            progress = (
                f"Đã có {share(row.recognised, row.wards)} phường được công nhận; mục tiêu năm "
                f"{self.year} tối thiểu {pct(row.minimum)}"
                + (": đã đạt." if row.on_track else ": chưa đạt.")
            )
        trend = "; ".join(
            f"năm {p.year}: {n(p.registered)} đơn vị đăng ký, {n(p.recognised_so_far)}/"
            f"{n(p.wards)} phường được công nhận ({pct(p.percent)})"
            for p in self.trend
        )
        late = [f for f in self.forecasts if f.misses_final_target]
        final = analytics.FINAL_TARGET_YEAR
        if self.province is None:
            stalled = [f for f in late if f.year is None]
            slow = [f for f in late if f.year is not None]
            forecast = (
                f"Theo tốc độ hiện nay, {n(len(late))}/{n(len(self.forecasts))} tỉnh, thành phố "
                f"không đạt 100% số phường kiểu mẫu vào năm {final}"
            )
            if late:
                forecast += (
                    f", trong đó {n(len(stalled))} tỉnh, thành phố chưa có phường được công nhận"
                    + (": " + "; ".join(_forecast_text(f) for f in slow) if slow else "")
                )
            forecast += "."
        else:
            forecast = f"Theo tốc độ hiện nay, {_forecast_text(self.forecasts[0])}" + (
                f"; không đạt mục tiêu năm {final}."
                if self.forecasts[0].misses_final_target
                else f"; đạt mục tiêu năm {final}."
            )
        blocks: list = [
            Bullets(items),
            Paragraph(progress),
            Paragraph(f"Kết quả qua các đợt: {trend}."),
            Paragraph(forecast),
        ]
        if self.province is None:
            blocks.append(
                Figure(
                    f"Tỷ lệ phường được công nhận theo tỉnh, thành phố so với mục tiêu năm "
                    f"{self.year}",
                    str(dashboards.progress_chart(self.provinces, target=self.targets[self.year])),
                )
            )
        blocks.append(
            Paragraph(
                "Phương hướng: tập trung khắc phục các tiêu chí chưa đạt, ưu tiên bố trí cán bộ "
                "trẻ có kỹ năng nghiệp vụ và công tác quần chúng; tháo gỡ vướng mắc về kinh phí, "
                "trụ sở; nhân rộng các mô hình hay."
            )
        )
        return Section("IV.", "MỤC TIÊU, PHƯƠNG HƯỚNG", blocks)

    # -- annexes --------------------------------------------------------------------------------

    def annex_provinces(self) -> Section:
        rows = [
            [
                row.province.name,
                row.wards,
                row.quota,
                row.registered,
                row.assessed,
                row.full,
                row.basic,
                row.recognised,
                row.percent,
                row.minimum,
            ]
            for row in self.provinces
        ]
        total = [
            "Tổng cộng",
            sum(row.wards for row in self.provinces),
            sum(row.quota for row in self.provinces),
            sum(row.registered for row in self.provinces),
            sum(row.assessed for row in self.provinces),
            sum(row.full for row in self.provinces),
            sum(row.basic for row in self.provinces),
            sum(row.recognised for row in self.provinces),
            None,
            None,
        ]
        table = Table(
            title="Kết quả theo tỉnh, thành phố",
            sheet="Theo tỉnh",
            columns=[
                Column("Tỉnh, thành phố"),
                Column("Số phường", ColumnKind.INTEGER),
                Column("Chỉ tiêu", ColumnKind.INTEGER),
                Column("Đăng ký", ColumnKind.INTEGER),
                Column("Đã đánh giá", ColumnKind.INTEGER),
                Column("Đạt", ColumnKind.INTEGER),
                Column("Đạt cơ bản", ColumnKind.INTEGER),
                Column("Công nhận", ColumnKind.INTEGER),
                Column("Tỷ lệ phường công nhận", ColumnKind.PERCENT),
                Column(f"Mục tiêu {self.year} (tối thiểu)", ColumnKind.PERCENT),
            ],
            rows=rows,
            total=total,
        )
        return Section("Phụ lục 1", "KẾT QUẢ THEO TỈNH, THÀNH PHỐ", [table])

    def annex_criteria(self) -> Section:
        table = Table(
            title="Kết quả theo tiêu chí",
            sheet="Theo tiêu chí",
            columns=[
                Column("Mã"),
                Column("Tiêu chí"),
                Column("Bắt buộc"),
                Column("Đơn vị đã đánh giá", ColumnKind.INTEGER),
                Column("Chưa đạt", ColumnKind.INTEGER),
                Column("Tỷ lệ chưa đạt", ColumnKind.PERCENT),
            ],
            rows=[
                [
                    row.code,
                    row.title,
                    "Có" if row.mandatory else "",
                    row.assessed,
                    row.unmet,
                    row.percent,
                ]
                for row in sorted(self.criteria, key=lambda row: row.position)
            ],
            note="Xếp theo thứ tự tiêu chí; chỉ tính các đơn vị đã gửi kết quả tự đánh giá.",
        )
        return Section("Phụ lục 2", "KẾT QUẢ THEO TIÊU CHÍ", [table])

    def annex_units(self) -> Section:
        table = Table(
            title="Danh sách đơn vị và kết quả đánh giá",
            sheet="Đơn vị",
            columns=[
                Column("Tỉnh, thành phố"),
                Column("Đơn vị"),
                Column("Mã"),
                Column("Trạng thái"),
                Column("Tiêu chí đạt", ColumnKind.INTEGER),
                Column("Kết quả"),
                Column("Quyết định công nhận"),
                Column("Ngày công nhận", ColumnKind.DATE),
            ],
            rows=[
                [
                    unit.province,
                    unit.unit,
                    unit.code,
                    STATES.get(unit.state, unit.state),
                    unit.met_count,
                    LEVELS[unit.level] if unit.level else "",
                    unit.decision_number,
                    unit.decision_date,
                ]
                for unit in self.units
            ],
            printed=self.province is not None,
        )
        # a country's units are too many for a printed table: a list in print, the table in Excel
        blocks = (
            [table]
            if self.province is not None
            else [
                *unit_list(self.units, criteria_count=self.criteria_count, sheet=table.sheet),
                table,
            ]
        )
        return Section("Phụ lục 3", "DANH SÁCH ĐƠN VỊ VÀ KẾT QUẢ ĐÁNH GIÁ", blocks)


def _no(code: str) -> str:
    """No links on a printed map."""
    return ""


def _unlinked(svg: str) -> str:
    """The map's SVG alone (its attribution goes in the caption), without its links to the
    dashboards: a printed page has nowhere to go."""
    svg = str(svg)
    svg = svg[svg.index("<svg") : svg.rindex("</svg>") + len("</svg>")]
    return re.sub(r'<a href=""([^>]*)>', r"<g\1>", svg).replace("</a>", "</g>")


def _forecast_text(forecast: analytics.Forecast) -> str:
    when = (
        f"dự kiến đạt 100% vào năm {forecast.year}"
        if forecast.year
        else "chưa xác định được thời điểm đạt 100%"
    )
    return (
        f"{forecast.province.name} đã có {pct(forecast.percent)} số phường được công nhận, "
        f"tăng {number(forecast.pace, 1)} điểm phần trăm mỗi năm, {when}"
    )
