from datetime import date
from decimal import Decimal

import pytest

from kieumau.reports import analytics
from tests.reports.summary_fixtures import summary_programme


@pytest.fixture
def programme(round_2023, people):
    return summary_programme(round_2023, people)


def test_units_meeting_counts_assessed_units_at_twenty_criteria_or_more(programme):
    # na0 22, na1 20, hn0 21 (assessed); hg0 22; hn1 18 (returned); na2 is a draft.
    assert analytics.units_meeting(programme.round, minimum=20) == 4
    assert analytics.units_meeting(programme.round, minimum=20, province=programme.nghe_an) == 2
    assert analytics.units_meeting(programme.round, minimum=22) == 2


def test_document_figures_count_provinces_by_issuer_and_kind_and_name_those_without(
    programme, django_assert_num_queries
):
    with django_assert_num_queries(4):
        figures = analytics.document_figures(programme.round)

    assert figures.provinces == 63
    assert (figures.party_resolutions, figures.plans_only, figures.plans_any) == (2, 1, 2)
    assert (figures.schemes, figures.documents, figures.with_any) == (1, 5, 3)
    assert len(figures.without) == 60
    assert "Nghệ An" not in figures.without and "Lai Châu" in figures.without
    by_issuer = {row.issuer: (row.provinces, row.by_kind) for row in figures.by_issuer}
    assert by_issuer["party_committee"] == (2, {"nghi_quyet": 1, "chi_thi": 1})
    assert by_issuer["provincial_police"] == (2, {"ke_hoach": 2})


def test_document_figures_of_one_province(programme):
    figures = analytics.document_figures(programme.round, province=programme.nghe_an)

    assert (figures.provinces, figures.documents, figures.with_any, figures.without) == (
        1,
        2,
        1,
        [],
    )
    assert {row.issuer: row.provinces for row in figures.by_issuer} == {
        "party_committee": 1,
        "peoples_committee": 1,
        "provincial_police": 0,
    }


def test_resource_figures_find_provinces_whose_units_all_meet_the_staff_norm(
    programme, django_assert_num_queries
):
    with django_assert_num_queries(4):
        figures = analytics.resource_figures(programme.round)

    assert (figures.provinces_with_units, figures.provinces_fully_staffed) == (3, 2)
    assert [row.province.name for row in figures.provinces_short_staffed] == ["Hà Nội"]
    summary = figures.summary
    assert (summary.units, summary.units_fully_staffed) == (6, 5)
    assert (summary.staff_norm, summary.staff_actual) == (110, 109)
    assert summary.funding_planned_vnd == 3_800_000_000
    assert summary.funding_disbursed_vnd == 3_100_000_000
    assert figures.funding_gap_vnd == 700_000_000
    assert figures.disbursed_percent == Decimal("81.58")
    assert [(r.province.name, r.funding_gap_vnd) for r in figures.provinces_with_funding_gap] == [
        ("Hà Nội", 500_000_000),
        ("Nghệ An", 200_000_000),
    ]
    assert summary.headquarters == {
        "independent": 2,
        "converted": 2,
        "shared": 1,
        "under_construction": 1,
    }


def test_exemplary_units_are_the_recognised_units_with_their_decision_and_practices(programme):
    units = analytics.exemplary_units(programme.round)

    assert [(u.province, u.met_count, u.level, u.recognised) for u in units] == [
        ("Hà Giang", 22, "full", True),
        ("Nghệ An", 22, "full", True),
    ]
    nghe_an = units[1]
    assert nghe_an.unit.startswith("Phường ")
    assert (nghe_an.decision_number, nghe_an.decision_date) == ("12/QĐ-BCA", date(2023, 12, 20))
    assert nghe_an.practices == ("Dịch vụ công trực tuyến",)


def test_exemplary_units_before_any_recognition_are_the_best_results(programme):
    units = analytics.exemplary_units(programme.round, province=programme.hanoi)

    # the approved unit at 21/22; the returned one at 18/22 is below đạt cơ bản
    assert [(u.province, u.met_count, u.level, u.recognised) for u in units] == [
        ("Hà Nội", 21, "basic", False)
    ]


def test_delays_count_units_behind_each_deadline_only_once_it_has_passed(programme):
    before = analytics.delays(programme.round, on=date(2023, 10, 31))
    between = analytics.delays(programme.round, on=date(2023, 11, 1))
    after = analytics.delays(programme.round, on=date(2023, 12, 1))

    assert (before.not_submitted, before.not_reviewed, before.provinces) == (0, 0, [])
    assert (between.not_submitted, between.not_reviewed) == (2, 0)  # na2 draft, hn1 returned
    assert (after.not_submitted, after.not_reviewed) == (2, 1)  # na1 still submitted
    assert [(p.province, p.not_submitted, p.not_reviewed) for p in after.provinces] == [
        ("Hà Nội", 1, 0),
        ("Nghệ An", 1, 1),
    ]


def test_trend_rolls_2023_provinces_into_their_2025_successors_and_forecasts(
    programme, round, people
):
    """Hà Giang merged into Tuyên Quang in 2025: its 2023 recognition counts for Tuyên Quang."""
    from kieumau.assessments.models import Assessment, State
    from tests.web.factories import unit_get, wards_register

    tuyen_quang = unit_get(round.admin_map, "08")
    [later] = wards_register(round, people.ministry, 1, province=tuyen_quang)
    Assessment.objects.filter(pk=later.pk).update(state=State.RECOGNISED)

    trends = analytics.province_trends(round)
    points = trends[tuyen_quang.pk]
    assert [(p.year, p.registered, p.recognised, p.recognised_so_far) for p in points] == [
        (2023, 1, 1, 1),
        (2025, 1, 1, 2),
    ]
    # phường of Hà Giang and Tuyên Quang on the 2023 map; of Tuyên Quang on the 2025 map
    assert [(p.wards, p.percent) for p in points] == [(15, Decimal("6.67")), (7, Decimal("28.57"))]
    national = analytics.national_trend(round)
    assert [(p.year, p.registered, p.recognised, p.recognised_so_far) for p in national] == [
        (2023, 6, 2, 2),
        (2025, 1, 1, 3),
    ]

    forecast = analytics.forecast_from(tuyen_quang, points)
    # (28,57 − 6,67) / 2 = 10,95 points a year; 71,43 more points take 7 years.
    assert (forecast.pace, forecast.year) == (Decimal("10.95"), 2032)
    assert forecast.misses_final_target


def test_forecast_of_a_single_round_starts_from_nothing_the_year_before(programme):
    points = [
        analytics.TrendPoint(
            year=2023, wards=10, registered=3, at_least_basic=2, recognised=2, recognised_so_far=2
        )
    ]
    forecast = analytics.forecast_from(programme.nghe_an, points)

    # 0% in 2022, 20% in 2023: 20 points a year, 80 more points take 4 years.
    assert (forecast.percent, forecast.pace, forecast.year) == (Decimal(20), Decimal(20), 2027)
    assert not forecast.misses_final_target
    stalled = analytics.forecast_from(programme.nghe_an, [])
    assert stalled.year is None and stalled.misses_final_target


def test_summary_selectors_run_a_fixed_number_of_queries(programme, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.web.factories import wards_register

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            analytics.forecasts(programme.round)
            analytics.exemplary_units(programme.round)
            analytics.delays(programme.round, on=date(2024, 1, 1))
            analytics.unit_results(programme.round)
            analytics.good_practices(programme.round)
        return len(context.captured_queries)

    before = count()
    wards_register(programme.round, people.ministry, 8)
    assert count() == before
