"""One level of the load test: N officers at once for S seconds, then the check of their writes.

The plan (which accounts sign in, what each may write) is read from the database through
Django's default connection, which must be the database at ``database_url`` that gunicorn
serves; so is the check of acknowledged writes afterwards. locust runs headless in a process of
its own against gunicorn. Its numbers count from the moment the last officer has signed in (the
locustfile then resets locust's stats and stops it ``seconds`` later); sign-in requests are left
out of them, and a failed sign-in counts as a failure.
"""

import json
import math
import os
import random
import subprocess
import sys
from base64 import b32decode
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level
from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.assessments.workflow import EDITABLE
from kieumau.bench.accounts import (
    BENCH_PASSWORD,
    BENCH_TOTP_SECRET,
    MINISTRY_OFFICERS,
    PROVINCE_OFFICERS_PER_PROVINCE,
    ministry_username,
    province_username,
    ward_username,
)
from kieumau.bench.load.server import CLIENT_ADDRESS_HEADER, server_running
from kieumau.bench.load.writes import writes_check
from kieumau.programme.models import Round

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# An officer's pause between two actions: reading a criterion, typing its value and note,
# choosing a file take seconds each (docs/performance.md: also measured at 1–3 s).
THINK_SECONDS = (5.0, 15.0)
SHARES = {"provinces": 0.15, "ministry": 0.05}  # the rest are ward officers
ASSESSMENTS_PER_PROVINCE = 10  # those a province officer opens, at random
STOP_TIMEOUT = 10  # seconds for the last requests to end after the run time
SIGN_IN_BOUND = 300  # seconds all sign-ins may take beyond spawning before locust is stopped
SEED = 8


class LoadRefused(RuntimeError):
    pass


@dataclass(frozen=True)
class KindNumbers:
    requests: int
    failures: int
    throughput: float  # requests per second
    p50_ms: float
    p95_ms: float
    p99_ms: float


@dataclass(frozen=True)
class LoadResult:
    users: int
    seconds: int
    requests: int
    failures: int
    throughput: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    reads: KindNumbers
    writes: KindNumbers
    writes_acknowledged: int
    writes_lost: int
    lost_examples: tuple[str, ...]
    failure_examples: tuple[str, ...]
    sign_ins: int
    measured_seconds: float
    server: str
    think_seconds: tuple[float, float]

    def as_dict(self) -> dict:
        return asdict(self)


Progress = Callable[[str, int, int], None]


def load_run(
    *,
    users: int,
    seconds: int,
    spawn_rate: float,
    database_url: str,
    work_dir: Path,
    media_root: Path,
    think_seconds: tuple[float, float] = THINK_SECONDS,
    progress: Progress | None = None,
) -> LoadResult:
    """Run ``users`` officers for ``seconds`` after spawning them at ``spawn_rate`` per second.

    Each officer pauses between ``think_seconds`` (low, high) after each action.

    Side effects: gunicorn and locust processes, started and ended here; the officers' writes
    in the database (criterion values and notes, a few submissions, sessions, audit entries);
    plan.json, writes.jsonl, summary.json, locust's CSV files and the server's log in
    ``work_dir``.
    """
    report = progress or (lambda stage, done, total: None)
    work_dir.mkdir(parents=True, exist_ok=True)
    plan = load_plan(users=users, think_seconds=think_seconds)
    plan_path, writes_path = work_dir / "plan.json", work_dir / "writes.jsonl"
    summary_path = work_dir / "summary.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    writes_path.unlink(missing_ok=True)
    summary_path.unlink(missing_ok=True)
    with server_running(
        database_url=database_url, media_root=media_root, work_dir=work_dir
    ) as server:
        report("Load: users", 0, users)
        _locust_run(
            users=users,
            seconds=seconds,
            spawn_rate=spawn_rate,
            host=server.url,
            work_dir=work_dir,
            classes=[name for role, name in CLASSES.items() if plan["counts"][role]],
            env={
                "LOAD_PLAN": str(plan_path),
                "LOAD_WRITES": str(writes_path),
                "LOAD_SUMMARY": str(summary_path),
                "LOAD_SECONDS": str(seconds),
            },
        )
        report("Load: users", users, users)
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    check = writes_check(writes_path)
    report("Load: writes checked", 1, 1)
    every, sign_in_failures = summary["all"], summary["sign_in_failures"]
    return LoadResult(
        users=users,
        seconds=seconds,
        requests=every["requests"],
        failures=every["failures"] + len(sign_in_failures),
        throughput=round(every["throughput"], 1),
        p50_ms=every["p50_ms"],
        p95_ms=every["p95_ms"],
        p99_ms=every["p99_ms"],
        reads=_kind(summary["reads"]),
        writes=_kind(summary["writes"]),
        writes_acknowledged=check.acknowledged,
        writes_lost=check.lost,
        lost_examples=tuple(check.examples),
        failure_examples=tuple([*sign_in_failures, *summary["errors"]][:10]),
        sign_ins=users - len(sign_in_failures),
        measured_seconds=round(summary["measured_seconds"], 1),
        server=f"gunicorn, {server.workers} workers × {server.threads} threads",
        think_seconds=think_seconds,
    )


CLASSES = {"wards": "WardOfficer", "provinces": "ProvinceOfficer", "ministry": "MinistryOfficer"}


def role_counts(users: int) -> dict[str, int]:
    """About 80% ward, 15% province and 5% ministry officers, at least one of each from 3."""
    counts = {role: round(users * share) for role, share in SHARES.items()}
    if users >= 3:
        counts = {role: max(count, 1) for role, count in counts.items()}
    return {"wards": users - sum(counts.values()), **counts}


def load_plan(*, users: int, think_seconds: tuple[float, float] = THINK_SECONDS) -> dict:
    """The accounts of ``users`` officers in the newest round and what each may do.

    Ward officers of units whose assessment is with the ward (draft, returned) come first, with
    their criterion results; then wards whose assessment is elsewhere, then unregistered ones.
    LoadRefused when the database lacks the bench accounts (``bench_accounts_create``).
    """
    round_ = Round.objects.select_related("admin_map").order_by("-year").first()
    if round_ is None:
        raise LoadRefused("no round in the database: nothing to assess")
    counts = role_counts(users)
    wards = _wards(round_, counts["wards"])
    plan = {
        "password": BENCH_PASSWORD,
        "totp_key_hex": b32decode(BENCH_TOTP_SECRET).hex(),
        "client_address_header": CLIENT_ADDRESS_HEADER,
        "think_seconds": list(think_seconds),
        "counts": counts,
        "wards": wards,
        "provinces": _provinces(round_, counts["provinces"]),
        "ministry": [
            {"username": name}
            for name in _existing([ministry_username(n) for n in range(1, MINISTRY_OFFICERS + 1)])
        ][: counts["ministry"]],
    }
    for role, count in counts.items():
        if len(plan[role]) < count:
            raise LoadRefused(
                f"{count} {role} officers wanted, {len(plan[role])} bench accounts found: "
                "create them with kieumau.bench.accounts.bench_accounts_create"
            )
    return plan


def _wards(round_: Round, count: int) -> list[dict]:
    assessments = {
        code: (pk, state)
        for pk, state, code in Assessment.objects.filter(registration__round=round_).values_list(
            "pk", "state", "registration__unit__code"
        )
    }
    codes = AdminUnit.objects.filter(admin_map=round_.admin_map, level=Level.COMMUNE)
    groups: list[list[str]] = [[], [], []]  # with the ward, elsewhere, not registered
    for code in codes.values_list("code", flat=True).order_by("code"):
        pk_state = assessments.get(code)
        groups[2 if pk_state is None else 0 if pk_state[1] in EDITABLE else 1].append(code)
    rng = random.Random(SEED)
    for group in groups:
        rng.shuffle(group)  # across provinces, the same choice every run
    existing = set(_existing([ward_username(code) for group in groups for code in group]))
    chosen = [c for group in groups for c in group if ward_username(c) in existing][:count]
    writable = {assessments[c][0] for c in chosen if assessments.get(c, (0, ""))[1] in EDITABLE}
    results = defaultdict(list)
    for pk, assessment, code, kind in CriterionResult.objects.filter(
        assessment_id__in=writable
    ).values_list("pk", "assessment_id", "criterion__code", "criterion__kind"):
        results[assessment].append([pk, code, kind])
    return [
        {
            "username": ward_username(code),
            "assessment": assessments[code][0] if code in assessments else None,
            "results": results.get(assessments[code][0], []) if code in assessments else [],
        }
        for code in chosen
    ]


def _provinces(round_: Round, count: int) -> list[dict]:
    codes = list(
        AdminUnit.objects.filter(admin_map=round_.admin_map, level=Level.PROVINCE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    # The first officer of every province, then the second…: every province is read.
    names = [
        province_username(code, n)
        for n in range(1, PROVINCE_OFFICERS_PER_PROVINCE + 1)
        for code in codes
    ]
    chosen = _existing(names)[:count]
    by_province = defaultdict(list)
    for pk, code in (
        Assessment.objects.filter(registration__round=round_)
        .order_by("pk")
        .values_list("pk", "registration__unit__province__code")
    ):
        if len(by_province[code]) < ASSESSMENTS_PER_PROVINCE:
            by_province[code].append(pk)
    return [{"username": name, "assessments": by_province[name.split(".")[2]]} for name in chosen]


def _existing(usernames: list[str]) -> list[str]:
    """Those of ``usernames`` that are active accounts, in the given order."""
    found = set(
        User.objects.filter(username__in=usernames, is_active=True).values_list(
            "username", flat=True
        )
    )
    return [name for name in usernames if name in found]


def _locust_run(
    *,
    users: int,
    seconds: int,
    spawn_rate: float,
    host: str,
    work_dir: Path,
    classes: list[str],
    env: dict[str, str],
) -> None:
    """locust headless until ``seconds`` after the last sign-in (the locustfile stops it; the
    run time is only a bound); LoadRefused if it broke down."""
    run_time = math.ceil(users / spawn_rate) + seconds + SIGN_IN_BOUND
    command = [
        sys.executable,
        "-m",
        "locust",
        f"--locustfile={LOCUSTFILE}",
        "--headless",
        f"--users={users}",
        f"--spawn-rate={spawn_rate}",
        f"--run-time={run_time}s",
        f"--host={host}",
        f"--csv={work_dir / 'locust'}",
        f"--stop-timeout={STOP_TIMEOUT}",
        "--only-summary",
        "--loglevel=WARNING",
        *classes,
    ]
    with (work_dir / "locust.log").open("w") as log:
        done = subprocess.run(
            command,
            env=os.environ | env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=run_time + STOP_TIMEOUT + 120,
        )
    # 1: some requests failed (counted in the summary); anything else: locust itself failed.
    if done.returncode not in (0, 1) or not Path(env["LOAD_SUMMARY"]).exists():
        raise LoadRefused(f"locust ended with status {done.returncode}: see {log.name}")


def _kind(numbers: dict) -> KindNumbers:
    return KindNumbers(**{**numbers, "throughput": round(numbers["throughput"], 1)})
