"""The benchmark's measuring parts on a small national dataset: pages signed in for real, the
largest province's import applied, the reports written, the targets judged."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from rich.console import Console

from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.assessments.workflow import EDITABLE
from kieumau.bench.dataset import national_dataset_build
from kieumau.bench.dataset.summary import largest_province
from kieumau.bench.imports import ImportTiming, import_time
from kieumau.bench.load.run import KindNumbers, LoadResult
from kieumau.bench.pages import pages_time
from kieumau.bench.reports import reports_time
from kieumau.bench.results import BenchResults, results_print
from kieumau.bench.run import _a_registered_ward
from kieumau.bench.timing import percentile
from kieumau.core.aggregates import aggregates_changed
from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.models import Round
from kieumau.programme.services import targets_ensure_defaults


@pytest.fixture
def national(maps, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_criteria_set_load()
    targets_ensure_defaults()
    national_dataset_build(scale=0.01, seed=3)
    return Round.objects.select_related("admin_map", "criteria_set").order_by("-year")[0]


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert [percentile(values, p) for p in (50, 95, 99, 100)] == [50.0, 95.0, 99.0, 100.0]
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_pages_are_timed_signed_in_with_both_factors_and_compared_to_the_baseline(
    national, django_capture_on_commit_callbacks
):
    province = largest_province(national.admin_map)
    ward = _a_registered_ward(national, province)

    def cold():
        with django_capture_on_commit_callbacks(execute=True):
            aggregates_changed()

    timings = {
        t.name: t
        for t in pages_time(
            province_code=province.code,
            ward_code=ward.code,
            samples=5,
            national_dashboard_cold=cold,
        )
    }

    assert list(timings) == [
        "baseline",
        "national_dashboard",
        "province_dashboard",
        "review_queue",
        "assessment",
        "national_dashboard_cold",
    ]
    assert timings["baseline"].ratio_to_baseline == 1.0
    assert timings["baseline"].username == "bench.ministry.16"
    assert timings["review_queue"].username == f"bench.province.{province.code}.8"
    assert timings["assessment"].username == f"bench.ward.{ward.code}"
    assert all(t.samples == 5 and 0 < t.median_ms <= t.p95_ms for t in timings.values())
    # Computing the figures costs the aggregate queries; the cached page reads them in one.
    assert timings["national_dashboard_cold"].queries > timings["national_dashboard"].queries


def test_the_import_changes_every_value_of_every_editable_unit_of_the_province(national):
    province = largest_province(national.admin_map)
    editable = Assessment.objects.filter(
        registration__round=national, registration__unit__province=province, state__in=EDITABLE
    )
    before = dict(
        CriterionResult.objects.filter(assessment__in=editable).values_list("pk", "self_value")
    )

    timing = import_time(national, province)

    after = dict(
        CriterionResult.objects.filter(assessment__in=editable).values_list("pk", "self_value")
    )
    assert timing.rows_changed == editable.count() > 0
    assert timing.values_changed == 22 * timing.rows_changed == len(before)
    assert [pk for pk in before if before[pk] == after[pk]] == []
    assert all(isinstance(v, Decimal) for v in after.values())


@pytest.mark.slow
def test_the_national_report_is_written_in_each_format(national):
    timings = reports_time(national)

    assert [t.format for t in timings] == ["docx", "pdf", "xlsx"]
    assert all(t.size_bytes > 10_000 and 0 < t.render_seconds <= t.seconds for t in timings)


def test_targets_are_judged_on_what_was_measured():
    results = BenchResults(started_at=datetime(2026, 11, 25, 9, 0))
    results.pages = [
        {
            "name": "baseline",
            "median_ms": 10.0,
            "p95_ms": 12.0,
            "ratio_to_baseline": 1.0,
            "queries": 8,
        },
        {
            "name": "national_dashboard",
            "median_ms": 31.0,
            "p95_ms": 290.0,
            "ratio_to_baseline": 3.1,
            "queries": 10,
        },
    ]
    results.reports = [
        {"format": "docx", "seconds": 2.9},
        {"format": "pdf", "seconds": 10.5},
        {"format": "xlsx", "seconds": 0.4},
    ]
    results.imports = ImportTiming(
        province="79",
        rows=168,
        rows_changed=92,
        values_changed=2024,
        seconds=15.0,
        template_seconds=1.0,
        size_bytes=40_000,
    ).as_dict()
    results.load = [
        _load(100, failures=3, lost=0, p95=2000),
        _load(200, failures=0, lost=1, p95=1000),
    ]

    assert [(t.name, t.met) for t in results.targets()] == [
        ("national dashboard median", False),
        ("national dashboard p95", True),
        ("national report docx", True),
        ("national report pdf", False),
        ("national report xlsx", True),
        ("import, largest province", True),
        ("200 users: errors", True),
        ("200 users: lost writes", False),
        ("200 users: p95", True),
    ]
    printed = Console(record=True, width=110)
    results_print(results, printed)
    text = printed.export_text()
    assert "✗ 200 users: lost writes" in text
    assert "load: 200 users (1–3 s pauses), 2.0 req/s" in text
    assert results.as_dict()["targets"][0] == {
        "name": "national dashboard median",
        "wanted": "≤ 3 × baseline",
        "measured": "3.1 ×",
        "met": False,
    }


def _load(users: int, *, failures: int, lost: int, p95: float) -> dict:
    numbers = KindNumbers(requests=10, failures=0, throughput=1.0, p50_ms=5, p95_ms=p95, p99_ms=p95)
    return LoadResult(
        users=users,
        seconds=60,
        requests=20,
        failures=failures,
        throughput=2.0,
        p50_ms=5,
        p95_ms=p95,
        p99_ms=p95,
        reads=numbers,
        writes=numbers,
        writes_acknowledged=10,
        writes_lost=lost,
        lost_examples=(),
        failure_examples=(),
        sign_ins=users,
        measured_seconds=60.0,
        server="gthread 3x8",
        think_seconds=(1.0, 3.0),
    ).as_dict()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scale", "0"], "--scale: a fraction in (0, 1]"),
        (["--scale", "1.5"], "--scale: a fraction in (0, 1]"),
        (["--samples", "2"], "--samples: at least 5"),
        (["--seconds", "1"], "--seconds: at least 5"),
        (["--users", "50,lots"], "--users: «50,lots» is not a list of numbers"),
        (["--users", "0"], "--users: give one or more positive numbers"),
        (["--think", "5"], "--think: «5» is not two numbers of seconds"),
        (["--think", "a,b"], "--think: «a,b» is not two numbers of seconds"),
        (["--think", "15,5"], "--think: the shortest pause first"),
        (["--think=-1,5"], "--think: the shortest pause first"),
    ],
)
def test_the_command_refuses_bad_options_before_touching_anything(arguments, message, db):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("bench", *arguments)

    assert not Round.objects.exists()
