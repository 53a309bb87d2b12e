"""Making a backup and restoring one (``kieumau backup``, ``kieumau restore``).

A backup is a folder named by its UTC time, ``kieumau-backup-20251125T045356Z``: the database
dump, ``media/`` (a copy of MEDIA_ROOT) and ``manifest.json``. It is written under a hidden
``.partial`` name and renamed only once complete, so a folder with the final name is whole.
A restore checks the whole backup first and changes nothing when any check fails.
"""

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from kieumau.core.backup.database import (
    DUMP_FILES,
    database_dump,
    database_restore,
    engine_of,
    migration_state,
    migrations_behind,
    restore_tool_check,
    rows_held,
)
from kieumau.core.backup.manifest import (
    MEDIA_DIR,
    BackupError,
    FileEntry,
    Manifest,
    Progress,
    file_copy_hashed,
    file_hash,
    files_verify,
    manifest_read,
    relative_files,
)

NAME_PREFIX = "kieumau-backup-"
STAGING_PREFIX = ".kieumau-restore-"  # inside MEDIA_ROOT while a restore runs
ROWS_SHOWN = 5


@dataclass(frozen=True)
class RestoreOutcome:
    manifest: Manifest
    media_files: int
    media_bytes: int
    extra_media: list[str]  # files of MEDIA_ROOT not in the backup: kept, or removed if pruned
    extra_media_removed: bool
    migrations_behind: list[str]  # apps `kieumau migrate` must bring up to date


def backup_create(
    *, output_dir: Path, progress: Progress | None = None, alias: str = DEFAULT_DB_ALIAS
) -> Path:
    """Write one complete backup folder into ``output_dir`` and return its path.

    Side effects: a new folder (owner-only permissions) in ``output_dir``; nothing else. On any
    failure the partial folder is removed and BackupError says why.
    """
    connection = connections[alias]
    engine = engine_of(connection)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        final = _unused_name(output_dir, NAME_PREFIX + now.strftime("%Y%m%dT%H%M%SZ"))
        partial = output_dir / f".{final.name}.partial"
        partial.mkdir(mode=0o700)
    except OSError as error:
        raise BackupError(
            _("Cannot write into %(dir)s: %(error)s") % {"dir": output_dir, "error": error}
        ) from None
    try:
        manifest = _backup_write(partial, connection, engine, now, progress)
        _durable_write(partial / "manifest.json", manifest.as_json())
        partial.rename(final)
        _directory_sync(output_dir)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise BackupError(_("The backup failed: %(error)s") % {"error": error}) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _backup_write(
    folder: Path, connection, engine: str, now: datetime.datetime, progress: Progress | None
) -> Manifest:
    media_root = Path(settings.MEDIA_ROOT)
    media = relative_files(media_root, skip_prefix=STAGING_PREFIX) if media_root.is_dir() else []
    total = len(media) + 1
    tool = database_dump(connection, folder)
    dump_name = DUMP_FILES[engine]
    files = [_entry_at(file_hash(folder / dump_name), dump_name)]
    if progress:
        progress(1, total)
    for done, relative in enumerate(media, start=2):
        target = folder / MEDIA_DIR / relative
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        copied = file_copy_hashed(media_root / relative, target)
        files.append(_entry_at(copied, f"{MEDIA_DIR}/{relative}"))
        if progress:
            progress(done, total)
    return Manifest(
        created_at=now.isoformat().replace("+00:00", "Z"),
        kieumau_version=_kieumau_version(),
        engine=engine,
        database_file=dump_name,
        database_tool=tool,
        migrations=migration_state(connection),
        files=files,
    )


def backup_verify(*, path: Path, progress: Progress | None = None) -> Manifest:
    """The backup's manifest once every file it lists is present with its size and SHA-256 and
    nothing else is in the folder; BackupError otherwise. Reads only."""
    manifest = manifest_read(path)
    files_verify(path, manifest, progress)
    return manifest


def backup_restore(
    *,
    path: Path,
    manifest: Manifest,
    overwrite: bool = False,
    prune_media: bool = False,
    progress: Progress | None = None,
    alias: str = DEFAULT_DB_ALIAS,
) -> RestoreOutcome:
    """Replace the database and the media by those of a backup checked by ``backup_verify``.

    Refused before anything changes (BackupError): another database engine; migrations this
    code does not know; a database that holds rows, unless ``overwrite``; no pg_restore able
    to read the dump; a backup file altered since it was verified.
    Side effects: the database replaced (all or nothing); every media file of the backup
    written into MEDIA_ROOT (same names replaced); with ``prune_media``, the files of
    MEDIA_ROOT that are not in the backup deleted; finally every media file re-hashed.
    """
    connection = connections[alias]
    engine = engine_of(connection)
    if manifest.engine != engine:
        raise BackupError(
            _(
                "The backup holds a %(backup)s database and this installation uses %(ours)s: "
                "nothing was changed."
            )
            % {"backup": manifest.engine, "ours": engine}
        )
    behind = migrations_behind(connection, manifest.migrations)
    held = rows_held(connection)
    if held and not overwrite:
        shown = ", ".join(f"{label}: {count}" for label, count in sorted(held.items())[:ROWS_SHOWN])
        raise BackupError(
            _(
                "The database is not empty (%(rows)s rows: %(tables)s…); nothing was changed. "
                "Give --yes to replace its whole content by the backup."
            )
            % {"rows": sum(held.values()), "tables": shown}
        )
    pg_restore = restore_tool_check(connection, manifest.database_tool)
    media_root = Path(settings.MEDIA_ROOT)
    total = 2 * len(manifest.media) + 1
    database_replaced = False
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
        try:
            # Copies first, so that a full disk stops the restore before the database changes.
            staged = _media_stage(path, manifest, staging, progress, total)
            database_restore(connection, path / manifest.database_file, pg_restore)
            database_replaced = True
            if progress:
                progress(len(staged) + 1, total)
            for relative, copy in staged:
                (media_root / relative).parent.mkdir(parents=True, exist_ok=True)
                if settings.FILE_UPLOAD_PERMISSIONS is not None:
                    copy.chmod(settings.FILE_UPLOAD_PERMISSIONS)  # as if uploaded again
                os.replace(copy, media_root / relative)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        if database_replaced:
            message = _(
                "The database was restored but the media files were not all written (%(error)s); "
                "free the space or fix the permissions and run the restore again with --yes."
            )
        else:
            message = _("The restore failed, nothing was changed: %(error)s")
        raise BackupError(message % {"error": error}) from None
    restored = {entry.path.removeprefix(f"{MEDIA_DIR}/") for entry in manifest.media}
    extra = [p for p in relative_files(media_root, skip_prefix=STAGING_PREFIX) if p not in restored]
    if prune_media:
        for relative in extra:
            (media_root / relative).unlink()
    _media_check(media_root, manifest, progress, total)
    return RestoreOutcome(
        manifest=manifest,
        media_files=len(manifest.media),
        media_bytes=sum(entry.size for entry in manifest.media),
        extra_media=extra,
        extra_media_removed=prune_media,
        migrations_behind=behind,
    )


def _media_stage(
    path: Path, manifest: Manifest, staging: Path, progress: Progress | None, total: int
) -> list[tuple[str, Path]]:
    staged = []
    for done, entry in enumerate(manifest.media, start=1):
        copy = staging / str(done)
        copied = file_copy_hashed(path / entry.path, copy)
        if (copied.size, copied.sha256) != (entry.size, entry.sha256):
            raise BackupError(
                _("%(path)s changed in the backup during the restore; nothing was changed.")
                % {"path": entry.path}
            )
        staged.append((entry.path.removeprefix(f"{MEDIA_DIR}/"), copy))
        if progress:
            progress(done, total)
    return staged


def _media_check(
    media_root: Path, manifest: Manifest, progress: Progress | None, total: int
) -> None:
    """Every restored media file, read back, has the size and SHA-256 of the manifest."""
    done = total - len(manifest.media)
    for entry in manifest.media:
        target = media_root / entry.path.removeprefix(f"{MEDIA_DIR}/")
        found = file_hash(target) if target.is_file() else None
        if found is None or (found.size, found.sha256) != (entry.size, entry.sha256):
            raise BackupError(
                _("The restored file %(path)s differs from the backup.") % {"path": target}
            )
        done += 1
        if progress:
            progress(done, total)


def _entry_at(entry: FileEntry, path: str) -> FileEntry:
    return FileEntry(path=path, size=entry.size, sha256=entry.sha256)


def _unused_name(directory: Path, name: str) -> Path:
    candidate, number = directory / name, 1
    while candidate.exists() or (directory / f".{candidate.name}.partial").exists():
        number += 1
        candidate = directory / f"{name}-{number}"
    return candidate


def _durable_write(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def _directory_sync(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _kieumau_version() -> str:
    try:
        return version("kieumau")
    except PackageNotFoundError:
        return "unknown"
