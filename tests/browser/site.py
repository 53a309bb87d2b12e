"""A real Kiểu Mẫu server for browser tests: its own data directory and database, set up with
the same commands as ``make run`` (migrate, setup, demo), served by a separate process."""

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kieumau.core.ports import free_port


@dataclass
class Site:
    url: str
    env: dict[str, str]
    process: subprocess.Popen
    log: Path

    def kieumau(self, *args: str) -> str:
        """Run a ``kieumau`` command against the site's database; returns its output."""
        return _kieumau(self.env, *args)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def site_start(directory: Path, *, database_url: str) -> Site:
    """Migrate and set up a fresh database under ``directory`` and serve it on a free port."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env |= {"KIEUMAU_DATA_DIR": str(directory), "DATABASE_URL": database_url, "DEBUG": "true"}
    _kieumau(env, "migrate", "--no-input", "-v", "0")
    _kieumau(env, "setup")
    _kieumau(env, "demo")
    port = free_port()
    log = directory / "server.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "kieumau", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    site = Site(f"http://127.0.0.1:{port}", env, process, log)
    _wait_until_serving(site)
    return site


def _kieumau(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kieumau", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"kieumau {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_until_serving(site: Site) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{site.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{site.url}/login/", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    site.stop()
    raise RuntimeError(f"the server did not answer:\n{site.log.read_text()[-3000:]}")
