"""The benchmark's results: checked against the targets of issue 8, printed, written as JSON."""

import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import connection
from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Target:
    name: str
    wanted: str
    measured: str
    met: bool


@dataclass
class BenchResults:
    started_at: datetime
    machine: dict = field(default_factory=dict)
    dataset: dict = field(default_factory=dict)
    pages: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    imports: dict = field(default_factory=dict)
    load: list[dict] = field(default_factory=list)

    def targets(self) -> list[Target]:
        """Each target of issue 8 that this run measured, with whether it was met."""
        targets = []
        pages = {p["name"]: p for p in self.pages}
        if dashboard := pages.get("national_dashboard"):
            ratio, p95 = dashboard["ratio_to_baseline"], dashboard["p95_ms"]
            targets += [
                Target("national dashboard median", "≤ 3 × baseline", f"{ratio} ×", ratio <= 3),
                Target("national dashboard p95", "≤ 300 ms", f"{p95} ms", p95 <= 300),
            ]
        limits = {"docx": 3, "xlsx": 3, "pdf": 10}
        for report in self.reports:
            limit = limits[report["format"]]
            seconds = report["seconds"]
            targets.append(
                Target(
                    f"national report {report['format']}",
                    f"≤ {limit} s",
                    f"{seconds} s",
                    seconds <= limit,
                )
            )
        if self.imports:
            seconds = self.imports["seconds"]
            targets.append(
                Target("import, largest province", "≤ 15 s", f"{seconds} s", seconds <= 15)
            )
        for level in self.load:
            if level["users"] != 200:
                continue
            targets += [
                Target("200 users: errors", "0", str(level["failures"]), level["failures"] == 0),
                Target(
                    "200 users: lost writes",
                    "0",
                    str(level["writes_lost"]),
                    level["writes_lost"] == 0,
                ),
                Target(
                    "200 users: p95", "≤ 1000 ms", f"{level['p95_ms']} ms", level["p95_ms"] <= 1000
                ),
            ]
        return targets

    def as_dict(self) -> dict:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat(timespec="seconds")
        data["targets"] = [asdict(t) for t in self.targets()]
        return data

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"bench-{self.started_at:%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return path


def machine_describe() -> dict:
    """What the numbers were measured on: processors, Python, PostgreSQL, the commit."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    return {
        "processors": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "platform": platform.platform(),
        "commit": commit,
    }


def results_print(results: BenchResults, console: Console) -> None:
    """One table: every measurement, then the targets with ✓ or ✗."""
    table = Table(title="kieumau bench", show_lines=False)
    for column in ("measure", "median / value", "p95", "× baseline", "queries"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for page in results.pages:
        table.add_row(
            f"page: {page['name']}",
            f"{page['median_ms']} ms",
            f"{page['p95_ms']} ms",
            f"{page['ratio_to_baseline']}",
            str(page["queries"]),
        )
    for report in results.reports:
        table.add_row(f"report: national {report['format']}", f"{report['seconds']} s", "", "", "")
    if results.imports:
        imports = results.imports
        table.add_row(
            f"import: province {imports['province']} ({imports['rows_changed']} units)",
            f"{imports['seconds']} s",
            "",
            "",
            "",
        )
    for level in results.load:
        table.add_row(
            f"load: {level['users']} users ({_pauses(level)}), {level['throughput']} req/s",
            f"p50 {level['p50_ms']} ms",
            f"{level['p95_ms']} ms",
            f"p99 {level['p99_ms']} ms",
            f"{level['failures']} err, {level['writes_lost']} lost",
        )
    table.add_section()
    for target in results.targets():
        mark = "[green]✓[/green]" if target.met else "[red]✗[/red]"
        table.add_row(f"{mark} {target.name}", target.measured, target.wanted, "", "")
    console.print(table)


def _pauses(level: dict) -> str:
    low, high = level["think_seconds"]
    return f"{low:g}–{high:g} s pauses"
