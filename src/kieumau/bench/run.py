"""One benchmark run on the configured PostgreSQL database: dataset, pages, reports, import,
load. Each part is in its own module; this one only puts them in order."""

import os
import tempfile
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from django.conf import settings
from rich.console import Console

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.reference import current_map
from kieumau.bench.dataset.summary import dataset_summary, largest_province
from kieumau.bench.imports import import_time
from kieumau.bench.pages import pages_time
from kieumau.bench.reports import reports_time
from kieumau.bench.results import BenchResults, machine_describe
from kieumau.bench.timing import rounded, timed
from kieumau.core.aggregates import aggregates_changed
from kieumau.programme.models import Registration, Round


class BenchRefused(RuntimeError):
    pass


def bench_run(
    *,
    scale: float,
    samples: int,
    users: list[int],
    think_seconds: tuple[float, float],
    seconds: int,
    load: bool,
    reuse: bool,
    console: Console,
    output: Path,
) -> BenchResults:
    """Side effects: writes the results so far to ``output`` after each part, so that a long
    run that fails late keeps what it measured."""
    results = BenchResults(started_at=datetime.now())
    results.machine = machine_describe()
    if reuse:
        if not Round.objects.exists():
            raise BenchRefused("--reuse: this database has no benchmark data yet")
        summary = dataset_summary(open_round_year=_open_round().year, current=current_map())
        results.dataset = {"reused": True, **asdict(summary)}
    else:
        from kieumau.bench.dataset import national_dataset_build

        console.print("[bold]Dataset[/bold]: the whole country, five rounds and 2023…")
        summary, build_seconds = timed(
            lambda: national_dataset_build(scale=scale, progress=_progress(console))
        )
        results.dataset = {"build_seconds": rounded(build_seconds), **asdict(summary)}
    results.write(output)
    open_round = _open_round()
    province = largest_province(open_round.admin_map)
    ward = _a_registered_ward(open_round, province)

    console.print("[bold]Pages[/bold]…")
    results.pages = [
        t.as_dict()
        for t in pages_time(
            province_code=province.code,
            ward_code=ward.code,
            samples=samples,
            national_dashboard_cold=aggregates_changed,
        )
    ]
    results.write(output)
    console.print("[bold]Reports[/bold]…")
    results.reports = [t.as_dict() for t in reports_time(open_round)]
    results.write(output)
    console.print("[bold]Import[/bold]…")
    results.imports = import_time(open_round, province).as_dict()
    if load:
        from kieumau.bench.load.run import load_run

        with tempfile.TemporaryDirectory(prefix="kieumau-load-") as work:
            for level in users:
                console.print(
                    f"[bold]Load[/bold]: {level} users for {seconds} s, "
                    f"{think_seconds[0]:g}–{think_seconds[1]:g} s between actions…"
                )
                result = load_run(
                    users=level,
                    seconds=seconds,
                    spawn_rate=max(level / 10, 5),
                    think_seconds=think_seconds,
                    database_url=_database_url(),
                    work_dir=Path(work) / str(level),
                    media_root=Path(settings.MEDIA_ROOT),
                )
                results.load.append(result.as_dict())
                results.write(output)
    return results


def _progress(console: Console):
    def report(stage: str, done: int, total: int) -> None:
        if done == total:
            console.print(f"  {stage}: {total:,}")

    return report


def _open_round() -> Round:
    return Round.objects.select_related("admin_map", "criteria_set").order_by("-year")[0]


def _a_registered_ward(round: Round, province: AdminUnit) -> AdminUnit:
    registration = (
        Registration.objects.filter(round=round, unit__province=province)
        .select_related("unit")
        .order_by("unit__code")[0]
    )
    return registration.unit


def _database_url() -> str:
    """The URL this process uses (settings read it from the environment), for gunicorn."""
    return os.environ["DATABASE_URL"]
