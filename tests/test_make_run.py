"""`make run` from a fresh clone installs, loads the reference data and serves the site."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from kieumau.core.ports import free_port

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_clone(tmp_path, request):
    if request.config.getoption("postgres"):
        pytest.skip("make run uses the embedded SQLite database; covered by the SQLite run")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "kieumau"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    return clone


def _serve(clone: Path, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "DATABASE_URL"}
    }
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return server, port


def _home_page(server: subprocess.Popen, port: int, log: Path) -> str:
    deadline = time.monotonic() + 600  # a cold pip install on a slow machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make run exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(1)
    pytest.fail(f"make run did not serve within the deadline:\n{log.read_text()[-3000:]}")


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


@pytest.mark.slow
def test_make_run_serves_the_site_and_is_safe_to_run_twice(fresh_clone, tmp_path):
    log = tmp_path / "make-run.log"
    for attempt in (1, 2):
        server, port = _serve(fresh_clone, log)
        try:
            page = _home_page(server, port, log)
        finally:
            _stop(server)
        assert "Kiểu Mẫu" in page, f"attempt {attempt}"
        assert "2025-07" in page
    output = log.read_text()
    assert output.count("bocongan") == 2
    assert "(mới tạo)" in output  # first run creates the demo accounts
    assert "(đã có)" in output  # the second finds them
    assert "Danh mục 2025-07: không có gì thay đổi." in output
