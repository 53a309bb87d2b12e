"""The load test of ``kieumau bench``: a real short run of locust against gunicorn, and the check
that every acknowledged write is in the database.

The run needs PostgreSQL (gunicorn's processes share the test database, committed for real with
``transaction=True``); the check runs on both databases. The data is a small map of its own,
because a transactional test empties every table when it ends.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.bench.accounts import bench_accounts_create
from kieumau.bench.load.run import load_run
from kieumau.bench.load.writes import RESULT, SUBMISSION, WritesLog, writes_check, writes_read
from tests.assessments.factories import assessment_create, criteria_set_create, round_create

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
WARD_CODES = ("16690", "16693", "16696")


def small_map() -> AdminMap:
    """One province with three phường."""
    admin_map = AdminMap.objects.create(
        code="tai-thu", name="Danh mục thử tải", effective_date=date(2025, 7, 1)
    )
    province = AdminUnit.objects.create(
        admin_map=admin_map, level=Level.PROVINCE, code="40", name="Nghệ An", type=UnitType.PROVINCE
    )
    for number, code in enumerate(WARD_CODES, start=1):
        AdminUnit.objects.create(
            admin_map=admin_map,
            level=Level.COMMUNE,
            code=code,
            name=f"Phường {number}",
            type=UnitType.WARD,
            parent=province,
            province=province,
        )
    return admin_map


def draft_assessments(admin_map: AdminMap) -> list[Assessment]:
    """The round of 2025 on the map, every phường registered, each assessment a draft."""
    round_ = round_create(admin_map, criteria_set_create())
    registrar = User.objects.create_user("tinh-dang-ky", role=Role.PROVINCE)
    wards = AdminUnit.objects.filter(admin_map=admin_map, level=Level.COMMUNE).order_by("code")
    return [assessment_create(round_, ward, registrar) for ward in wards]


def result_write(log: WritesLog, number: int, assessment: Assessment, value: str, note: str):
    write = {
        "id": f"bench.ward.16690:{number}",
        "user": "bench.ward.16690",
        "kind": RESULT,
        "assessment": assessment.pk,
        "code": "3",
        "value": value,
        "note": note,
    }
    log.attempt(write)
    return write["id"]


def stored(assessment: Assessment, code: str) -> tuple[Decimal | None, str]:
    result = CriterionResult.objects.get(assessment=assessment, criterion__code=code)
    return result.self_value, result.self_note


@pytest.mark.django_db
def test_writes_check_finds_the_acknowledged_value_in_the_database(tmp_path):
    assessment = draft_assessments(small_map())[0]
    log = WritesLog(tmp_path / "writes.jsonl")
    log.ack(result_write(log, 1, assessment, "40", "first"))
    log.ack(result_write(log, 2, assessment, "57,5", "second"))
    log.close()
    CriterionResult.objects.filter(assessment=assessment, criterion__code="3").update(
        self_value=Decimal("57.50"), self_note="second"
    )

    check = writes_check(tmp_path / "writes.jsonl")

    assert (check.acknowledged, check.lost, check.examples) == (2, 0, [])


@pytest.mark.django_db
def test_writes_check_reports_a_result_changed_after_the_run_as_lost(tmp_path):
    assessment = draft_assessments(small_map())[0]
    log = WritesLog(tmp_path / "writes.jsonl")
    log.ack(result_write(log, 1, assessment, "57,5", "acknowledged"))
    log.close()
    CriterionResult.objects.filter(assessment=assessment, criterion__code="3").update(
        self_value=Decimal("12"), self_note="changed behind the officer's back"
    )

    check = writes_check(tmp_path / "writes.jsonl")

    assert (check.acknowledged, check.lost) == (1, 1)
    assert check.examples == [
        f"assessment {assessment.pk}, criterion 3: acknowledged '57,5' 'acknowledged' "
        "(bench.ward.16690), stored Decimal('12.00') \"changed behind the officer's back\""
    ]


@pytest.mark.django_db
def test_writes_check_accepts_a_later_unacknowledged_write_as_stored(tmp_path):
    assessment = draft_assessments(small_map())[0]
    log = WritesLog(tmp_path / "writes.jsonl")
    log.ack(result_write(log, 1, assessment, "40", "acknowledged"))
    result_write(log, 2, assessment, "41", "sent as the run ended")  # never acknowledged
    log.close()
    CriterionResult.objects.filter(assessment=assessment, criterion__code="3").update(
        self_value=Decimal("41"), self_note="sent as the run ended"
    )

    check = writes_check(tmp_path / "writes.jsonl")

    assert (check.acknowledged, check.lost) == (1, 0)


@pytest.mark.django_db
def test_writes_check_reports_an_acknowledged_submission_still_in_draft_as_lost(tmp_path):
    assessment = draft_assessments(small_map())[0]
    log = WritesLog(tmp_path / "writes.jsonl")
    write = {"id": "bench.ward.16690:1", "user": "bench.ward.16690", "kind": SUBMISSION}
    log.attempt(write | {"assessment": assessment.pk})
    log.ack(write["id"])
    log.close()

    check = writes_check(tmp_path / "writes.jsonl")

    assert (check.acknowledged, check.lost) == (1, 1)
    assert check.examples == [
        f"assessment {assessment.pk}: submission acknowledged (bench.ward.16690), "
        "state 'draft', step by the officer: no"
    ]


@pytest.mark.postgres_only  # gunicorn serves the test database: PostgreSQL only
@pytest.mark.django_db(transaction=True)
def test_load_run_against_gunicorn_keeps_every_acknowledged_write(tmp_path):
    admin_map = small_map()
    assessments = draft_assessments(admin_map)
    bench_accounts_create(admin_map)
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"

    result = load_run(
        users=4,
        seconds=8,
        spawn_rate=4,
        database_url=url,
        work_dir=tmp_path / "load",
        media_root=tmp_path / "media",
        think_seconds=(0.05, 0.2),  # quick officers: every kind of request within 8 s
    )

    assert result.requests > 0
    assert result.reads.requests > 0 and result.writes.requests > 0
    assert (result.failures, result.failure_examples) == (0, ())
    assert result.sign_ins == 4
    assert result.writes_acknowledged > 0
    assert (result.writes_lost, result.lost_examples) == (0, ())
    # The same promise, read here without writes.py's check: each criterion an officer saved
    # holds the last value and note the server acknowledged (or a later one it never answered).
    writes = [w for w in writes_read(tmp_path / "load" / "writes.jsonl") if w.kind == RESULT]
    assert {w.assessment for w in writes if w.acknowledged} <= {a.pk for a in assessments}
    for key in {(w.assessment, w.code) for w in writes if w.acknowledged}:
        same = [w for w in writes if (w.assessment, w.code) == key]
        last = max(i for i, w in enumerate(same) if w.acknowledged)
        allowed = {(Decimal(w.value.replace(",", ".")), w.note) for w in same[last:]}
        assert stored(Assessment(pk=key[0]), key[1]) in allowed
