"""Shared test configuration.

``pytest`` runs the suite on SQLite; ``pytest --postgres`` runs it on a throwaway PostgreSQL
cluster that the suite starts and stops itself (see postgres_cluster.py).
"""

import os

import pytest

from .postgres_cluster import BINDIR_ENV, ClusterError, TemporaryCluster, find_bindir

pytest_plugins = ["tests.fixtures"]

# ---- pytest --postgres -----------------------------------------------------------------------

cluster_key = pytest.StashKey[TemporaryCluster]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run the tests on a throwaway PostgreSQL cluster instead of SQLite",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("postgres") and not config.getoption("help"):
        config.stash[cluster_key] = _start_postgres()


def pytest_unconfigure(config: pytest.Config) -> None:
    if cluster_key in config.stash:
        config.stash[cluster_key].stop()


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    header = f"database: {settings.DATABASES['default']['ENGINE']}"
    if cluster_key in config.stash:
        cluster = config.stash[cluster_key]
        header += (
            f" (throwaway cluster on {cluster.host}:{cluster.port}, {cluster.bindir},"
            f" started in {cluster.start_seconds:.1f}s)"
        )
    return header


def _start_postgres() -> TemporaryCluster:
    """Start the cluster and make it Django's default database, or end the run."""
    bindir = find_bindir()
    if bindir is None:
        hint = f"install the postgresql package or set {BINDIR_ENV}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.exit(
                f"PostgreSQL server binaries not found, and CI needs them: {hint}",
                returncode=pytest.ExitCode.USAGE_ERROR,
            )
        pytest.exit(
            f"PostgreSQL server binaries not found: PostgreSQL tests skipped ({hint})",
            returncode=pytest.ExitCode.OK,
        )

    from django.conf import settings
    from django.db import connections

    # pytest-django has already set Django up, which creates the default connection object
    # (models ask it for the longest table name) without connecting. Replace it before it does.
    stale = connections.all(initialized_only=True)
    if opened := [conn.alias for conn in stale if conn.connection is not None]:
        raise pytest.UsageError(f"--postgres: database connections opened too early: {opened}")

    try:
        cluster = TemporaryCluster(bindir).start()
    except ClusterError as error:
        pytest.exit(
            f"PostgreSQL test cluster failed to start: {error}",
            returncode=pytest.ExitCode.INTERNAL_ERROR,
        )
    settings.DATABASES["default"] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": cluster.dbname,
        "USER": cluster.user,
        "HOST": cluster.host,
        "PORT": cluster.port,
    }
    del connections.settings  # cached by connections.all(); re-read from the new DATABASES
    for conn in stale:
        del connections[conn.alias]
    return cluster
