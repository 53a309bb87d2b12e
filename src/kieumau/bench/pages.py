"""Server time of the main pages, in process, each against the same run's baseline page.

Each page is requested through Django's whole stack (every middleware, the session, the
template) by a client signed in the way an officer is (password, then the authenticator code),
so the time is the server's own: no network, no WSGI server. Warm-up requests come first.
"""

import statistics
import time
from base64 import b32decode
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import TOTP

from kieumau.bench.accounts import (
    BENCH_PASSWORD,
    BENCH_TOTP_SECRET,
    MINISTRY_OFFICERS,
    PROVINCE_OFFICERS_PER_PROVINCE,
    ministry_username,
    province_username,
    ward_username,
)
from kieumau.bench.timing import percentile

WARM_UP = 3


class SignInFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class PageTiming:
    name: str
    url: str
    username: str
    samples: int
    median_ms: float
    p95_ms: float
    queries: int
    ratio_to_baseline: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    username: str
    before_each: Callable[[], None] | None = None  # e.g. drop a cache, to time the cold page


def signed_in_client(username: str) -> Client:
    """A client that signed in as ``username`` through the login and verification forms."""
    client = Client()
    response = client.post(
        reverse("web:login"), {"username": username, "password": BENCH_PASSWORD}, secure=True
    )
    if response.status_code != 302:
        raise SignInFailed(f"{username}: the sign-in form answered {response.status_code}")
    # The verification page lets through at once an officer without an authenticator.
    totp = TOTP(b32decode(BENCH_TOTP_SECRET))
    response = client.post(
        reverse("web:two-factor-verify"), {"code": f"{totp.token():06d}"}, secure=True
    )
    if response.status_code != 302:
        raise SignInFailed(f"{username}: the verification form answered {response.status_code}")
    return client


def page_time(page: Page, client: Client, *, samples: int) -> PageTiming:
    """Median and p95 of ``samples`` requests after the warm-up; the query count of one."""
    for _ in range(WARM_UP):
        _get(client, page)
    durations = []
    for _ in range(samples):
        if page.before_each is not None:
            page.before_each()
        started = time.perf_counter()
        _get(client, page)
        durations.append((time.perf_counter() - started) * 1000)
    if page.before_each is not None:
        page.before_each()
    with CaptureQueriesContext(connection) as queries:
        _get(client, page)
    return PageTiming(
        name=page.name,
        url=page.url,
        username=page.username,
        samples=samples,
        median_ms=round(statistics.median(durations), 2),
        p95_ms=round(percentile(durations, 95), 2),
        queries=len(queries),
    )


def _get(client: Client, page: Page) -> None:
    response = client.get(page.url, secure=True)  # as behind the TLS proxy
    if response.status_code != 200:
        raise RuntimeError(f"{page.name} ({page.url}) answered {response.status_code}")


def pages_time(
    *,
    province_code: str,
    ward_code: str,
    samples: int,
    national_dashboard_cold: Callable[[], None] | None = None,
) -> list[PageTiming]:
    """The pages of issue 8, each timed with ``samples`` requests, with their ratio to the
    baseline (the password page of the same ministry officer: the base layout and nothing else).

    Signs in as the last-numbered bench officers, whom the load test does not use.
    """
    ministry = ministry_username(MINISTRY_OFFICERS)
    province = province_username(province_code, PROVINCE_OFFICERS_PER_PROVINCE)
    ward = ward_username(ward_code)
    pages = [
        Page("baseline", reverse("web:password-change"), ministry),
        Page("national_dashboard", reverse("web:national-dashboard"), ministry),
        Page("province_dashboard", reverse("web:province-dashboard"), province),
        Page("review_queue", reverse("web:province-reviews"), province),
        Page("assessment", reverse("web:ward-assessment"), ward),
    ]
    if national_dashboard_cold is not None:
        pages.append(
            Page(
                "national_dashboard_cold",
                reverse("web:national-dashboard"),
                ministry,
                before_each=national_dashboard_cold,
            )
        )
    clients = {username: signed_in_client(username) for username in {p.username for p in pages}}
    timings = [page_time(page, clients[page.username], samples=samples) for page in pages]
    baseline = timings[0].median_ms
    return [
        PageTiming(**{**t.as_dict(), "ratio_to_baseline": round(t.median_ms / baseline, 2)})
        for t in timings
    ]
