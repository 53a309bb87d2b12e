"""gunicorn serving Kiểu Mẫu as in production, on a free loopback port, for the load test.

Production settings (DEBUG off, so secure cookies, HSTS and the rest are on); the simulated
officers come "through a reverse proxy that terminates TLS": they send X-Forwarded-Proto https
and their own address in CLIENT_ADDRESS_HEADER, so that the per-address sign-in limit and the
lockout count each officer, as they do behind nginx.
"""

import http.client
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kieumau.core.ports import free_port

HOST = "127.0.0.1"
CLIENT_ADDRESS_HEADER = "X-Real-IP"
# Threaded workers: a request waiting for PostgreSQL (a commit's fsync) leaves the CPU to
# another. 2 cores: 3 processes × 8 threads measured best (docs/performance.md); 24 database
# connections at most, well under PostgreSQL's 100.
WORKERS = 3
THREADS = 8
# Longer than an officer's pause: with gunicorn's 2 s an idle connection is closed just as the
# officer reuses it (reset by peer); nginx in front would keep the browser's for 75 s.
KEEP_ALIVE_SECONDS = 75
READY_SECONDS = 60
STOP_SECONDS = 15


class ServerFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT
    workers: int
    threads: int
    log: Path


def server_env(*, database_url: str, media_root: Path, data_dir: Path) -> dict[str, str]:
    """The environment of a production-like server on ``database_url``."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "kieumau.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "KIEUMAU_DATA_DIR": str(data_dir),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "CLIENT_ADDRESS_HEADER": CLIENT_ADDRESS_HEADER,
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def server_running(
    *,
    database_url: str,
    media_root: Path,
    work_dir: Path,
    workers: int = WORKERS,
    threads: int = THREADS,
) -> Iterator[Server]:
    """gunicorn on a free port, ready to answer; stopped (SIGTERM, then SIGKILL) on exit."""
    port = free_port()
    log = work_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kieumau.wsgi",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--worker-class={'gthread' if threads > 1 else 'sync'}",
        "--preload",  # Django loaded once in the master, then forked
        f"--keep-alive={KEEP_ALIVE_SECONDS}",
        "--timeout=60",
        "--graceful-timeout=10",
        f"--error-logfile={log}",
        "--log-level=warning",
    ]
    env = server_env(database_url=database_url, media_root=media_root, data_dir=work_dir)
    with (work_dir / "gunicorn.out").open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_ready(process, port, log)
        yield Server(url=f"http://{HOST}:{port}", workers=workers, threads=threads, log=log)
    finally:
        _stop(process)


def _wait_ready(process: subprocess.Popen, port: int, log: Path) -> None:
    """Until the site answers a page (any status): every worker has then loaded Django."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"gunicorn ended with status {process.returncode}: see {log}")
        connection = http.client.HTTPConnection(HOST, port, timeout=READY_SECONDS)
        try:
            connection.request(
                "GET",
                "/login/",
                headers={"X-Forwarded-Proto": "https", CLIENT_ADDRESS_HEADER: "10.255.255.254"},
            )
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    _stop(process)
    raise ServerFailed(f"gunicorn did not answer within {READY_SECONDS} s: see {log}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
