"""A throwaway PostgreSQL cluster for ``pytest --postgres`` and ``make bench``.

``TemporaryCluster`` runs ``initdb`` in a fresh temporary directory, starts the server on a free
port on 127.0.0.1 and, on exit, stops it and deletes the directory. The server binaries are found
by ``find_bindir``: ``KIEUMAU_PG_BINDIR`` if set (pick a version, or point it at an empty
directory to see what happens without PostgreSQL), else ``pg_ctl`` on ``PATH``, else the newest
``/usr/lib/postgresql/<version>/bin`` (Debian keeps the server binaries off ``PATH``).

PostgreSQL refuses to run as root, so when the tests run as root (CI) the cluster runs as the
unprivileged user ``nobody``, which owns the temporary directory.
"""

import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Self

from kieumau.core.ports import free_port

BINDIR_ENV = "KIEUMAU_PG_BINDIR"
BINARIES = ("initdb", "pg_ctl", "postgres")
DEBIAN_INSTALL_ROOT = Path("/usr/lib/postgresql")
UNPRIVILEGED_USER = "nobody"

# Durability is pointless for a cluster that is deleted after the run.
FAST_UNSAFE_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class ClusterError(RuntimeError):
    """The cluster could not be created, started or stopped."""


def find_bindir() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None if there is none."""
    override = os.environ.get(BINDIR_ENV)
    if override:
        candidates = [Path(override)]
    else:
        pg_ctl = shutil.which("pg_ctl")
        candidates = [Path(pg_ctl).parent] if pg_ctl else []
        installed = [
            d for d in DEBIAN_INSTALL_ROOT.glob("*") if re.fullmatch(r"\d+(\.\d+)*", d.name)
        ]
        installed.sort(key=lambda d: [int(part) for part in d.name.split(".")], reverse=True)
        candidates += [version / "bin" for version in installed]
    return next((d for d in candidates if _has_binaries(d)), None)


def _has_binaries(directory: Path) -> bool:
    return all(os.access(directory / name, os.X_OK) for name in BINARIES)


class TemporaryCluster:
    """A PostgreSQL server in a temporary directory: trust auth, superuser ``postgres``.

    Use as a context manager, or call ``start()`` and ``stop()``; ``stop()`` is idempotent.
    ``restart()`` restarts the server under its clients (fault tests).
    """

    host = "127.0.0.1"
    user = "postgres"
    dbname = "postgres"

    def __init__(self, bindir: Path, *, durable: bool = False) -> None:
        self.bindir = bindir
        self.durable = durable  # the benchmark measures a server that really writes to disk
        self.port = 0
        self.directory: Path | None = None
        self.start_seconds = self.stop_seconds = 0.0
        self._owner = pwd.getpwnam(UNPRIVILEGED_USER) if os.geteuid() == 0 else None

    @property
    def data_dir(self) -> Path:
        assert self.directory is not None, "cluster not started"
        return self.directory / "data"

    @property
    def log_file(self) -> Path:
        assert self.directory is not None, "cluster not started"
        return self.directory / "server.log"

    def start(self) -> Self:
        started = time.monotonic()
        self.directory = Path(tempfile.mkdtemp(prefix="kieumau-pg-"))
        try:
            if self._owner is not None:
                os.chown(self.directory, self._owner.pw_uid, self._owner.pw_gid)
            self._run(
                "initdb",
                f"--pgdata={self.data_dir}",
                f"--username={self.user}",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
            self.port = free_port()
            settings = {
                "listen_addresses": self.host,
                "port": str(self.port),
                "unix_socket_directories": str(self.directory),
                **({} if self.durable else FAST_UNSAFE_SETTINGS),
            }
            with (self.data_dir / "postgresql.conf").open("a") as conf:
                conf.write("\n# Throwaway cluster (kieumau/core/postgres_cluster.py)\n")
                for name, value in settings.items():
                    quoted = value.replace("'", "''")
                    conf.write(f"{name} = '{quoted}'\n")
            self._run(
                "pg_ctl", "start", "--wait", f"--pgdata={self.data_dir}", f"--log={self.log_file}"
            )
        except BaseException:
            with contextlib.suppress(ClusterError):  # keep the start error, not a stop error
                self.stop()
            raise
        self.start_seconds = time.monotonic() - started
        return self

    def stop(self) -> None:
        if self.directory is None:
            return
        started = time.monotonic()
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run(
                    "pg_ctl", "stop", "--wait", "--mode=immediate", f"--pgdata={self.data_dir}"
                )
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None
            self.stop_seconds = time.monotonic() - started

    def restart(self) -> None:
        """Stop the server, ending every connection (fast mode: open transactions are rolled
        back, clients disconnected), and start it again on the same port and data."""
        assert self.directory is not None, "cluster not started"
        self._run(
            "pg_ctl",
            "restart",
            "--wait",
            "--mode=fast",
            f"--pgdata={self.data_dir}",
            f"--log={self.log_file}",
        )

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run(self, program: str, *args: str) -> None:
        """Run a server binary as the cluster's owner; raise ClusterError with its output."""
        drop_privileges = {}
        if self._owner is not None:
            drop_privileges = {
                "user": self._owner.pw_uid,
                "group": self._owner.pw_gid,
                "extra_groups": [],
            }
        command = [str(self.bindir / program), *args]
        result = subprocess.run(
            command,
            cwd=self.directory,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            **drop_privileges,
        )
        if result.returncode != 0:
            message = f"{' '.join(command)} failed with exit code {result.returncode}"
            if self._owner is not None:
                message += f" (run as user {self._owner.pw_name})"
            message += f":\n{result.stdout}{result.stderr}"
            if self.log_file.exists():
                message += f"\nServer log:\n{self.log_file.read_text(errors='replace')}"
            raise ClusterError(message)
