"""Browser tests: Playwright driving Debian's Chromium against a served Kiểu Mẫu.

On SQLite the site gets its own database file; with ``--postgres`` its own database in the
throwaway cluster. Screenshots go to ``test-artifacts/screenshots/<database>/`` (or
``$KIEUMAU_TEST_ARTIFACTS``). Without Chromium the tests are skipped, except under CI=true,
where that is an error.
"""

import os
import shutil
import uuid
from pathlib import Path

import pytest

from tests.conftest import cluster_key

from .site import Site, site_start

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    path = os.environ.get("KIEUMAU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).exists():
        return path
    message = "Chromium not found (apt-get install chromium, or set KIEUMAU_CHROMIUM)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}: CI needs the browser tests", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Site:
    """A site set up like ``make run``: maps, default criteria, demo accounts and demo data."""
    directory = tmp_path_factory.mktemp("site")
    cluster = request.config.stash.get(cluster_key, None)
    if cluster is None:
        database_url = f"sqlite:///{directory / 'kieumau.sqlite3'}"
    else:
        database_url = _postgres_database(cluster)
    served = site_start(directory, database_url=database_url)
    yield served
    served.stop()


@pytest.fixture(scope="session")
def screenshots(request) -> Path:
    database = "postgresql" if request.config.getoption("postgres") else "sqlite"
    root = Path(os.environ.get("KIEUMAU_TEST_ARTIFACTS", REPO / "test-artifacts"))
    directory = root / "screenshots" / database
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def _postgres_database(cluster) -> str:
    import psycopg

    name = f"site_{uuid.uuid4().hex[:8]}"
    dsn = f"host={cluster.host} port={cluster.port} user={cluster.user} dbname={cluster.dbname}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{cluster.user}@{cluster.host}:{cluster.port}/{name}"


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) at laptop size, in Vietnamese."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
