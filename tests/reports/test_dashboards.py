from datetime import date
from decimal import Decimal

from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.context.models import DirectiveDocument
from kieumau.criteria.types import Level
from kieumau.reports import dashboards
from tests.web.factories import unit_get, wards_register


def _recognise(assessments):
    Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(
        state=State.RECOGNISED, level=Level.FULL
    )


def _document(province, people, issuer, kind, number):
    DirectiveDocument.objects.create(
        province=province,
        issuer=issuer,
        kind=kind,
        number=number,
        date=date(2025, 3, 1),
        title="Về xây dựng Công an phường điển hình, kiểu mẫu",
        created_by=people.ministry,
    )


def test_the_national_dashboard_gathers_every_figure_in_nine_queries(
    round, people, admin_map, django_assert_num_queries
):
    nghe_an = unit_get(admin_map, "40")
    _recognise(wards_register(round, people.province_own, 2, province=nghe_an))
    _document(nghe_an, people, "party_committee", "nghi_quyet", "01-NQ/TU")
    _document(nghe_an, people, "party_committee", "chi_thi", "02-CT/TU")
    _document(unit_get(admin_map, "01"), people, "peoples_committee", "de_an", "15/ĐA-UBND")

    with django_assert_num_queries(9):
        dashboard = dashboards.national_dashboard(round)

    assert (dashboard.target.year, dashboard.target.minimum, dashboard.target.stretch) == (
        2025,
        30,
        50,
    )
    assert (dashboard.figures.registered, dashboard.figures.recognised) == (2, 2)
    assert len(dashboard.provinces) == 34
    assert [(d.label, d.short_label, d.provinces, d.kinds) for d in dashboard.documents] == [
        ("Cấp ủy (Tỉnh ủy / Thành ủy)", "Cấp ủy", 1, [("nghị quyết", 1), ("chỉ thị", 1)]),
        ("Ủy ban nhân dân", "UBND", 1, [("đề án", 1)]),
        ("Công an tỉnh", "Công an tỉnh", 0, []),
    ]
    # The recognised units carry no values: every criterion unmet; the top ten in set order.
    assert [(c.code, c.unmet) for c in dashboard.criteria] == [
        (f"TC{n:02}", 2) for n in range(1, 11)
    ]


def test_the_province_dashboard_gathers_its_figures_in_seven_queries(
    round, people, admin_map, django_assert_num_queries
):
    nghe_an = unit_get(admin_map, "40")
    recognised = wards_register(round, people.province_own, 2, province=nghe_an)
    _recognise(recognised)
    for assessment in recognised:
        for result in assessment.results.select_related("criterion"):
            threshold = result.criterion.threshold
            result.self_value = 1 if threshold is None else threshold
            result.save()
    CriterionResult.objects.filter(assessment=recognised[0], criterion__code="TC03").update(
        self_value=0
    )
    wards_register(round, people.province_own, 1, province=nghe_an)

    with django_assert_num_queries(7):
        dashboard = dashboards.province_dashboard(round, nghe_an)

    assert (dashboard.figures.registered, dashboard.figures.recognised) == (3, 2)
    assert (dashboard.progress.wards, dashboard.progress.percent) == (11, Decimal("18.18"))
    assert [(t.year, t.minimum_wards, t.missing) for t in dashboard.targets] == [
        (2025, 4, 2),
        (2030, 11, 9),
    ]
    # Only TC03 is unmet, in one unit; the criteria every unit meets are left out.
    assert [(c.code, c.unmet, c.assessed) for c in dashboard.criteria] == [("TC03", 1, 2)]
    assert dashboard.levels == [("full", 2), ("basic", 0), ("not_met", 0), ("none", 1)]


def test_a_provinces_hover_text_gives_its_name_then_its_figures(round, people, admin_map):
    _recognise(wards_register(round, people.province_own, 2, province=unit_get(admin_map, "40")))
    nghe_an = next(
        row for row in dashboards.national_dashboard(round).provinces if row.province.code == "40"
    )

    assert dashboards.province_label(nghe_an, 2025).splitlines() == [
        "Nghệ An",
        "Được công nhận: 2/11 phường (18,2%); mục tiêu 2025: 30%",
        "Đăng ký: 2 (chỉ tiêu 4); đã đánh giá: 2",
        "Đạt: 2; đạt cơ bản: 0",
    ]


def test_the_progress_chart_puts_the_best_provinces_first_with_the_target_lines(
    round, people, admin_map
):
    _recognise(wards_register(round, people.province_own, 1, province=unit_get(admin_map, "12")))
    _recognise(wards_register(round, people.province_own, 2, province=unit_get(admin_map, "40")))
    dashboard = dashboards.national_dashboard(round)

    svg = dashboards.progress_chart(dashboard.provinces, target=dashboard.target)

    assert (
        '<title id="progress-chart-title">Tỷ lệ phường được công nhận theo tỉnh (%) so với mục'
        " tiêu năm 2025</title>"
    ) in svg
    names = [
        part.split("</text>")[0].split(">")[-1] for part in svg.split('class="column-label"')[1:]
    ]
    assert names[:3] == ["Lai Châu", "Nghệ An", "Hà Nội"]
    assert "<g><title>Lai Châu: 50,0% số phường được công nhận (1/2)</title>" in svg
    assert ">tối thiểu 30%</text>" in svg and ">phấn đấu 50%</text>" in svg


def test_the_map_of_the_national_dashboard_links_each_province(round, people, admin_map):
    dashboard = dashboards.national_dashboard(round)

    figure = dashboards.province_map(
        dashboard.provinces, year=2025, province_url=lambda code: f"/p/{code}/"
    )

    assert figure.count('<path class="fill-1"') == 34  # no phường recognised yet
    assert '<a href="/p/40/" aria-label="Nghệ An; Được công nhận: 0/11 phường (0,0%);' in figure
    assert ">Phường được công nhận so với</text>" in figure
