"""pg_dump and pg_restore: which binaries, how they connect, and whether they are new enough.

The binaries come from ``settings.PG_BINDIR`` (env ``PG_BINDIR``) when set, else from
``PATH``, else from the newest ``/usr/lib/postgresql/<version>/bin`` (Debian keeps the newer
client versions there). A pg_dump older than the server cannot dump it, so an older one on
``PATH`` is passed over for a newer one. Credentials go through the environment (PGPASSWORD),
never the command line, where any user of the machine could read them.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from kieumau.core.backup.manifest import BackupError

DEBIAN_INSTALL_ROOT = Path("/usr/lib/postgresql")
OUTPUT_SHOWN = 2000  # characters of a failed tool's error output shown to the operator

# settings_dict["OPTIONS"] keys that libpq also reads from the environment.
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def tool_find(name: str, *, at_least: int) -> tuple[Path, str]:
    """The ``name`` binary (pg_dump, pg_restore) of major version ``at_least`` or newer, and its
    version line; BackupError when there is none."""
    configured = getattr(settings, "PG_BINDIR", "") or ""
    if configured:
        candidates = [Path(configured) / name]
    else:
        on_path = shutil.which(name)
        candidates = [Path(on_path)] if on_path else []
        installed = [d for d in DEBIAN_INSTALL_ROOT.glob("*") if re.fullmatch(r"\d+", d.name)]
        installed.sort(key=lambda d: int(d.name), reverse=True)
        candidates += [d / "bin" / name for d in installed]
    found = []
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        version = tool_version(candidate)
        if version_major(version) >= at_least:
            return candidate, version
        found.append(f"{candidate} ({version})")
    where = configured or "PATH, " + str(DEBIAN_INSTALL_ROOT / "*" / "bin")
    raise BackupError(
        _(
            "No %(name)s of PostgreSQL %(major)s or newer was found in %(where)s (found: "
            "%(found)s). Install the PostgreSQL client of the server's version or set PG_BINDIR."
        )
        % {"name": name, "major": at_least, "where": where, "found": ", ".join(found) or "-"}
    )


def tool_version(binary: Path) -> str:
    result = subprocess.run(
        [str(binary), "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    return result.stdout.strip() or result.stderr.strip()


def version_major(version: str) -> int:
    """16 for "pg_dump (PostgreSQL) 16.4 (Debian …)"; 0 when there is no version number."""
    match = re.search(r"\)\s*(\d+)", version) or re.search(r"(\d+)", version)
    return int(match.group(1)) if match else 0


def server_major(connection: BaseDatabaseWrapper) -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def connection_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The environment that points libpq at the same database as Django's connection."""
    config = connection.settings_dict
    environment = dict(os.environ)
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if config.get(key):
            environment[variable] = str(config[key])
    for option, variable in OPTION_VARIABLES.items():
        if config.get("OPTIONS", {}).get(option):
            environment[variable] = str(config["OPTIONS"][option])
    return environment


def tool_run(command: list[str], connection: BaseDatabaseWrapper, failure: str) -> None:
    """Run a PostgreSQL client tool against Django's database; BackupError with its output."""
    try:
        result = subprocess.run(
            command,
            env=connection_environment(connection),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BackupError(f"{failure}: {error}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()[-OUTPUT_SHOWN:]
        raise BackupError(f"{failure} (exit code {result.returncode}):\n{output}")
