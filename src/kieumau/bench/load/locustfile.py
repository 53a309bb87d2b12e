"""The simulated officers of ``kieumau bench``'s load test, for locust.

run.py starts ``locust -f locustfile.py --headless …`` with LOAD_PLAN (the JSON plan: which
accounts sign in and what each may write), LOAD_WRITES (the log of writes, see writes.py) and
LOAD_SUMMARY (where the numbers go when the test stops). No Django here: the officers know the
site only through HTTP, as a browser does, each from its own address behind the "proxy".

Ward officers open their assessment and save one criterion at a time (htmx), now and then send
it for review; those whose assessment is no longer with the ward only read. Province officers
read their review queue, dashboard and assessments; ministry officers the national dashboard.
"""

import itertools
import json
import os
import random
import re
import threading
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import gevent
from django_otp.oath import TOTP
from locust import HttpUser, between, events, task
from locust.exception import StopUser
from locust.stats import StatsEntry

from kieumau.bench.load.writes import RESULT, SUBMISSION, WritesLog

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
WRITES = WritesLog(Path(os.environ["LOAD_WRITES"]))
SUMMARY = Path(os.environ["LOAD_SUMMARY"])
SECONDS = float(os.environ["LOAD_SECONDS"])  # measured, from the moment everyone has signed in

SAVE, SUBMIT = "ward: save criterion", "ward: submit"
WRITE_NAMES = {SAVE, SUBMIT}
SIGN_IN = "sign-in"
SUBMIT_CHANCE = 0.02  # after a save: about one officer in three sends within a minute
PERCENTILES = {"p50_ms": 0.50, "p95_ms": 0.95, "p99_ms": 0.99}

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


# The proxy speaks https with the browser; behind it, on loopback, Secure cookies go back over
# plain http. Set on the class: requests copies the cookies into a fresh default jar per request.
DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True


class Accounts:
    """Hands each simulated user an account of its role that no other user has."""

    _lock = threading.Lock()
    _left = {role: iter(PLAN[role]) for role in ("wards", "provinces", "ministry")}
    _addresses = itertools.count(1)
    sign_in_failures: list[str] = []
    signed_in = 0  # sign-ins ended, well or not

    @classmethod
    def take(cls, role: str) -> tuple[dict, str]:
        with cls._lock:
            n = next(cls._addresses)
            return next(cls._left[role]), f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    @classmethod
    def sign_in_ended(cls, environment) -> None:
        """Once every officer has signed in: stats from zero, and the end in SECONDS."""
        cls.signed_in += 1
        if cls.signed_in == sum(PLAN["counts"].values()):
            environment.stats.reset_all()
            gevent.spawn_later(SECONDS, environment.runner.quit)


class Officer(HttpUser):
    abstract = True
    role = ""
    wait_time = between(*PLAN["think_seconds"])

    def on_start(self) -> None:
        self.account, address = Accounts.take(self.role)
        self.username = self.account["username"]
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                PLAN["client_address_header"]: address,
                "Origin": self.host.replace("http://", "https://"),
                "Accept-Language": "vi",
            }
        )
        self.csrf = ""
        self.sign_in()

    def sign_in(self) -> None:
        """Password, then for province and ministry officers the authenticator's code."""
        form = self.client.get("/login/", name=f"{SIGN_IN}: form")
        self.csrf_keep(form.text)
        data = {"username": self.username, "password": PLAN["password"], "next": ""}
        response = self.client.post(
            "/login/", data={**data, "csrfmiddlewaretoken": self.csrf}, name=f"{SIGN_IN}: password"
        )
        for attempt in range(3):
            if "/account/two-factor/verify/" not in response.url:
                break
            if attempt:  # refused: this step's code was already used, wait for the next one
                time.sleep(30 - time.time() % 30 + 0.5)
            self.csrf_keep(response.text)
            code = f"{TOTP(bytes.fromhex(PLAN['totp_key_hex'])).token():06d}"
            response = self.client.post(
                response.url,
                data={"code": code, "csrfmiddlewaretoken": self.csrf},
                name=f"{SIGN_IN}: code",
            )
        Accounts.sign_in_ended(self.environment)
        if response.status_code != 200 or _outside(response.url):
            Accounts.sign_in_failures.append(
                f"{self.username}: ended at {response.url} ({response.status_code})"
            )
            raise StopUser()
        self.csrf_keep(response.text)

    def csrf_keep(self, page: str) -> None:
        if match := CSRF.search(page):
            self.csrf = match.group(1) or match.group(2)

    def read(self, url: str, name: str) -> str:
        """GET a page (redirects followed); a failure unless it ends on a page of the site."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code == 200 and _outside(response.url):
                response.failure(f"sent to {response.url}: no longer signed in")
            return response.text or ""


class WardOfficer(Officer):
    role = "wards"
    fixed_count = PLAN["counts"]["wards"]

    def on_start(self) -> None:
        super().on_start()
        self.assessment = self.account["assessment"]
        self.results = self.account["results"]  # [result id, criterion code, kind]
        self.writable = bool(self.results)
        self.version: int | None = None
        self.sequence = 0
        self.page()

    @task(4)
    def page(self) -> None:
        text = self.read("/unit/assessment/", "ward: assessment page")
        self.csrf_keep(text)
        self.writable = self.writable and 'id="assessment-form"' in text
        match = VERSION.search(text)
        self.version = int(match.group(1)) if match and self.writable else None

    @task(1)
    def home(self) -> None:
        self.read("/", "ward: home")

    @task(3)
    def save(self) -> None:
        if self.writable and self.version is None:  # the last save failed: a fresh page first
            self.page()
        if not self.writable or self.version is None:
            if self.assessment:
                self.read(f"/assessment/{self.assessment}/", "ward: assessment (read-only)")
            return
        result, code, kind = random.choice(self.results)
        self.sequence += 1
        write = {
            "id": f"{self.username}:{self.sequence}",
            "user": self.username,
            "kind": RESULT,
            "assessment": self.assessment,
            "code": code,
            "value": _value_for(kind),
            "note": f"bench {self.username} #{self.sequence} {random.getrandbits(32):08x}",
        }
        WRITES.attempt(write)
        data = {f"{code}-value": write["value"], f"{code}-note": write["note"]}
        with self.client.post(
            f"/unit/criteria/{result}/",
            data={**data, "version": self.version},
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name=SAVE,
            catch_response=True,
        ) as response:
            match = VERSION.search(response.text or "") if response.status_code == 200 else None
            if match is None:
                response.failure(f"criterion {code} not saved ({response.status_code})")
                self.version = None  # open the page again before the next save
                return
            self.version = int(match.group(1))
            WRITES.ack(write["id"])
        if random.random() < SUBMIT_CHANCE:
            self.submit()

    def submit(self) -> None:
        """The confirmation page, then the POST; acknowledged when the page says it was sent."""
        text = self.read(f"/unit/assessment/{self.assessment}/submit/", "ward: submit confirm")
        self.csrf_keep(text)
        match = VERSION.search(text)
        if match is None:
            return
        self.sequence += 1
        write = {
            "id": f"{self.username}:{self.sequence}",
            "user": self.username,
            "kind": SUBMISSION,
            "assessment": self.assessment,
        }
        WRITES.attempt(write)
        with self.client.post(
            f"/unit/assessment/{self.assessment}/submit/",
            data={"version": match.group(1), "csrfmiddlewaretoken": self.csrf},
            name=SUBMIT,
            catch_response=True,
        ) as response:
            sent = response.status_code == 200 and 'class="alert alert-success"' in response.text
            if not sent:
                response.failure(f"not sent for review ({response.status_code})")
                return
            WRITES.ack(write["id"])
        self.writable = False
        self.version = None


class ProvinceOfficer(Officer):
    role = "provinces"
    fixed_count = PLAN["counts"]["provinces"]

    @task(2)
    def queue(self) -> None:
        self.read("/province/reviews/", "province: review queue")

    @task(2)
    def dashboard(self) -> None:
        self.read("/dashboard/province/", "province: dashboard")

    @task(2)
    def assessment(self) -> None:
        if self.account["assessments"]:
            pk = random.choice(self.account["assessments"])
            self.read(f"/assessment/{pk}/", "province: assessment")

    @task(1)
    def home(self) -> None:
        self.read("/", "province: home")


class MinistryOfficer(Officer):
    role = "ministry"
    fixed_count = PLAN["counts"]["ministry"]

    @task(3)
    def dashboard(self) -> None:
        self.read("/dashboard/", "ministry: national dashboard")

    @task(1)
    def home(self) -> None:
        self.read("/", "ministry: home")


def _outside(url: str) -> bool:
    """Sent back to signing in: the session was lost (or the sign-in did not get through)."""
    return "/login/" in url or "/account/two-factor/" in url


def _value_for(kind: str) -> str:
    """A value the criterion accepts, typed as an officer would (decimal comma)."""
    if kind == "bool":
        return random.choice(["0", "1"])
    if kind == "pct":
        return f"{random.randint(0, 99)},{random.randint(0, 9)}"
    return str(random.randint(0, 300))


def _kind(name: str) -> str:
    if name.startswith(SIGN_IN):
        return "sign_ins"
    return "writes" if name in WRITE_NAMES else "reads"


@events.test_stop.add_listener
def _summary_write(environment, **_kwargs) -> None:
    """Locust's own numbers since everyone signed in, by kind, into LOAD_SUMMARY."""
    stats = environment.stats
    kinds = {kind: StatsEntry(stats, kind, "") for kind in ("reads", "writes", "sign_ins")}
    for entry in stats.entries.values():
        kinds[_kind(entry.name)].extend(entry)
    kinds["all"] = StatsEntry(stats, "all", "")
    kinds["all"].extend(kinds["reads"])
    kinds["all"].extend(kinds["writes"])
    end = stats.total.last_request_timestamp or time.time()
    seconds = max(end - stats.total.start_time, 1e-9)
    summary = {
        "measured_seconds": seconds,
        **{kind: _numbers(entry, seconds) for kind, entry in kinds.items()},
        "errors": [
            f"{error.name}: {error.error} ×{error.occurrences}"
            for error in sorted(stats.errors.values(), key=lambda e: -e.occurrences)
            if not error.name.startswith(SIGN_IN)
        ],
        "sign_in_failures": Accounts.sign_in_failures,
    }
    WRITES.close()
    SUMMARY.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


def _numbers(entry: StatsEntry, seconds: float) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "throughput": entry.num_requests / seconds,
        **{
            key: entry.get_response_time_percentile(percent) if entry.num_requests else 0
            for key, percent in PERCENTILES.items()
        },
    }
