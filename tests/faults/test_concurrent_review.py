"""Two province officers review the same assessment at the same moment, from the same version:
one review is saved, the other is refused with the conflict message, nothing is lost.

Each officer works in a thread of its own (its own database connection), released together by
a barrier, through the real service and through the real review page. The database is
committed for real (``transaction=True``); the data is a small map of its own, because a
transactional test empties every table when it ends.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import OperationalError, connections
from django.urls import reverse
from django.utils import translation

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.assessments.models import Assessment, CriterionResult, State
from kieumau.assessments.services import ReviewValue, results_review
from kieumau.assessments.services.common import CONFLICT, Conflict
from tests.assessments.factories import assessment_create, criteria_set_create, round_create
from tests.fixtures import TwoFactorClient

CONFLICT_VI = (
    "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc. Hãy tải lại"
    " trang để xem thay đổi rồi thực hiện lại."
)
ENTRIES = {  # what each officer enters: criterion code → (value, comment)
    "an": {"1": ("1", "Đủ hồ sơ"), "4": ("7", "Bảy tổ tự quản")},
    "binh": {"1": ("0", "Thiếu biên bản"), "4": ("3", "Ba tổ tự quản")},
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def submitted() -> Assessment:
    """A submitted assessment of one phường of a small map, and two officers of its province."""
    admin_map = AdminMap.objects.create(
        code="thu-loi", name="Danh mục thử lỗi", effective_date=date(2025, 7, 1)
    )
    province = AdminUnit.objects.create(
        admin_map=admin_map, level=Level.PROVINCE, code="40", name="Nghệ An", type=UnitType.PROVINCE
    )
    ward = AdminUnit.objects.create(
        admin_map=admin_map,
        level=Level.COMMUNE,
        code="16690",
        name="Trường Vinh",
        type=UnitType.WARD,
        parent=province,
        province=province,
    )
    for username in ENTRIES:
        User.objects.create_user(username, role=Role.PROVINCE, unit=province)
    round_ = round_create(admin_map, criteria_set_create())
    return assessment_create(round_, ward, User.objects.get(username="an"), state=State.SUBMITTED)


def test_two_simultaneous_reviews_one_saved_one_conflict(submitted):
    version = submitted.version

    def review(username: str) -> Exception | None:
        officer = User.objects.get(username=username)
        reviews = {code: ReviewValue(*entry) for code, entry in ENTRIES[username].items()}
        barrier.wait()
        try:
            results_review(actor=officer, assessment=submitted, reviews=reviews, version=version)
        except Conflict as conflict:
            return conflict
        return None

    barrier = threading.Barrier(len(ENTRIES))
    outcomes = dict(zip(ENTRIES, _in_threads(review, list(ENTRIES)), strict=True))

    winners = [name for name, outcome in outcomes.items() if outcome is None]
    losers = [name for name, outcome in outcomes.items() if isinstance(outcome, Conflict)]
    assert (len(winners), len(losers)) == (1, 1)
    with translation.override("vi"):
        assert outcomes[losers[0]].messages == [CONFLICT_VI]
    assert _stored_reviews(submitted) == _entered(winners[0])
    assert Assessment.objects.get(pk=submitted.pk).version == version + 1
    assert _audit_actors(submitted) == {winners[0]}


def test_two_simultaneous_review_pages_one_saved_the_other_keeps_its_input(submitted):
    url = reverse("web:province-review", args=[submitted.pk])
    clients = {username: _signed_in(username) for username in ENTRIES}
    # Both officers open the page (same version), then both press "save" together.
    pages = {username: client.get(url) for username, client in clients.items()}

    def save(username: str):
        form = _form_data(submitted, ENTRIES[username], version=submitted.version)
        barrier.wait()
        return clients[username].post(url, form)

    barrier = threading.Barrier(len(ENTRIES))
    responses = dict(zip(ENTRIES, _in_threads(save, list(ENTRIES)), strict=True))

    assert all(page.status_code == 200 for page in pages.values())
    winners = [name for name, response in responses.items() if response.status_code == 302]
    losers = [name for name, response in responses.items() if response.status_code == 200]
    assert (len(winners), len(losers)) == (1, 1)
    assert responses[winners[0]].url == url
    loser_page = responses[losers[0]].content.decode()
    assert CONFLICT_VI in loser_page
    # What the loser typed is still on the page.
    assert all(comment in loser_page for _value, comment in ENTRIES[losers[0]].values())
    assert _stored_reviews(submitted) == _entered(winners[0])
    assert _audit_actors(submitted) == {winners[0]}
    with translation.override("en"):
        assert str(CONFLICT).startswith("The assessment was updated by someone else")


def _in_threads(work, arguments: list) -> list:
    """Run ``work`` for each argument in its own thread (own database connection)."""

    def run(argument):
        try:
            with connections["default"].execute_wrapper(_waiting_for_the_writer):
                return work(argument)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(run, arguments))


def _waiting_for_the_writer(execute, sql, params, many, context):
    """Wait while another connection writes, as SQLite's busy timeout does on a database file:
    the suite's in-memory SQLite database (shared cache) refuses at once instead."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if "table is locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _signed_in(username: str) -> TwoFactorClient:
    """A browser signed in as the officer, second factor passed."""
    client = TwoFactorClient()
    client.force_login(User.objects.get(username=username))
    return client


def _form_data(assessment: Assessment, entries: dict, *, version: int) -> dict[str, str]:
    data = {"version": str(version)}
    for result in assessment.results.select_related("criterion"):
        value, comment = entries.get(result.criterion.code, ("", ""))
        data[f"r{result.pk}-value"] = value
        data[f"r{result.pk}-comment"] = comment
    return data


def _stored_reviews(assessment: Assessment) -> dict[str, tuple]:
    rows = CriterionResult.objects.filter(assessment=assessment, review_value__isnull=False)
    return {
        code: (value, comment, reviewer)
        for code, value, comment, reviewer in rows.values_list(
            "criterion__code", "review_value", "review_comment", "reviewed_by__username"
        )
    }


def _entered(username: str) -> dict[str, tuple]:
    return {
        code: (Decimal(value), comment, username)
        for code, (value, comment) in ENTRIES[username].items()
    }


def _audit_actors(assessment: Assessment) -> set[str]:
    """Who the audit trail says changed the assessment's results since it was set up."""
    results = [str(pk) for pk in assessment.results.values_list("pk", flat=True)]
    entries = LogEntry.objects.filter(
        content_type__model="criterionresult", object_pk__in=results, actor__isnull=False
    )
    return set(entries.values_list("actor__username", flat=True))
