"""PostgreSQL restarted under a running server: the same server process keeps answering, the
first request after the restart included, without being restarted itself.

The connection a server keeps between requests (``CONN_MAX_AGE``) is dead after the restart;
``conn_health_checks`` makes Django test it before its first use in a request and reconnect.
Both ways of serving are tried: Django's runserver (a thread per request) and one thread
serving every request (as a synchronous production worker does).
"""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connections

from kieumau.core.ports import free_port

from .processes import REPO, scenario

SERVERS = {
    "runserver": ["-m", "kieumau", "runserver", "--noreload"],
    "one-thread": ["-m", "tests.faults.serve"],
}
PATHS = ["/api/v1/me", "/api/v1/maps", "/api/v1/rounds"]


@pytest.mark.slow
@pytest.mark.django_db(databases=[])
@pytest.mark.postgres_only
@pytest.mark.parametrize("server", SERVERS)
def test_server_keeps_answering_after_postgresql_restarts(site_database, cluster, tmp_path, server):
    _database, env = site_database
    key = json.loads(scenario(env, "api-key", "bocongan"))["key"]
    port = free_port()
    address = f"127.0.0.1:{port}" if server == "runserver" else str(port)
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [sys.executable, *SERVERS[server], address],
        env=env,
        cwd=REPO,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(process, base, log)
        before = [_get(base + path, key) for path in PATHS]

        cluster.restart()
        connections.close_all()  # this process's own connections died with the restart too

        after = [_get(base + path, key) for path in PATHS]
        again = [_get(base + path, key) for path in PATHS]
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert before[0] == (200, {**before[0][1], "username": "bocongan"})
    assert [status for status, _body in before] == [200, 200, 200]
    assert after == before
    assert again == before
    assert process.returncode is not None


def _get(url: str, key: str) -> tuple[int, object]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _wait_until_serving(process: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/login/", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer:\n{log.read_text()[-3000:]}")
