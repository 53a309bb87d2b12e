from decimal import Decimal

import pytest

from kieumau.criteria.selectors import criteria_sets_for_listing, verdict_rule_for
from kieumau.criteria.services import criteria_set_load, default_criteria_set_load
from kieumau.criteria.types import Comparator, Kind, Level
from kieumau.criteria.verdict import CriterionRule, evaluate
from tests.criteria.files import write

pytestmark = pytest.mark.django_db


def test_verdict_rule_for_reads_the_rule_of_the_set_in_one_query(django_assert_num_queries):
    criteria_set = default_criteria_set_load().criteria_set

    with django_assert_num_queries(1):
        rule = verdict_rule_for(criteria_set)

    assert (rule.total, rule.basic_min_met, rule.mandatory) == (22, 20, ("TC04", "TC07", "TC19"))
    assert rule.criteria[1] == CriterionRule("TC02", Kind.PCT, Comparator.GE, Decimal(90))
    assert rule.criteria[3] == CriterionRule("TC04", Kind.BOOL, mandatory=True)


def test_verdict_rule_for_feeds_the_engine(tmp_path):
    rule = verdict_rule_for(criteria_set_load(path=write(tmp_path)).criteria_set)
    values = {"T1": Decimal(1), "T2": Decimal("90.00"), "T3": Decimal("0.5")}

    verdict = evaluate(rule, values)

    assert (verdict.level, verdict.met, verdict.unmet) == (Level.BASIC, ("T1", "T2"), ("T3",))


def test_criteria_sets_for_listing_counts_criteria_in_one_query(
    tmp_path, django_assert_num_queries
):
    default_criteria_set_load()
    criteria_set_load(path=write(tmp_path))

    with django_assert_num_queries(1):
        rows = [(s.code, s.criteria_count, s.rounds_count) for s in criteria_sets_for_listing()]

    assert rows == [("mau-22-tieu-chi", 22, 0), ("thu", 3, 0)]
