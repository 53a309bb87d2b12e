import hashlib
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
    State,
    Transition,
)
from kieumau.bench.accounts import MINISTRY_OFFICERS, PROVINCE_OFFICERS_PER_PROVINCE
from kieumau.bench.dataset import DatasetError, national_dataset_build
from kieumau.context.models import DirectiveDocument, GoodPractice, Resources
from kieumau.criteria.selectors import verdict_rule_for
from kieumau.criteria.services import default_criteria_set_load
from kieumau.criteria.verdict import evaluate
from kieumau.programme.models import QuotaRule, Registration, Round
from kieumau.programme.services import round_create, targets_ensure_defaults
from kieumau.reports.dashboards import national_dashboard

SCALE = 0.01
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
CURRENT_YEARS = (2026, 2027, 2028, 2029, 2030)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def programme(maps):
    """What «kieumau setup --no-demo» leaves: the maps, the default criteria set, targets."""
    default_criteria_set_load()
    targets_ensure_defaults()
    return maps


def kept_per_province(admin_map, **filters) -> int:
    """How many communes a build at SCALE keeps: a share of each province's, at least one."""
    counts = Counter(
        AdminUnit.objects.filter(admin_map=admin_map, level=Level.COMMUNE, **filters).values_list(
            "province_id", flat=True
        )
    )
    return sum(max(1, round(count * SCALE)) for count in counts.values())


def test_build_registers_every_kept_commune_in_every_round_with_all_results(programme):
    stages = defaultdict(list)
    summary = national_dataset_build(
        scale=SCALE, seed=11, now=NOW, progress=lambda s, d, t: stages[s].append((d, t))
    )

    current = kept_per_province(programme["2025-07"])
    pilot = kept_per_province(programme["2023-05"], type=UnitType.WARD)
    registrations = pilot + 5 * current
    rounds = {r.year: r for r in Round.objects.all()}
    assert sorted(rounds) == [2023, *CURRENT_YEARS]
    assert {year: r.status for year, r in rounds.items()} == {
        2023: "closed",
        2026: "closed",
        2027: "closed",
        2028: "closed",
        2029: "closed",
        2030: "open",
    }
    assert rounds[2023].admin_map.code == "2023-05"
    assert rounds[2023].quota_rule == QuotaRule.PILOT_2023
    assert {rounds[y].admin_map.code for y in CURRENT_YEARS} == {"2025-07"}
    for year in CURRENT_YEARS:
        assert Registration.objects.filter(round=rounds[year]).count() == current
    # The same communes, phường, xã and đặc khu alike, in every round on the current map.
    units = [
        set(Registration.objects.filter(round=rounds[y]).values_list("unit", flat=True))
        for y in CURRENT_YEARS
    ]
    assert all(u == units[0] for u in units)
    assert len(units[0]) == current
    assert Registration.objects.filter(round=rounds[2023], unit__type=UnitType.WARD).count() == (
        pilot
    )
    communes = AdminUnit.objects.filter(admin_map=programme["2025-07"], level=Level.COMMUNE)
    provinces = AdminUnit.objects.filter(admin_map=programme["2025-07"], level=Level.PROVINCE)
    pilot_provinces = AdminUnit.objects.filter(admin_map=programme["2023-05"], level=Level.PROVINCE)
    users = (
        communes.count()
        + provinces.count() * PROVINCE_OFFICERS_PER_PROVINCE
        + MINISTRY_OFFICERS
        + pilot_provinces.count()
        + pilot
    )
    recognised = Assessment.objects.filter(state=State.RECOGNISED).count()
    transitions = Transition.objects.count()
    assessment_type = ContentType.objects.get_for_model(Assessment)
    assert (
        summary.rounds,
        summary.registrations,
        summary.assessments,
        summary.results,
        summary.resources,
        summary.recognitions,
        summary.users,
        summary.open_round_year,
    ) == (
        6,
        registrations,
        registrations,
        22 * registrations,
        registrations,
        recognised,
        users,
        2030,
    )
    assert (
        summary.evidence,
        summary.transitions,
        summary.action_items,
        summary.documents,
        summary.good_practices,
        summary.audit_entries,
    ) == (
        Evidence.objects.count(),
        transitions,
        ActionItem.objects.count(),
        DirectiveDocument.objects.count(),
        GoodPractice.objects.count(),
        LogEntry.objects.count(),
    )
    assert LogEntry.objects.filter(content_type=assessment_type).count() == transitions > 0
    assert summary.evidence > 0 and summary.action_items > 0
    assert 2 * (provinces.count() * 5 + pilot_provinces.count()) <= summary.documents
    assert summary.documents <= 4 * (provinces.count() * 5 + pilot_provinces.count())
    largest = Counter(communes.values_list("province__code", flat=True)).most_common(1)[0][0]
    assert summary.largest_province_code == largest
    assert set(stages) == {"accounts", "analyze", *(f"round {y}" for y in (2023, *CURRENT_YEARS))}
    assert all(steps[-1][0] == steps[-1][1] for steps in stages.values())


def test_every_assessment_has_the_verdict_of_its_results(programme):
    national_dataset_build(scale=SCALE, seed=12, now=NOW)

    rule = verdict_rule_for(Round.objects.get(year=2030).criteria_set)
    values = defaultdict(dict)
    for assessment_id, code, own, reviewed in CriterionResult.objects.values_list(
        "assessment", "criterion__code", "self_value", "review_value"
    ):
        values[assessment_id][code] = own if reviewed is None else reviewed
    assessments = list(Assessment.objects.all())
    assert all(len(values[a.pk]) == 22 for a in assessments)
    for assessment in assessments:
        verdict = evaluate(rule, values[assessment.pk])
        assert (assessment.met_count, assessment.level) == (verdict.met_count, verdict.level)
    recognised = [a for a in assessments if a.state == State.RECOGNISED]
    assert recognised and all(a.level == "full" for a in recognised)


def test_every_state_has_the_steps_leading_to_it_by_the_right_officers(programme):
    national_dataset_build(scale=SCALE, seed=13, now=NOW)

    users = {u.pk: u for u in User.objects.all()}
    steps = defaultdict(list)
    for move in Transition.objects.order_by("assessment", "at", "id"):
        steps[move.assessment_id].append(move)
    recognitions = {r.assessment_id: r for r in Recognition.objects.all()}
    entries = defaultdict(list)
    for entry in LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Assessment)
    ).order_by("timestamp", "id"):
        entries[entry.object_id].append(entry)
    states = Counter()
    for assessment in Assessment.objects.select_related("registration__unit"):
        states[assessment.state] += 1
        unit = assessment.registration.unit
        state = State.DRAFT
        for move in steps[assessment.pk]:
            assert move.from_state == state
            actor = users[move.actor_id]
            if move.to_state == State.SUBMITTED:
                assert (actor.role, actor.unit_id) == (Role.WARD, unit.pk)
            elif move.from_state == State.SUBMITTED:
                assert (actor.role, actor.unit_id) == (Role.PROVINCE, unit.province_id)
                assert move.comment or move.to_state == State.PROVINCE_APPROVED
            else:
                assert actor.role == Role.MINISTRY
            state = move.to_state
        assert state == assessment.state
        assert [e.changes["state"] for e in entries[assessment.pk]] == [
            [m.from_state, m.to_state] for m in steps[assessment.pk]
        ]
        assert [(e.actor_id, e.timestamp) for e in entries[assessment.pk]] == [
            (m.actor_id, m.at) for m in steps[assessment.pk]
        ]
        if steps[assessment.pk]:
            last = entries[assessment.pk][-1].changes["version"][1]
            assert last == str(assessment.version)
        assert (assessment.state == State.RECOGNISED) == (assessment.pk in recognitions)
        if assessment.pk in recognitions:
            assert recognitions[assessment.pk].recognised_by_id == steps[assessment.pk][-1].actor_id
    open_round = Assessment.objects.filter(registration__round__year=2030)
    assert set(open_round.values_list("state", flat=True)) <= set(State.values)
    assert states[State.DRAFT] and states[State.RECOGNISED] and states[State.SUBMITTED]


def test_evidence_points_to_real_files_with_their_hash_and_unique_names(programme, media_root):
    national_dataset_build(scale=SCALE, seed=14, now=NOW)

    rows = list(Evidence.objects.values("file", "storage_name", "sha256", "size", "result"))
    assert len({row["storage_name"] for row in rows}) == len(rows) > 0
    files = {row["file"] for row in rows}
    assert 1 < len(files) <= 5
    for name in files:
        data = (Path(media_root) / name).read_bytes()
        row = next(r for r in rows if r["file"] == name)
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (row["sha256"], row["size"])
    drafts = Evidence.objects.filter(result__assessment__state=State.DRAFT)
    assert not drafts.exists()
    attached = DirectiveDocument.objects.exclude(file="")
    for document in attached:
        data = (Path(media_root) / document.file.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == document.file_sha256


def test_build_is_refused_when_a_round_exists_and_writes_nothing(programme):
    ministry = User.objects.create(username="bo", role=Role.MINISTRY)
    round_create(
        actor=ministry,
        year=2024,
        name="Đợt 2024",
        admin_map=programme["2025-07"],
        criteria_set=default_criteria_set_load().criteria_set,
        quota_rule=QuotaRule.SHARE_OF_WARDS,
        quota_parameters={"percent": 30},
        self_assessment_deadline=NOW.date(),
        review_deadline=NOW.date(),
        recognition_deadline=NOW.date(),
    )
    users, entries = User.objects.count(), LogEntry.objects.count()

    with translation.override("en"), pytest.raises(DatasetError, match="already has rounds"):
        national_dataset_build(scale=SCALE, now=NOW)

    assert list(Round.objects.values_list("year", flat=True)) == [2024]
    assert (User.objects.count(), LogEntry.objects.count()) == (users, entries)
    assert not Registration.objects.exists()
    assert not DirectiveDocument.objects.exists()


def test_build_refuses_a_scale_outside_zero_to_one(programme):
    with translation.override("en"), pytest.raises(DatasetError, match="not 0"):
        national_dataset_build(scale=0, now=NOW)
    assert not User.objects.exists()


class _Undo(Exception):
    pass


def _snapshot() -> dict:
    """Everything the build drew, keyed by round and unit (ids differ between builds)."""
    results = defaultdict(list)
    for row in CriterionResult.objects.order_by("criterion__position").values_list(
        "assessment__registration__round__year",
        "assessment__registration__unit__code",
        "criterion__code",
        "self_value",
        "review_value",
        "review_comment",
    ):
        results[row[:2]].append(row[2:])
    moves = defaultdict(list)
    for row in Transition.objects.order_by("at", "id").values_list(
        "assessment__registration__round__year",
        "assessment__registration__unit__code",
        "from_state",
        "to_state",
        "actor__username",
        "at",
    ):
        moves[row[:2]].append(row[2:])
    assessments = {
        (year, code): rest
        for year, code, *rest in Assessment.objects.values_list(
            "registration__round__year",
            "registration__unit__code",
            "state",
            "met_count",
            "level",
            "version",
        )
    }
    return {
        "assessments": assessments,
        "results": dict(results),
        "moves": dict(moves),
        "evidence": Evidence.objects.count(),
        "actions": sorted(ActionItem.objects.values_list("action", "due_date", "status")),
        "resources": sorted(Resources.objects.values_list("staff_norm", "funding_planned_vnd")),
        "documents": sorted(DirectiveDocument.objects.values_list("number", "date", "title")),
    }


def test_the_same_seed_gives_the_same_dataset(programme):
    try:
        with transaction.atomic():
            national_dataset_build(scale=SCALE, seed=21, now=NOW)
            first = _snapshot()
            raise _Undo
    except _Undo:
        pass
    assert not Round.objects.exists() and not User.objects.exists()

    national_dataset_build(scale=SCALE, seed=21, now=NOW)

    assert _snapshot() == first
    assert len(first["assessments"]) == Assessment.objects.count()


def test_the_national_dashboard_reads_the_open_round(programme):
    summary = national_dataset_build(scale=SCALE, seed=15, now=NOW)

    open_round = Round.objects.get(year=summary.open_round_year)
    dashboard = national_dashboard(open_round)
    states = Counter(
        Assessment.objects.filter(registration__round=open_round).values_list("state", flat=True)
    )
    assert dashboard.figures.registered == sum(states.values())
    assert dashboard.figures.by_state[State.SUBMITTED] == states[State.SUBMITTED]
    assert dashboard.figures.by_state[State.RECOGNISED] == states[State.RECOGNISED]
    assert len(dashboard.provinces) == 34
