"""The suite runs on the database it was asked for: SQLite, or PostgreSQL with --postgres."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_requested_database(request: pytest.FixtureRequest) -> None:
    if not request.config.getoption("postgres"):
        assert connection.vendor == "sqlite"
        return

    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_setting('server_version')")
        database, server_version = cursor.fetchone()
    # pytest-django created the test database on the throwaway cluster and migrated it; under
    # pytest -n one per worker (test_postgres_gw0, ...), each worker on a cluster of its own.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    assert database == (f"test_postgres_{worker}" if worker else "test_postgres")
    assert server_version
    assert "django_migrations" in connection.introspection.table_names()
