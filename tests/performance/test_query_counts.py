"""Every page answers with as many database queries at the large size as at the small one.

Each case of pages.py (a page, its Excel export, its htmx fragment, an API list or detail, a
protected file, an admin page) is requested by the role that uses it at both sizes of
sizes.py, and its queries are counted; the counts must be equal, and when they are not the
failure lists each statement whose number changed. A URL name that is neither a case nor
listed as write-only fails the test, as in tests/security/test_headers.py.
"""

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.fixtures import TwoFactorClient
from tests.security.test_headers import ROUTES, url_names

from .pages import ADMIN_DELETE, CASES, LISTING, WRITE_ONLY, Case
from .sizes import LARGE, SMALL, Dataset, dataset_build, dataset_census

# The measures are taken once, by the module's fixture; the mark makes pytest-django set the
# test database up (it only creates the databases that marked tests use).
pytestmark = pytest.mark.django_db

# Pages whose count grows with the data, in code this work may not change: see each reason.
GROWING: dict[str, str] = {}  # case id → why its count grows (a strict xfail)


@dataclass(frozen=True)
class Measure:
    path: str
    status: int
    queries: tuple[str, ...]
    length: int  # of the body


@dataclass(frozen=True)
class Measured:
    census: dict[str, dict]  # size → rows of each kind
    sizes: dict[str, dict[str, Measure]]  # size → case id → measure
    writes: dict[str, tuple[int, str]]  # write-only name → status of a GET, path


def _user(data: Dataset, role: str):
    people = data.people
    return {
        "ward": people.ward_own,
        "province": people.province_own,
        "ministry": people.ministry,
        "viewer": people.viewer,
        "superuser": data.superuser,
        "anonymous": None,
    }[role]


def _get(data: Dataset, url: str, user, *, bearer: bool, second_factor: bool, **headers):
    """The response to one GET, its queries and its length, in a savepoint rolled back after
    it: every request meets the same rows (a page that writes, such as the authenticator
    set-up, writes afresh each time) and an empty cache (rate-limit counters; a cached figure
    is computed, not read)."""
    if bearer:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {data.bearer(user)}"
    with transaction.atomic():
        client = TwoFactorClient() if second_factor else Client()
        if user is not None and not bearer:
            client.force_login(user)
        cache.clear()
        connection.queries_log.clear()  # the log keeps 9,000 queries: counted from empty
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
            # A file is read to the end, as a browser does.
            body = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    assert len(queries) < connection.queries_limit, f"{url}: more queries than the log keeps"
    return response, tuple(query["sql"] for query in queries), len(body)


def _measure(data: Dataset, case: Case, *, warm: bool) -> Measure:
    url = reverse(case.name, kwargs=case.kwargs(data) or None)
    url = f"{url}?{case.query}" if case.query else url
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": case.htmx_target}
    headers = headers if case.htmx_target else {}
    options = {"bearer": case.bearer, "second_factor": case.second_factor}
    user = _user(data, case.role)
    if warm:  # once: the process's caches (content types, templates) fill on a first request
        _get(data, url, user, **options, **headers)
    response, queries, length = _get(data, url, user, **options, **headers)
    return Measure(url.partition("?")[0], response.status_code, queries, length)


def _write_only_answer(data: Dataset, name: str) -> tuple[int, str]:
    """The status of a GET to a write-only name, asked as test_headers does, and its path."""
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(data) or None)
    user = getattr(data.people, route.role)
    response, _, _ = _get(data, url, user, bearer=route.bearer, second_factor=True)
    return response.status_code, url


@pytest.fixture(scope="module")
def measured(reference_data, django_db_blocker, tmp_path_factory) -> Measured:
    """Each size built in its own transaction, measured, then rolled back."""
    admin_map = reference_data["2025-07"]
    census, sizes, writes = {}, {}, {}
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        for size in (SMALL, LARGE):
            with transaction.atomic():
                translation.activate(settings.LANGUAGE_CODE)
                data = dataset_build(admin_map, size)
                census[size.name] = dataset_census(data)
                warm = size is SMALL
                sizes[size.name] = {case.id: _measure(data, case, warm=warm) for case in CASES}
                if size is SMALL:
                    writes = {name: _write_only_answer(data, name) for name in WRITE_ONLY}
                transaction.set_rollback(True)
    translation.activate(settings.LANGUAGE_CODE)
    return Measured(census, sizes, writes)


def test_every_url_name_is_measured_or_only_changes_something():
    names, measured_names = url_names(), {case.name for case in CASES}
    apart = WRITE_ONLY | ADMIN_DELETE

    assert sorted(names - measured_names - apart) == []
    assert sorted((measured_names | apart) - names) == []
    assert sorted(measured_names & apart) == []
    assert len({case.id for case in CASES}) == len(CASES)
    assert sorted(GROWING.keys() - {case.id for case in CASES}) == []


def test_write_only_names_refuse_a_get_or_share_the_address_of_a_measured_one(measured):
    paths = {measure.path for measure in measured.sizes[SMALL.name].values()}
    wrong = {
        name: (status, url)
        for name, (status, url) in measured.writes.items()
        if status != 405 and url not in paths
    }

    assert wrong == {}


def test_the_large_size_holds_more_of_everything(measured):
    assert measured.census == {
        "small": {
            "criteria": 4,
            "groups": 1,
            "provinces": 1,
            "registrations": 6,
            "states": {state: 1 for state in STATES},
            "reviewed results": 5,
            "evidence": 6,
            "action items": 6,
            "transitions": 10,
            "recognitions": 1,
            "resources": 6,
            "documents": 1,
            "good practices": 1,
            "photos": 1,
            "sign-in events": 3,
            "audit entries": 182,
            "own transitions": 2,
            "own API keys": 1,
        },
        "large": {
            "criteria": 22,
            "groups": 5,
            "provinces": 3,
            "registrations": 33,
            "states": dict(zip(STATES, (5, 6, 5, 5, 6, 6), strict=True)),
            "reviewed results": 84,
            "evidence": 297,
            "action items": 99,
            "transitions": 59,
            "recognitions": 5,
            "resources": 33,
            "documents": 9,
            "good practices": 3,
            "photos": 9,
            "sign-in events": 9,
            "audit entries": 2315,
            "own transitions": 6,
            "own API keys": 3,
        },
    }


STATES = ("draft", "province_approved", "recognised", "rejected", "returned", "submitted")


def test_the_pages_that_list_rows_are_longer_at_the_large_size(measured):
    small, large = measured.sizes[SMALL.name], measured.sizes[LARGE.name]
    listing = [case.id for case in CASES if case.name in LISTING]
    not_longer = {
        case_id: (small[case_id].length, large[case_id].length)
        for case_id in listing
        if large[case_id].length <= small[case_id].length
    }

    assert len(listing) > len(LISTING)
    assert not_longer == {}


def normalised(sql: str) -> str:
    """The statement without its literal values: one shape per query, whatever row it reads."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r'SAVEPOINT "\w+"', "SAVEPOINT ?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"IN \((?:\?, )*\?\)", "IN (…)", sql)


def query_difference(small: tuple[str, ...], large: tuple[str, ...]) -> str:
    """Each statement whose number differs, ``small× → large×  SQL``, the most grown first."""
    few, many = Counter(map(normalised, small)), Counter(map(normalised, large))
    changed = [sql for sql in few.keys() | many.keys() if few[sql] != many[sql]]
    changed.sort(key=lambda sql: (-abs(many[sql] - few[sql]), sql))
    return "\n".join(f"{few[sql]}× → {many[sql]}×  {sql}" for sql in changed)


def _param(case: Case):
    reason = GROWING.get(case.id)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_the_query_count_does_not_grow_with_the_data(measured, case):
    small, large = measured.sizes[SMALL.name][case.id], measured.sizes[LARGE.name][case.id]
    few, many = len(small.queries), len(large.queries)
    print(f"{case.id}: {small.status}, {few} → {many} queries")  # shown by pytest -rA

    assert small.status == large.status
    assert small.status == case.status or (case.status is None and small.status < 500)
    assert many == few, f"{case.id}: {few} queries small, {many} large\n" + query_difference(
        small.queries, large.queries
    )
