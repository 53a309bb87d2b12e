import re
from decimal import Decimal

from kieumau.reports.graphics.charts import (
    Bar,
    Column,
    Guide,
    Segment,
    column_chart,
    horizontal_bar_chart,
    meter,
    nice_ticks,
    stacked_bar,
)


def test_nice_ticks_are_round_steps_from_zero():
    assert nice_ticks(57) == [0, 20, 40, 60]
    assert nice_ticks(50) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(1, integers=True) == [0, 1]
    assert nice_ticks(Decimal("0.8")) == [0, 0.2, 0.4, 0.6, 0.8]
    assert nice_ticks(0) == [0, 1]


def test_the_bar_chart_is_an_image_named_by_its_title_with_labels_and_values():
    svg = horizontal_bar_chart(
        [
            Bar(
                "TC05 · Kiềm chế, kéo giảm tội phạm về trật tự xã hội so với năm trước"
                " (% thay đổi)",
                12,
                "TC05: 12 đơn vị chưa đạt",
            ),
            Bar("TC04 · Không để xảy ra hoạt động chống Đảng", 7, "TC04: 7", "bar bar-mandatory"),
        ],
        title="Tiêu chí chưa đạt",
        id_prefix="criteria",
    )

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars"')
    assert 'role="img" aria-labelledby="criteria-title"><title id="criteria-title">' in svg
    assert "<g><title>TC05: 12 đơn vị chưa đạt</title>" in svg
    assert ">TC05 · Kiềm chế, kéo giảm tội phạm về trật tự xã hội so với năm trước (…</text>" in svg
    assert '<rect class="bar bar-mandatory"' in svg
    assert [m for m in re.findall(r'class="bar-value"[^>]*>([^<]+)<', svg)] == ["12", "7"]
    assert [m for m in re.findall(r'class="tick"[^>]*>([^<]+)<', svg)] == ["0", "5", "10", "15"]
    assert "style=" not in svg


def test_the_column_chart_draws_the_target_lines_and_slanted_names():
    svg = column_chart(
        [
            Column("Lai Châu", Decimal(50), "Lai Châu: 50%", "fill-5"),
            Column("Nghệ An", Decimal("9.09"), "Nghệ An: 9,09%", "fill-1"),
            Column("Huế", None, "Huế: —", "fill-0"),
        ],
        title="Tiến độ",
        id_prefix="progress",
        guides=[Guide(30, "tối thiểu 30%", "target"), Guide(50, "phấn đấu 50%", "stretch")],
    )

    assert 'role="img" aria-labelledby="progress-title"><title id="progress-title">Tiến độ' in svg
    assert svg.count('<rect class="fill-') == 2  # no column without a figure
    assert '<line class="target-line"' in svg and ">tối thiểu 30%</text>" in svg
    assert '<line class="stretch-line"' in svg and ">phấn đấu 50%</text>" in svg
    assert 'transform="rotate(-55' in svg and ">Nghệ An</text>" in svg
    assert "<g><title>Huế: —</title>" in svg


def test_the_stacked_bar_and_the_meter_are_proportional():
    bar = stacked_bar(
        [Segment(1, "seg-full", "đạt: 1"), Segment(0, "seg-basic", ""), Segment(3, "seg-none", "")],
        title="Kết quả",
        id_prefix="levels",
    )
    gauge = meter(Decimal("9.09"), title="9,09%", id_prefix="t", marks=[Guide(30, "", "target")])

    assert '<rect class="seg-full" x="0" y="0" width="100" height="14">' in bar
    assert '<rect class="seg-none" x="100" y="0" width="300" height="14">' in bar
    assert "seg-basic" not in bar
    assert '<rect class="meter-value" x="0" y="4" width="36.4" height="10"/>' in gauge
    assert '<line class="target-mark" x1="120" y1="0" x2="120" y2="18"/>' in gauge
