import random
from datetime import date
from decimal import Decimal

import pytest

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup
from kieumau.criteria.selectors import verdict_rule_for
from kieumau.criteria.types import Comparator, Kind, Level
from kieumau.criteria.verdict import evaluate
from kieumau.programme.models import QuotaRule, Round
from kieumau.programme.services import target_set
from kieumau.reports import analytics
from tests.assessments.factories import assessment_create
from tests.web.factories import unit_get, wards_register


def _assessed(assessments, states_and_levels):
    """Put the assessments in the given (state, level) pairs, in order."""
    for assessment, (state, level) in zip(assessments, states_and_levels, strict=True):
        Assessment.objects.filter(pk=assessment.pk).update(state=state, level=level)


@pytest.fixture
def programme(round, people, admin_map):
    """Nghệ An: 5 units (quota 4) at every stage; Hà Nội: 17 (quota 16), 2 recognised; Lai
    Châu: 1 of its 2 phường, recognised. 23 registrations, 7 assessed, 4 recognised."""
    nghe_an = wards_register(round, people.province_own, 5, province=unit_get(admin_map, "40"))
    _assessed(
        nghe_an,
        [
            (State.DRAFT, Level.FULL),  # a draft's verdict is not counted
            (State.SUBMITTED, Level.BASIC),
            (State.RETURNED, Level.NOT_MET),
            (State.PROVINCE_APPROVED, Level.FULL),
            (State.RECOGNISED, Level.FULL),
        ],
    )
    hanoi = wards_register(round, people.province_other, 17, province=unit_get(admin_map, "01"))
    _assessed(hanoi[:2], [(State.RECOGNISED, Level.FULL)] * 2)
    lai_chau = wards_register(round, people.ministry, 1, province=unit_get(admin_map, "12"))
    _assessed(lai_chau, [(State.RECOGNISED, Level.FULL)])
    return round


def test_round_figures_count_quota_registrations_states_and_verdicts_nationally(
    programme, django_assert_num_queries
):
    with django_assert_num_queries(2):
        figures = analytics.round_figures(programme)

    assert (figures.quota, figures.registered, figures.over_quota) == (220, 23, 2)
    assert (figures.assessed, figures.not_assessed, figures.recognised) == (7, 16, 4)
    assert figures.by_level == {"full": 5, "basic": 1, "not_met": 1}
    assert (figures.full, figures.basic, figures.not_met) == (5, 1, 1)
    assert figures.by_state == {
        "draft": 16,
        "submitted": 1,
        "returned": 1,
        "province_approved": 1,
        "recognised": 4,
        "rejected": 0,
    }
    assert figures.registered_percent_of_quota == Decimal("10.45")


def test_round_figures_of_a_province_count_only_its_units(
    programme, admin_map, django_assert_num_queries
):
    nghe_an = unit_get(admin_map, "40")

    with django_assert_num_queries(2):
        figures = analytics.round_figures(programme, province=nghe_an)

    assert (figures.quota, figures.registered, figures.over_quota) == (4, 5, 1)
    assert (figures.assessed, figures.recognised) == (4, 1)
    assert figures.by_level == {"full": 2, "basic": 1, "not_met": 1}
    assert figures.by_state["draft"] == 1


def test_round_figures_of_an_empty_round_are_zero(round):
    figures = analytics.round_figures(round)

    assert (figures.quota, figures.registered, figures.assessed, figures.recognised) == (
        220,
        0,
        0,
        0,
    )
    assert figures.by_level == {"full": 0, "basic": 0, "not_met": 0}


def test_province_figures_give_each_province_its_counts_and_progress_to_the_target(
    programme, admin_map, people, django_assert_num_queries
):
    target_set(
        actor=people.ministry,
        year=2025,
        province=unit_get(admin_map, "01"),
        minimum=10,
        stretch=20,
    )

    with django_assert_num_queries(2):
        rows = {row.province.code: row for row in analytics.province_figures(programme, year=2025)}

    nghe_an, hanoi, lai_chau, hue = rows["40"], rows["01"], rows["12"], rows["46"]
    assert len(rows) == 34
    assert (nghe_an.wards, nghe_an.quota, nghe_an.registered, nghe_an.over_quota) == (11, 4, 5, 1)
    assert (nghe_an.assessed, nghe_an.basic, nghe_an.full, nghe_an.recognised) == (4, 1, 2, 1)
    assert (nghe_an.percent, nghe_an.minimum, nghe_an.stretch) == (Decimal("9.09"), 30, 50)
    assert (nghe_an.on_track, nghe_an.target_ratio.quantize(Decimal("0.001"))) == (
        False,
        Decimal("0.303"),
    )
    assert nghe_an.registered_percent == Decimal("45.45")
    assert (hanoi.wards, hanoi.quota, hanoi.registered, hanoi.recognised) == (51, 16, 17, 2)
    assert (hanoi.percent, hanoi.minimum, hanoi.on_track) == (Decimal("3.92"), 10, False)
    assert (lai_chau.wards, lai_chau.recognised, lai_chau.percent, lai_chau.on_track) == (
        2,
        1,
        Decimal("50.00"),
        True,
    )
    assert (hue.registered, hue.assessed, hue.recognised, hue.percent) == (0, 0, 0, 0)


def test_province_figures_of_one_province_is_a_single_row(programme, admin_map):
    rows = analytics.province_figures(programme, year=2025, province=unit_get(admin_map, "12"))

    assert [(row.province.name, row.registered, row.recognised) for row in rows] == [
        ("Lai Châu", 1, 1)
    ]


def test_province_figures_without_a_target_for_the_year_say_nothing_about_the_track(programme):
    nghe_an = next(
        row for row in analytics.province_figures(programme, year=2027) if row.province.code == "40"
    )

    assert (nghe_an.minimum, nghe_an.on_track, nghe_an.target_ratio) == (None, None, None)


def test_province_figures_on_the_2023_map_cover_its_63_provinces(round_2023):
    rows = analytics.province_figures(round_2023, year=2025)

    assert len(rows) == 63
    assert sum(row.quota for row in rows) == 106


def test_target_year_is_the_first_target_not_before_the_round(round, round_2023):
    later = Round(year=2031, admin_map=round.admin_map)

    assert analytics.target_year(round_2023) == 2025
    assert analytics.target_year(round) == 2025
    assert analytics.target_year(later) == 2031


def test_province_target_progress_says_how_many_phuong_are_missing(
    programme, admin_map, django_assert_num_queries
):
    nghe_an = unit_get(admin_map, "40")

    with django_assert_num_queries(1):
        targets = analytics.province_target_progress(
            programme, nghe_an, years=(2025, 2030), wards=11, recognised=1
        )

    first, last = targets
    assert (first.year, first.minimum, first.stretch, first.percent) == (
        2025,
        30,
        50,
        Decimal("9.09"),
    )
    assert (first.minimum_wards, first.stretch_wards, first.missing) == (4, 6, 3)
    assert (last.year, last.minimum_wards, last.missing) == (2030, 11, 10)


def test_province_target_progress_prefers_the_provinces_own_target(programme, admin_map, people):
    nghe_an = unit_get(admin_map, "40")
    target_set(actor=people.ministry, year=2025, province=nghe_an, minimum=5, stretch=10)

    (target,) = analytics.province_target_progress(
        programme, nghe_an, years=(2025,), wards=11, recognised=1
    )

    assert (target.minimum, target.stretch, target.minimum_wards, target.missing) == (5, 10, 1, 0)


# ---- criteria unmet ---------------------------------------------------------------------------


def _values(assessment, **values):
    """Set self values (or (self, review) pairs) by criterion code."""
    for code, value in values.items():
        own, review = value if isinstance(value, tuple) else (value, None)
        CriterionResult.objects.filter(assessment=assessment, criterion__code=code).update(
            self_value=own, review_value=review
        )


def _all_met(assessment):
    met = {}
    for criterion in assessment.registration.round.criteria_set.criteria.all():
        if criterion.kind == Kind.BOOL:
            met[criterion.code] = 1
        else:
            met[criterion.code] = criterion.threshold
    _values(assessment, **met)


def test_criteria_unmet_ranks_criteria_by_unmet_assessed_units(
    round, people, admin_map, django_assert_num_queries
):
    first, second, third, _draft = wards_register(
        round, people.province_own, 4, province=unit_get(admin_map, "40")
    )
    _assessed([first, second, third], [(State.SUBMITTED, Level.NOT_MET)] * 3)
    _all_met(first)
    _values(first, TC02=Decimal("89.5"), TC05=None)  # below 90%; missing
    _all_met(second)
    # The province's review prevails: 95% meets TC02 though the ward said 50%.
    _values(second, TC02=(Decimal(50), Decimal(95)), TC04=0, TC11=(Decimal(100), Decimal(99)))
    # third: no value at all, every criterion unmet; the draft is not counted.

    with django_assert_num_queries(1):
        rows = analytics.criteria_unmet(round)

    ranking = [(row.code, row.unmet, row.assessed) for row in rows]
    assert ranking[:5] == [
        ("TC02", 2, 3),
        ("TC04", 2, 3),
        ("TC05", 2, 3),
        ("TC11", 2, 3),
        ("TC01", 1, 3),
    ]
    assert len(ranking) == 22
    assert {unmet for _, unmet, _ in ranking[4:]} == {1}
    assert rows[1].title.startswith("Không để xảy ra hoạt động chống Đảng")
    assert (rows[1].mandatory, rows[1].percent) == (True, Decimal("66.67"))


def test_criteria_unmet_of_a_province_and_with_a_limit(round, people, admin_map):
    (nghe_an,) = wards_register(round, people.province_own, 1, province=unit_get(admin_map, "40"))
    (hanoi,) = wards_register(round, people.province_other, 1, province=unit_get(admin_map, "01"))
    _assessed([nghe_an, hanoi], [(State.SUBMITTED, Level.NOT_MET)] * 2)
    _all_met(nghe_an)
    _all_met(hanoi)
    _values(nghe_an, TC07=0)
    _values(hanoi, TC09=0, TC10=0)

    in_nghe_an = analytics.criteria_unmet(round, province=unit_get(admin_map, "40"), limit=3)

    assert [(row.code, row.unmet, row.assessed) for row in in_nghe_an] == [
        ("TC07", 1, 1),
        ("TC01", 0, 1),
        ("TC02", 0, 1),
    ]
    assert [row.code for row in analytics.criteria_unmet(round, limit=3)] == [
        "TC07",
        "TC09",
        "TC10",
    ]


def test_criteria_unmet_without_assessed_units_is_empty(round, people, admin_map):
    wards_register(round, people.province_own, 2, province=unit_get(admin_map, "40"))

    assert analytics.criteria_unmet(round) == []


@pytest.fixture
def every_comparator(admin_map, people):
    """A round whose set has a yes/no criterion and one criterion per comparator."""
    criteria_set = CriteriaSet.objects.create(
        code="so-sanh", version=1, name="Mọi phép so sánh", basic_min_met=4
    )
    group = CriterionGroup.objects.create(
        criteria_set=criteria_set, code="I", title="Nhóm", position=1
    )
    specs = [
        ("B", Kind.BOOL, "", None),
        ("GE", Kind.PCT, Comparator.GE, Decimal(80)),
        ("GT", Kind.NUM, Comparator.GT, Decimal(5)),
        ("LE", Kind.NUM, Comparator.LE, Decimal(0)),
        ("LT", Kind.PCT, Comparator.LT, Decimal(10)),
        ("EQ", Kind.PCT, Comparator.EQ, Decimal(100)),
    ]
    for position, (code, kind, comparator, threshold) in enumerate(specs, start=1):
        Criterion.objects.create(
            criteria_set=criteria_set,
            group=group,
            code=code,
            position=position,
            title=code,
            kind=kind,
            comparator=comparator,
            threshold=threshold,
        )
    return Round.objects.create(
        year=2026,
        name="Đợt thử",
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=QuotaRule.SHARE_OF_WARDS,
        quota_parameters={"percent": 30},
        self_assessment_deadline=date(2026, 10, 31),
        review_deadline=date(2026, 11, 30),
        recognition_deadline=date(2026, 12, 31),
    )


def test_criteria_unmet_agrees_with_the_verdict_engine(every_comparator, people):
    """40 assessed units with values around each threshold, some reviewed, some missing."""
    chooser = random.Random(2025)
    wards = AdminUnit.objects.filter(admin_map=every_comparator.admin_map, type="phuong")
    rule = verdict_rule_for(every_comparator.criteria_set)
    expected = {criterion.code: 0 for criterion in rule.criteria}
    for ward in wards.order_by("code")[:40]:
        assessment = assessment_create(every_comparator, ward, people.ministry)
        Assessment.objects.filter(pk=assessment.pk).update(state=State.SUBMITTED)
        effective = {}
        for criterion in rule.criteria:
            if criterion.kind == Kind.BOOL:
                candidates = [None, Decimal(0), Decimal(1)]
            else:
                near = criterion.threshold
                candidates = [None, near - 1, near, near + 1, near + Decimal("0.01")]
            own, review = chooser.choice(candidates), chooser.choice([None, *candidates[1:]])
            _values(assessment, **{criterion.code: (own, review)})
            effective[criterion.code] = own if review is None else review
        for code in evaluate(rule, effective).unmet:
            expected[code] += 1

    rows = analytics.criteria_unmet(every_comparator)

    assert {row.code: row.unmet for row in rows} == expected
    assert {row.assessed for row in rows} == {40}
