"""Fault tests: real processes killed, a database restarted under a server, two officers
writing at once. Tests marked ``postgres_only`` are left out of the SQLite run (see
tests/conftest.py)."""

import pytest

from tests.conftest import cluster_key

from .processes import Database, database_create, kieumau, kieumau_env


@pytest.fixture
def cluster(request):
    """The --postgres cluster, or None on SQLite."""
    return request.config.stash.get(cluster_key, None)


@pytest.fixture
def site_database(tmp_path, cluster) -> tuple[Database, dict[str, str]]:
    """A database of its own, migrated and set up like ``make run`` (maps, default criteria,
    demo accounts), and the environment of ``kieumau`` processes on it."""
    database = database_create(tmp_path, cluster)
    env = kieumau_env(tmp_path, database)
    kieumau(env, "migrate", "--no-input", "-v", "0")
    kieumau(env, "setup")
    return database, env
