"""Shared test configuration.

``pytest`` runs the suite on SQLite; ``pytest --postgres`` runs it on a throwaway PostgreSQL
cluster that the suite starts and stops itself (see kieumau/core/postgres_cluster.py). With
``-n`` (pytest-xdist, as ``make test`` runs it) each worker has its own test database, and under
``--postgres`` its own cluster.
"""

import os
from pathlib import Path

import pytest

from kieumau.core.postgres_cluster import BINDIR_ENV, ClusterError, TemporaryCluster, find_bindir

pytest_plugins = ["tests.fixtures"]

# Run first, so that the long subprocess tests do not end the run on one worker while the other
# waits (without -n they merely move: neither uses the test database).
LONG_TESTS_FIRST = ("tests/test_make_run.py::", "tests/faults/test_import_killed.py::")

cluster_key = pytest.StashKey[TemporaryCluster]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run the tests on a throwaway PostgreSQL cluster instead of SQLite",
    )


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Argon2 at production cost takes 0.1-0.4 s a hash: only the tests of hashing pay it.
    settings.PASSWORD_HASHERS = ["tests.fixtures.FastArgon2PasswordHasher"]
    if config.getoption("postgres") and not config.getoption("help"):
        if _xdist_controller(config):
            _postgres_bindir()  # the workers start a cluster each: fault tests restart theirs
        else:
            config.stash[cluster_key] = _start_postgres()


def pytest_unconfigure(config: pytest.Config) -> None:
    if cluster_key in config.stash:
        config.stash[cluster_key].stop()


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    if _xdist_controller(config):
        engine = "postgresql" if config.getoption("postgres") else "sqlite3"
        return f"database: {engine}, one test database per worker"
    header = f"database: {settings.DATABASES['default']['ENGINE']}"
    if cluster_key in config.stash:
        cluster = config.stash[cluster_key]
        header += (
            f" (throwaway cluster on {cluster.host}:{cluster.port}, {cluster.bindir},"
            f" started in {cluster.start_seconds:.1f}s)"
        )
    return header


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]):
    # Before xdist reads the groups: one worker runs every browser test, so the site (set up
    # like `make run`) is served once.
    browser = Path(__file__).parent / "browser"
    for item in items:
        if browser in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("browser"))
    result = yield
    # postgres_only: deselected (not skipped) on SQLite, so every test of --postgres really runs.
    if not items or not items[0].config.getoption("postgres"):
        kept = [item for item in items if not item.get_closest_marker("postgres_only")]
        if len(kept) != len(items):
            items[0].config.hook.pytest_deselected(
                items=[item for item in items if item.get_closest_marker("postgres_only")]
            )
            items[:] = kept
    # After pytest-django's order (database tests first, transactional ones after them).
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_TESTS_FIRST))
    return result


def _xdist_controller(config: pytest.Config) -> bool:
    """Whether this process hands the tests out to xdist workers instead of running them."""
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def _postgres_bindir() -> Path:
    """Where the PostgreSQL server binaries are, or end the run (an error under CI=true)."""
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
    return bindir


def _start_postgres() -> TemporaryCluster:
    """Start the cluster and make it Django's default database, or end the run."""
    bindir = _postgres_bindir()

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
