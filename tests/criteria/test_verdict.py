import dataclasses
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kieumau.criteria.readers import read_criteria_file
from kieumau.criteria.services import DEFAULT_CRITERIA_FILE
from kieumau.criteria.types import Comparator, Kind, Level
from kieumau.criteria.verdict import CriterionRule, VerdictRule, evaluate, is_met

# The suite runs twice (SQLite, PostgreSQL); no example database left in the working tree.
moderate = settings(max_examples=100, deadline=None, database=None)

MEASURED = (Kind.PCT, Kind.NUM)
thresholds = st.decimals(min_value=-1000, max_value=1000, places=2)


@st.composite
def criterion_rules(draw, code: str = "X"):
    kind = draw(st.sampled_from(Kind))
    mandatory = draw(st.booleans())
    if kind == Kind.BOOL:
        return CriterionRule(code, kind, mandatory=mandatory)
    return CriterionRule(code, kind, draw(st.sampled_from(Comparator)), draw(thresholds), mandatory)


def values_for(rule: CriterionRule):
    if rule.kind == Kind.BOOL:
        return st.sampled_from([None, Decimal(0), Decimal(1)])
    near = [rule.threshold - 1, rule.threshold, rule.threshold + 1]
    return st.none() | st.sampled_from(near) | thresholds


@st.composite
def rules_with_values(draw):
    count = draw(st.integers(min_value=1, max_value=12))
    criteria = tuple(draw(criterion_rules(f"TC{n:02}")) for n in range(1, count + 1))
    rule = VerdictRule(criteria, draw(st.integers(min_value=0, max_value=count)))
    values = {criterion.code: draw(values_for(criterion)) for criterion in criteria}
    return rule, values


def meeting_value(rule: CriterionRule) -> Decimal:
    if rule.kind == Kind.BOOL:
        return Decimal(1)
    return {
        Comparator.GT: rule.threshold + 1,
        Comparator.LT: rule.threshold - 1,
    }.get(rule.comparator, rule.threshold)


# ---- properties ------------------------------------------------------------------------


@moderate
@given(rules_with_values(), st.data())
def test_evaluate_never_lowers_the_level_when_an_unmet_criterion_becomes_met(case, data):
    rule, values = case
    before = evaluate(rule, values)
    assume(before.unmet)
    code = data.draw(st.sampled_from(before.unmet))
    criterion = next(c for c in rule.criteria if c.code == code)

    after = evaluate(rule, {**values, code: meeting_value(criterion)})

    assert after.met_count == before.met_count + 1
    assert after.level.rank >= before.level.rank


@moderate
@given(rules_with_values(), st.data())
def test_evaluate_is_not_met_when_a_mandatory_criterion_fails(case, data):
    rule, values = case
    index = data.draw(st.integers(min_value=0, max_value=rule.total - 1))
    criteria = list(rule.criteria)
    criteria[index] = dataclasses.replace(criteria[index], mandatory=True)
    rule = VerdictRule(tuple(criteria), rule.basic_min_met)
    failing = data.draw(st.sampled_from([None, Decimal(0)]))
    assume(not is_met(criteria[index], failing))

    verdict = evaluate(rule, {**values, criteria[index].code: failing})

    assert verdict.level == Level.NOT_MET
    assert criteria[index].code in verdict.mandatory_failures


@moderate
@given(rules_with_values())
def test_evaluate_gives_full_exactly_when_every_criterion_is_met(case):
    rule, values = case

    verdict = evaluate(rule, values)

    every_met = all(is_met(c, values[c.code]) for c in rule.criteria)
    assert (verdict.level == Level.FULL) == every_met
    assert (verdict.met_count == rule.total) == every_met


@moderate
@given(rules_with_values())
def test_evaluate_follows_the_rule_of_the_set(case):
    rule, values = case

    verdict = evaluate(rule, values)

    if not verdict.unmet:
        expected = Level.FULL
    elif verdict.met_count >= rule.basic_min_met and not verdict.mandatory_failures:
        expected = Level.BASIC
    else:
        expected = Level.NOT_MET
    assert verdict.level == expected
    assert verdict.total == rule.total
    assert set(verdict.met) | set(verdict.unmet) == {c.code for c in rule.criteria}
    assert set(verdict.missing) == {code for code in verdict.unmet if values[code] is None}
    assert set(verdict.mandatory_failures) == {
        c.code for c in rule.criteria if c.mandatory and c.code in verdict.unmet
    }


@moderate
@given(rules_with_values(), st.randoms(use_true_random=False))
def test_evaluate_does_not_depend_on_the_order_of_criteria(case, random):
    rule, values = case
    shuffled = list(rule.criteria)
    random.shuffle(shuffled)

    verdict = evaluate(rule, values)
    again = evaluate(VerdictRule(tuple(shuffled), rule.basic_min_met), values)

    assert again.level == verdict.level
    assert set(again.met) == set(verdict.met)
    assert set(again.mandatory_failures) == set(verdict.mandatory_failures)


@moderate
@given(st.sampled_from(MEASURED), st.sampled_from(Comparator), thresholds)
def test_is_met_at_the_threshold_only_for_inclusive_comparators(kind, comparator, threshold):
    rule = CriterionRule("X", kind, comparator, threshold)

    inclusive = comparator in (Comparator.GE, Comparator.LE, Comparator.EQ)
    assert is_met(rule, threshold) == inclusive
    assert is_met(rule, threshold.quantize(Decimal("0.0001"))) == inclusive  # 90 == 90.0000


@moderate
@given(st.sampled_from(MEASURED), st.sampled_from(Comparator), thresholds, thresholds)
def test_is_met_agrees_with_the_comparator(kind, comparator, threshold, value):
    rule = CriterionRule("X", kind, comparator, threshold)

    expected = {
        Comparator.GE: value >= threshold,
        Comparator.GT: value > threshold,
        Comparator.LE: value <= threshold,
        Comparator.LT: value < threshold,
        Comparator.EQ: value == threshold,
    }[comparator]
    assert is_met(rule, value) == expected


# ---- examples with the shipped template ----------------------------------------------------


@pytest.fixture(scope="module")
def template_rule() -> VerdictRule:
    default = read_criteria_file(DEFAULT_CRITERIA_FILE)
    return VerdictRule(
        tuple(
            CriterionRule(
                c.code,
                c.kind,
                Comparator(c.comparator) if c.comparator else None,
                c.threshold,
                c.mandatory,
            )
            for c in default.criteria
        ),
        default.basic_min_met,
    )


@pytest.fixture
def all_met(template_rule) -> dict[str, Decimal]:
    return {c.code: meeting_value(c) for c in template_rule.criteria}


def test_evaluate_template_with_all_22_met_is_full(template_rule, all_met):
    verdict = evaluate(template_rule, all_met)

    assert (verdict.level, verdict.met_count, verdict.total) == (Level.FULL, 22, 22)


def test_evaluate_template_with_20_met_and_mandatory_met_is_basic(template_rule, all_met):
    values = {**all_met, "TC21": Decimal(0), "TC22": Decimal("87.5")}

    verdict = evaluate(template_rule, values)

    assert (verdict.level, verdict.met_count, verdict.unmet) == (Level.BASIC, 20, ("TC21", "TC22"))


def test_evaluate_template_with_19_met_is_not_met(template_rule, all_met):
    values = {**all_met, "TC12": Decimal(79), "TC13": None, "TC21": Decimal(0)}

    verdict = evaluate(template_rule, values)

    assert (verdict.level, verdict.met_count) == (Level.NOT_MET, 19)
    assert verdict.missing == ("TC13",)
    assert verdict.mandatory_failures == ()


def test_evaluate_template_with_a_mandatory_unmet_is_not_met_at_21(template_rule, all_met):
    verdict = evaluate(template_rule, {**all_met, "TC07": Decimal(0)})

    assert (verdict.level, verdict.met_count) == (Level.NOT_MET, 21)
    assert verdict.mandatory_failures == ("TC07",)


def test_evaluate_template_without_values_is_not_met_with_everything_missing(template_rule):
    verdict = evaluate(template_rule, {})

    assert verdict.level == Level.NOT_MET
    assert len(verdict.missing) == 22
    assert verdict.mandatory_failures == ("TC04", "TC07", "TC19")


def test_evaluate_uses_the_rule_numbers_not_22_and_20():
    rule = VerdictRule(tuple(CriterionRule(f"K{n}", Kind.BOOL) for n in range(5)), 3)
    values = {"K0": Decimal(1), "K1": Decimal(1), "K2": Decimal(1), "K3": Decimal(0)}

    verdict = evaluate(rule, values)

    assert (verdict.level, verdict.met_count, verdict.total) == (Level.BASIC, 3, 5)


@pytest.mark.parametrize(
    ("value", "expected"), [(Decimal(1), True), (Decimal(0), False), (None, False)]
)
def test_is_met_of_a_yes_no_criterion_reads_1_as_yes(value, expected):
    assert is_met(CriterionRule("X", Kind.BOOL), value) is expected


def test_is_met_of_a_yes_no_criterion_refuses_other_values():
    with pytest.raises(ValueError, match="X: a yes/no value is 1 or 0, not 2"):
        is_met(CriterionRule("X", Kind.BOOL), Decimal(2))


@pytest.mark.parametrize(
    ("kind", "comparator", "threshold"),
    [
        (Kind.BOOL, Comparator.GE, None),
        (Kind.PCT, None, Decimal(90)),
        (Kind.NUM, Comparator.LE, None),
    ],
)
def test_criterion_rule_needs_comparator_and_threshold_exactly_for_measured_kinds(
    kind, comparator, threshold
):
    with pytest.raises(ValueError, match="comparator and threshold go with measured kinds only"):
        CriterionRule("X", kind, comparator, threshold)


def test_verdict_rule_refuses_a_basic_minimum_above_the_number_of_criteria():
    with pytest.raises(ValueError, match=r"basic_min_met 2 outside 0\.\.1"):
        VerdictRule((CriterionRule("X", Kind.BOOL),), 2)


def test_level_rank_orders_not_met_basic_full():
    assert sorted(Level, key=lambda level: level.rank) == [Level.NOT_MET, Level.BASIC, Level.FULL]
