"""kieumau bench [--scale S] [--samples N] [--users 50,100,200] [--think 5,15] [--seconds 60]
[--no-load]

On the configured PostgreSQL database (empty of rounds, or ``--reuse`` a built one) or, when the
configured database is SQLite, on a throwaway PostgreSQL cluster that it starts and deletes.
"""

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from rich.console import Console

from kieumau.core.postgres_cluster import ClusterError, TemporaryCluster, find_bindir

DEFAULT_OUTPUT = Path("bench/results")


def _levels(text: str) -> list[int]:
    try:
        levels = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--users: «{text}» is not a list of numbers like 50,100,200") from None
    if not levels or min(levels) < 1:
        raise CommandError("--users: give one or more positive numbers, like 50,100,200")
    return levels


def _think(text: str) -> tuple[float, float]:
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise CommandError(f"--think: «{text}» is not two numbers of seconds like 5,15") from None
    if not 0 <= low <= high:
        raise CommandError("--think: the shortest pause first, neither below 0, like 5,15")
    return low, high


class Command(BaseCommand):
    help = "Đo hiệu năng ở quy mô toàn quốc / benchmark at national scale (docs/performance.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="phần xã/phường được đăng ký (mặc định 1)"
        )
        parser.add_argument(
            "--samples", type=int, default=40, help="số lần đo mỗi trang (mặc định 40)"
        )
        parser.add_argument("--users", default="50,100,200", help="số người dùng đồng thời")
        parser.add_argument(
            "--think", default="5,15", help="khoảng nghỉ giữa hai thao tác, giây (mặc định 5,15)"
        )
        parser.add_argument("--seconds", type=int, default=60, help="thời gian mỗi mức tải")
        parser.add_argument("--no-load", action="store_true", help="bỏ phần thử tải")
        parser.add_argument(
            "--reuse", action="store_true", help="dùng lại dữ liệu đã dựng trong CSDL này"
        )
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="thư mục JSON")

    def handle(self, *args, **options) -> None:
        if not 0 < options["scale"] <= 1:
            raise CommandError("--scale: a fraction in (0, 1], e.g. 0.1 for a tenth of the country")
        if options["samples"] < 5:
            raise CommandError("--samples: at least 5, for a p95 that means something")
        if options["seconds"] < 5:
            raise CommandError("--seconds: at least 5 per load level")
        levels = _levels(options["users"])
        think = _think(options["think"])
        if connection.vendor != "postgresql":
            return self._on_throwaway_cluster(options)
        if settings.DEBUG:
            raise CommandError(
                "Run the benchmark with DEBUG=false: with DEBUG on, templates are not cached "
                "and every query is kept in memory, so the numbers would not be production's."
            )
        from kieumau.bench.run import bench_run

        console = Console(stderr=True)
        results = bench_run(
            scale=options["scale"],
            samples=options["samples"],
            users=levels,
            think_seconds=think,
            seconds=options["seconds"],
            load=not options["no_load"],
            reuse=options["reuse"],
            console=console,
            output=options["output"],
        )
        path = results.write(options["output"])
        from kieumau.bench.results import results_print

        results_print(results, Console(width=110))
        self.stdout.write(f"Kết quả / results: {path}")

    def _on_throwaway_cluster(self, options: dict) -> None:
        """Start a durable PostgreSQL cluster, prepare it and run this command against it."""
        bindir = find_bindir()
        if bindir is None:
            raise CommandError(
                "The benchmark runs on PostgreSQL: install its server (Debian: postgresql) or set "
                "DATABASE_URL to an empty PostgreSQL database."
            )
        self.stderr.write(f"Cụm PostgreSQL tạm / throwaway PostgreSQL cluster ({bindir})…")
        try:
            cluster = TemporaryCluster(bindir, durable=True).start()
        except ClusterError as error:
            raise CommandError(f"PostgreSQL did not start: {error}") from None
        try:
            with tempfile.TemporaryDirectory(prefix="kieumau-bench-") as work:
                env = {
                    **os.environ,
                    "DATABASE_URL": (
                        f"postgres://{cluster.user}@{cluster.host}:{cluster.port}/{cluster.dbname}"
                    ),
                    "MEDIA_ROOT": str(Path(work) / "media"),
                    "DEBUG": "false",
                    "SECRET_KEY": os.environ.get("SECRET_KEY") or os.urandom(32).hex(),
                    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                    "SECURE_SSL_REDIRECT": "false",
                    "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
                }
                kieumau = [sys.executable, "-m", "kieumau"]
                arguments = [
                    f"--scale={options['scale']}",
                    f"--samples={options['samples']}",
                    f"--users={options['users']}",
                    f"--think={options['think']}",
                    f"--seconds={options['seconds']}",
                    f"--output={options['output'].resolve()}",
                    *(["--no-load"] if options["no_load"] else []),
                ]
                for step in (
                    ["migrate", "--no-input"],
                    ["setup", "--no-demo"],
                    ["bench", *arguments],
                ):
                    subprocess.run([*kieumau, *step], env=env, check=True)
        except subprocess.CalledProcessError as error:
            raise CommandError(
                f"{' '.join(error.cmd[2:4])} failed (exit {error.returncode})"
            ) from None
        finally:
            cluster.stop()
        self.stderr.write(f"Xong / done at {datetime.now():%H:%M:%S}")
