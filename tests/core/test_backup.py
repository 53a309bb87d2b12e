"""Backup and restore: a round trip gives back every row and every file, bad backups are refused.

Runs on SQLite and, with ``pytest --postgres``, on PostgreSQL. The tests commit (transaction=True)
because pg_dump and the ``kieumau`` subprocess read the database from another connection; their
flush wipes the session's reference maps, which ``database_snapshot`` puts back (with the very
tool under test) before each test that needs them and once the module is done.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap
from kieumau.adminunits.reference import reference_data_load
from kieumau.assessments.models import Evidence
from kieumau.assessments.services import (
    ReviewValue,
    SelfValue,
    assessment_approve,
    assessment_submit,
    evidence_add,
    results_review,
    results_set_self_values,
)
from kieumau.context.models import DirectiveDocument
from kieumau.context.services import directive_document_add
from kieumau.core.backup import BackupError, backup_create, backup_restore, backup_verify
from kieumau.core.postgres_cluster import find_bindir
from kieumau.criteria.types import Kind
from tests.assessments.factories import assessment_create, result_of
from tests.web.factories import (
    PROVINCE_CODE,
    WARD_CODE,
    people_create,
    programme_round_create,
    unit_get,
    wards_register,
)

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
DUMP_NAME = "database.pgdump" if ON_POSTGRES else "database.sqlite3"


def pdf(seed: int, size: int = 40_000) -> bytes:
    """A PDF-looking file of ``size`` bytes whose content differs with ``seed``."""
    body = hashlib.shake_256(f"kieumau-{seed}".encode()).digest(size)
    return b"%PDF-1.7\n" + body + b"\n%%EOF\n"


def png(seed: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + hashlib.shake_256(f"png-{seed}".encode()).digest(20_000)


# ---- what is compared ---------------------------------------------------------------------


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table of the database (models, migrations, cache), in a fixed order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            found = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
            rows[table] = sorted(found, key=repr)
    return rows


def media_hashes() -> dict[str, str]:
    root = Path(django_settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def everything() -> tuple[dict, dict]:
    return every_row(), media_hashes()


# ---- fixtures -----------------------------------------------------------------------------


def _snapshot_restore(folder: Path, media_root: Path) -> None:
    with override_settings(MEDIA_ROOT=media_root, PG_BINDIR=_bindir()):
        backup_restore(path=folder, manifest=backup_verify(path=folder), overwrite=True)


def _bindir() -> str:
    """Where the test cluster's server binaries really are: its pg_dump sits beside them."""
    return str((find_bindir() / "pg_ctl").resolve().parent) if ON_POSTGRES else ""


@pytest.fixture(scope="module")
def database_snapshot(reference_data, django_db_blocker, tmp_path_factory):
    """A backup of the test database with the reference maps loaded (again, when an earlier
    transactional test's flush removed them)."""
    media_root = tmp_path_factory.mktemp("snapshot-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root, PG_BINDIR=_bindir()):
        if not AdminMap.objects.exists():
            reference_data_load(echo=lambda line: None)
        folder = backup_create(output_dir=tmp_path_factory.mktemp("snapshot"))
    yield folder, media_root
    with django_db_blocker.unblock():
        _snapshot_restore(folder, media_root)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PG_BINDIR = _bindir()  # the cluster's own client: never older than its server
    return settings.MEDIA_ROOT


@pytest.fixture
def maps_present(transactional_db, database_snapshot, reference_data, media_root):
    """The reference maps, put back when an earlier test's flush removed them."""
    if not AdminMap.objects.exists():
        _snapshot_restore(*database_snapshot)
    shutil.rmtree(media_root, ignore_errors=True)
    return {admin_map.code: admin_map for admin_map in AdminMap.objects.all()}


@pytest.fixture
def dataset(maps_present):
    """A round with registrations, an approved assessment with results, evidence files,
    directive documents with files, and the audit entries all of it leaves."""
    admin_map = maps_present["2025-07"]
    people = people_create(admin_map)
    round_ = programme_round_create(admin_map)
    assessment = assessment_create(round_, unit_get(admin_map, WARD_CODE), people.province_own)
    wards_register(round_, people.province_own, 2, province=unit_get(admin_map, PROVINCE_CODE))
    criteria = list(round_.criteria_set.criteria.order_by("position"))
    values = {c.code: SelfValue(_value(c.kind), note=f"Ghi chú {c.code}") for c in criteria}
    assessment = results_set_self_values(
        actor=people.ward_own, assessment=assessment, values=values, version=assessment.version
    )
    for number, code in enumerate([c.code for c in criteria[:3]]):
        content, name = (png(number), f"ảnh {number}.png") if number == 2 else (pdf(number), "")
        evidence_add(
            actor=people.ward_own,
            result=result_of(assessment, code),
            upload=SimpleUploadedFile(name or f"Biên bản {number}.pdf", content),
        )
    assessment.refresh_from_db()
    assessment = assessment_submit(
        actor=people.ward_own, assessment=assessment, version=assessment.version
    )
    reviews = {criteria[0].code: ReviewValue(_value(criteria[0].kind), comment="Đã kiểm tra")}
    assessment = results_review(
        actor=people.province_own,
        assessment=assessment,
        reviews=reviews,
        version=assessment.version,
    )
    assessment_approve(actor=people.province_own, assessment=assessment, version=assessment.version)
    for number, kind in enumerate([DirectiveDocument.Kind.RESOLUTION, DirectiveDocument.Kind.PLAN]):
        directive_document_add(
            actor=people.province_own,
            province=unit_get(admin_map, PROVINCE_CODE),
            issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
            kind=kind,
            number=f"{15 + number}-NQ/TU",
            date=datetime.date(2023, 3, 1 + number),
            title="Về xây dựng Công an phường điển hình, kiểu mẫu",
            upload=SimpleUploadedFile(f"van-ban-{number}.pdf", pdf(100 + number)),
        )
    return people


def _value(kind: str) -> int:
    return {Kind.BOOL: 1, Kind.PCT: 90}.get(kind, 12)


@pytest.fixture
def backup(dataset, tmp_path) -> Path:
    return backup_create(output_dir=tmp_path / "backups")


def restore(folder: Path, **options):
    return backup_restore(path=folder, manifest=backup_verify(path=folder), **options)


def manifest_edit(folder: Path, change) -> None:
    path = folder / "manifest.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


# ---- the round trip -----------------------------------------------------------------------


def test_a_backup_wiped_and_restored_gives_back_every_row_and_every_file(backup, media_root):
    before = everything()
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    assert not Evidence.objects.exists()
    assert media_hashes() == {}

    outcome = restore(backup)

    assert everything() == before
    assert Evidence.objects.count() == 3
    assert DirectiveDocument.objects.exclude(file="").count() == 2
    assert LogEntry.objects.filter(actor__username="tinh").exists()
    assert len(before[1]) == 5  # three evidence files and two documents, on disk again
    assert (outcome.media_files, outcome.extra_media, outcome.migrations_behind) == (5, [], [])
    # Sequences came back too: a new row takes a fresh id.
    newest = User.objects.order_by("-pk").first().pk
    assert User.objects.create_user("moi", role=Role.VIEWER).pk > newest


def test_the_manifest_lists_every_file_with_its_size_and_sha256(backup, media_root):
    manifest = json.loads((backup / "manifest.json").read_text())

    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {f"media/{path}": sha for path, sha in media_hashes().items()}
    assert {path: entry["sha256"] for path, entry in listed.items() if path != DUMP_NAME} == on_disk
    for path, entry in listed.items():
        content = (backup / path).read_bytes()
        assert (entry["size"], entry["sha256"]) == (
            len(content),
            hashlib.sha256(content).hexdigest(),
        )
    assert manifest["format"] == "kieumau-backup"
    assert manifest["format_version"] == 1
    assert manifest["engine"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert manifest["database_file"] == DUMP_NAME
    assert manifest["migrations"]["assessments"] == "0002_initial"
    assert manifest["migrations"]["core"] == "0001_cache_table"
    assert backup.name == "kieumau-backup-" + manifest["created_at"].replace("-", "").replace(
        ":", ""
    )
    assert (backup.stat().st_mode & 0o777) == 0o700
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]


def test_restore_keeps_media_files_not_in_the_backup_unless_asked_to_prune(backup, media_root):
    stray = media_root / "evidence" / "ff" / "stray.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(pdf(7))

    kept = restore(backup, overwrite=True)
    assert kept.extra_media == ["evidence/ff/stray.pdf"]
    assert stray.exists()

    pruned = restore(backup, overwrite=True, prune_media=True)
    assert pruned.extra_media == ["evidence/ff/stray.pdf"]
    assert not stray.exists()
    assert len(media_hashes()) == 5


# ---- refusals -----------------------------------------------------------------------------


def refused(folder: Path, message: str, **options) -> None:
    """The restore is refused with ``message`` and neither the database nor a file changed."""
    before = everything()
    with translation.override("en"), pytest.raises(BackupError) as raised:
        restore(folder, **options)
    assert message in str(raised.value)
    assert everything() == before


def test_an_altered_media_file_is_refused_and_nothing_changes(backup, media_root):
    altered = next((backup / "media" / "evidence").rglob("*.pdf"))
    content = bytearray(altered.read_bytes())
    content[100] ^= 0xFF  # same size, one bit pattern changed
    altered.write_bytes(bytes(content))
    relative = altered.relative_to(backup).as_posix()

    refused(backup, f"{relative} has been altered (SHA-256)", overwrite=True)


def test_a_truncated_dump_is_refused_and_nothing_changes(backup):
    dump = backup / DUMP_NAME
    dump.write_bytes(dump.read_bytes()[:-10])

    refused(backup, f"{DUMP_NAME} has {dump.stat().st_size} bytes, the manifest says")


def test_a_missing_dump_is_refused_and_nothing_changes(backup):
    (backup / DUMP_NAME).unlink()

    refused(backup, f"{DUMP_NAME} is missing", overwrite=True)


def test_a_missing_media_file_is_refused_and_nothing_changes(backup):
    missing = next((backup / "media" / "directives").rglob("*.pdf"))
    missing.unlink()

    refused(backup, f"{missing.relative_to(backup).as_posix()} is missing", overwrite=True)


def test_a_listed_file_replaced_by_a_link_is_refused_even_with_the_same_bytes(backup, tmp_path):
    listed = next((backup / "media" / "evidence").rglob("*.pdf"))
    outside = tmp_path / "outside.pdf"
    shutil.copyfile(listed, outside)
    listed.unlink()
    listed.symlink_to(outside)

    refused(backup, f"{listed.relative_to(backup).as_posix()} is missing", overwrite=True)


def test_a_file_slipped_into_the_backup_is_refused(backup):
    (backup / "media" / "evidence" / "extra.pdf").write_bytes(pdf(9))

    refused(backup, "media/evidence/extra.pdf is not in the manifest", overwrite=True)


def test_a_manifest_naming_a_path_outside_the_backup_is_refused(backup):
    manifest_edit(
        backup,
        lambda data: data["files"].append(
            {"path": "media/../../../etc/passwd", "size": 1, "sha256": "0" * 64}
        ),
    )

    refused(backup, "paths a backup cannot hold: media/../../../etc/passwd", overwrite=True)


def test_a_folder_without_manifest_is_refused(backup):
    partial = backup.with_name(f".{backup.name}.partial")
    backup.rename(partial)
    (partial / "manifest.json").unlink()

    refused(partial, "has no manifest.json: it is not a complete backup", overwrite=True)


def test_a_non_empty_database_is_refused_without_overwrite_and_replaced_with_it(backup):
    User.objects.create_user("after-the-backup", role=Role.VIEWER)

    refused(backup, "The database is not empty")

    restore(backup, overwrite=True)
    assert not User.objects.filter(username="after-the-backup").exists()


def test_a_backup_of_the_other_engine_is_refused(backup):
    other = "sqlite" if ON_POSTGRES else "postgresql"
    manifest_edit(backup, lambda data: data.update(engine=other))

    ours = "postgresql" if ON_POSTGRES else "sqlite"
    refused(backup, f"holds a {other} database and this installation uses {ours}", overwrite=True)


def test_a_backup_made_by_a_newer_version_is_refused(backup):
    manifest_edit(backup, lambda data: data["migrations"].update(assessments="0099_future"))

    refused(backup, "does not know its migrations assessments.0099_future", overwrite=True)


def test_a_manifest_of_an_unknown_format_version_is_refused(backup):
    manifest_edit(backup, lambda data: data.update(format_version=2))

    refused(backup, "format version 2 is not supported", overwrite=True)


def test_a_backup_that_fails_midway_leaves_no_folder_behind(dataset, media_root, tmp_path):
    output = tmp_path / "backups-in-a-folder-with-a-name-long-enough-to-overflow"
    # A media path just under the system's limit: its copy inside the backup is over it.
    budget = os.pathconf("/", "PC_PATH_MAX") - 10 - len(f"{media_root}/x.pdf")
    parts = []
    while budget > 1:
        parts.append("d" * min(200, budget - 1))
        budget -= len(parts[-1]) + 1
    deep = media_root.joinpath(*parts, "x.pdf")
    deep.parent.mkdir(parents=True)
    deep.write_bytes(pdf(3))

    with translation.override("en"), pytest.raises(BackupError, match="The backup failed"):
        backup_create(output_dir=output)

    assert list(output.iterdir()) == []


@pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump is for PostgreSQL")
def test_without_a_pg_dump_the_backup_is_refused_and_leaves_no_folder(dataset, settings, tmp_path):
    settings.PG_BINDIR = str(tmp_path / "no-binaries-here")
    output = tmp_path / "backups"

    with translation.override("en"), pytest.raises(BackupError, match="No pg_dump of PostgreSQL"):
        backup_create(output_dir=output)

    assert list(output.iterdir()) == []


# ---- the command line ---------------------------------------------------------------------


def database_url(tmp_path: Path) -> str:
    """The test database as a DATABASE_URL (for SQLite, in memory: a file copy of it)."""
    config = connection.settings_dict
    if ON_POSTGRES:
        return f"postgres://{config['USER']}@{config['HOST']}:{config['PORT']}/{config['NAME']}"
    path = tmp_path / "kieumau.sqlite3"
    copy = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    return f"sqlite:///{path}"


def kieumau(*args: str, environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kieumau", *args],
        env={**os.environ, **environment},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_commands_back_up_and_refuse_to_restore_over_data_in_subprocesses(
    dataset, media_root, tmp_path
):
    environment = {
        "DATABASE_URL": database_url(tmp_path),
        "MEDIA_ROOT": str(media_root),
        "KIEUMAU_DATA_DIR": str(tmp_path / "var"),
        "PG_BINDIR": _bindir(),
    }
    before = media_hashes()

    made = kieumau(
        "backup", "--output", str(tmp_path / "out"), environment=environment, cwd=tmp_path
    )

    assert made.returncode == 0, made.stderr
    (folder,) = (tmp_path / "out").iterdir()
    manifest = backup_verify(path=folder)
    assert {e.path.removeprefix("media/"): e.sha256 for e in manifest.media} == before
    assert str(folder) in made.stdout

    again = kieumau("restore", str(folder), environment=environment, cwd=tmp_path)

    assert again.returncode == 1
    assert "--yes" in again.stderr  # the refusal says how to go ahead
    assert media_hashes() == before
