"""Real ``kieumau`` processes on a database of their own, and what the test sees of them.

``Database`` is a fresh SQLite file (under the test's tmp_path) or a fresh database in the
``--postgres`` cluster; the test process reads it with the plain driver (sqlite3, psycopg),
never through Django, so that what it sees is what any other client would see.
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Database:
    url: str
    sqlite_path: Path | None = None  # None: PostgreSQL
    dsn: str = ""  # PostgreSQL connection string
    name: str = ""

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    def rows(self) -> dict[str, list[tuple]]:
        """Every row of every table, each table's rows sorted: a snapshot to compare."""
        with self._connect() as connection:
            tables = self._tables(connection)
            snapshot = {}
            for table in tables:
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
                snapshot[table] = sorted((tuple(row) for row in rows), key=repr)
        return snapshot

    def write_transaction_open(self) -> bool:
        """Whether another client holds an open transaction that has written (PostgreSQL) or
        holds the write lock (SQLite: no other writer can begin)."""
        if self.is_sqlite:
            connection = sqlite3.connect(self.sqlite_path, timeout=0, isolation_level=None)
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if "locked" in str(error):
                    return True
                raise
            else:
                connection.execute("ROLLBACK")
                return False
            finally:
                connection.close()
        with self._connect() as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
                (self.name,),
            ).fetchone()
        return count > 0

    def _connect(self):
        if self.is_sqlite:
            return _SqliteReader(self.sqlite_path)
        import psycopg

        return psycopg.connect(self.dsn, autocommit=True)

    def _tables(self, connection) -> list[str]:
        if self.is_sqlite:
            query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        else:
            query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        return [name for (name,) in connection.execute(query).fetchall()]


class _SqliteReader:
    """sqlite3 connection as a context manager that closes (sqlite3's own only commits)."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc_info: object) -> None:
        self.connection.close()


def database_create(directory: Path, cluster) -> Database:
    """A new empty database: a SQLite file in ``directory``, or one in the cluster."""
    if cluster is None:
        path = directory / "kieumau.sqlite3"
        return Database(url=f"sqlite:///{path}", sqlite_path=path)
    import psycopg

    name = f"faults_{uuid.uuid4().hex[:8]}"
    server = f"host={cluster.host} port={cluster.port} user={cluster.user}"
    with psycopg.connect(f"{server} dbname={cluster.dbname}", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return Database(
        url=f"postgres://{cluster.user}@{cluster.host}:{cluster.port}/{name}",
        dsn=f"{server} dbname={name}",
        name=name,
    )


def kieumau_env(directory: Path, database: Database, **extra: str) -> dict[str, str]:
    """The environment of a ``kieumau`` process on ``database`` with its data in ``directory``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env |= {
        "KIEUMAU_DATA_DIR": str(directory),
        "DATABASE_URL": database.url,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "kieumau.settings",
        "PYTHONPATH": os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        **extra,
    }
    return env


def kieumau(env: dict[str, str], *args: str) -> str:
    """Run ``python -m kieumau ARGS`` to its end; its output, or RuntimeError with it."""
    return _run(env, "kieumau", *args)


def scenario(env: dict[str, str], *args: str) -> str:
    """Run a step of tests/faults/scenario.py in its own process; its JSON output."""
    return _run(env, "tests.faults.scenario", *args)


def _run(env: dict[str, str], module: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", module, *args], env=env, cwd=REPO, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout
