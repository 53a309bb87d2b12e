"""The manifest of a backup folder, and the check that every file it lists is there, unaltered.

A backup is a folder: ``manifest.json``, the database dump and ``media/``. The manifest lists
every other file with its size and SHA-256; a backup is trusted only when the folder holds
exactly those files with exactly those sums.
"""

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

FORMAT = "kieumau-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
CHUNK = 1_048_576
PROBLEMS_SHOWN = 10

Progress = Callable[[int, int], None]


class BackupError(Exception):
    """A backup could not be made, or a backup is refused; the message says why."""


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the backup folder, with "/" separators
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str  # ISO 8601, UTC
    kieumau_version: str
    engine: str  # "sqlite" or "postgresql"
    database_file: str
    database_tool: str  # what wrote the dump: "sqlite3 3.40.1", "pg_dump (PostgreSQL) 16.4"
    migrations: dict[str, str]  # app label → latest applied migration
    files: list[FileEntry]

    @property
    def media(self) -> list[FileEntry]:
        return [entry for entry in self.files if entry.path.startswith(f"{MEDIA_DIR}/")]

    def as_json(self) -> str:
        data = {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def file_copy_hashed(source: Path, target: Path) -> FileEntry:
    """Copy ``source`` to a new file ``target`` (owner-only, flushed to disk) and hash the bytes
    copied; ``FileEntry.path`` is the target's name."""
    digest, size = hashlib.sha256(), 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as reader, os.fdopen(descriptor, "wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return FileEntry(path=target.name, size=size, sha256=digest.hexdigest())


def file_hash(path: Path) -> FileEntry:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileEntry(path=path.name, size=size, sha256=digest.hexdigest())


def manifest_read(folder: Path) -> Manifest:
    """The manifest of ``folder``, or BackupError when it is missing or not one we wrote."""
    path = folder / MANIFEST_NAME
    if not folder.is_dir():
        raise BackupError(_("%(path)s is not a backup folder.") % {"path": folder})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _("%(path)s has no manifest.json: it is not a complete backup.") % {"path": folder}
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(
            _("The manifest %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not a Kiểu Mẫu backup manifest.") % {"path": path})
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("The backup format version %(found)s is not supported (this version reads %(ours)s).")
            % {"found": data.get("format_version"), "ours": FORMAT_VERSION}
        )
    try:
        manifest = Manifest(
            created_at=_text(data["created_at"]),
            kieumau_version=_text(data["kieumau_version"]),
            engine=_text(data["engine"]),
            database_file=_text(data["database_file"]),
            database_tool=_text(data["database_tool"]),
            migrations={_text(k): _text(v) for k, v in dict(data["migrations"]).items()},
            files=[_entry(item) for item in data["files"]],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError(
            _("The manifest %(path)s is damaged (%(error)s).")
            % {"path": path, "error": repr(error)}
        ) from None
    _paths_check(manifest)
    return manifest


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {value!r}")
    return value


def _entry(item: dict) -> FileEntry:
    size, sha256 = item["size"], _text(item["sha256"])
    if not isinstance(size, int) or size < 0 or len(sha256) != 64:
        raise ValueError(f"bad size or sha256 for {item.get('path')!r}")
    return FileEntry(path=_text(item["path"]), size=size, sha256=sha256.lower())


def _paths_check(manifest: Manifest) -> None:
    """Every path stays inside the folder: the dump at the top, everything else under media/."""
    paths = [entry.path for entry in manifest.files]
    bad = [path for path in paths if not _path_is_safe(path, manifest.database_file)]
    if bad or len(set(paths)) != len(paths) or manifest.database_file not in paths:
        shown = ", ".join(bad[:PROBLEMS_SHOWN]) or manifest.database_file
        raise BackupError(
            _("The manifest lists paths a backup cannot hold: %(paths)s.") % {"paths": shown}
        )


def _path_is_safe(path: str, database_file: str) -> bool:
    pure = PurePosixPath(path)
    if pure.is_absolute() or "\\" in path or any(part in ("", ".", "..") for part in pure.parts):
        return False
    if str(pure) != path:
        return False
    if path == database_file:
        return len(pure.parts) == 1 and path != MANIFEST_NAME
    return len(pure.parts) > 1 and pure.parts[0] == MEDIA_DIR


def files_verify(folder: Path, manifest: Manifest, progress: Progress | None = None) -> None:
    """Raise BackupError naming every file that is missing, altered or not in the manifest."""
    problems: list[str] = []
    total = len(manifest.files)
    present = set(relative_files(folder))  # regular files reached without following a link
    for done, entry in enumerate(manifest.files, start=1):
        path = folder / entry.path
        if entry.path not in present:
            problems.append(_("%(path)s is missing") % {"path": entry.path})
        else:
            found = file_hash(path)
            if found.size != entry.size:
                problems.append(
                    _("%(path)s has %(found)s bytes, the manifest says %(size)s")
                    % {"path": entry.path, "found": found.size, "size": entry.size}
                )
            elif found.sha256 != entry.sha256:
                problems.append(_("%(path)s has been altered (SHA-256)") % {"path": entry.path})
        if progress:
            progress(done, total)
    listed = {entry.path for entry in manifest.files} | {MANIFEST_NAME}
    for extra in sorted(present - listed):
        problems.append(_("%(path)s is not in the manifest") % {"path": extra})
    if problems:
        shown = "; ".join(problems[:PROBLEMS_SHOWN])
        if len(problems) > PROBLEMS_SHOWN:
            shown += " …"
        raise BackupError(
            _(
                "The backup %(folder)s is refused, nothing was changed: %(count)s problem(s): "
                "%(problems)s."
            )
            % {"folder": folder, "count": len(problems), "problems": shown}
        )


def relative_files(root: Path, *, skip_prefix: str | None = None) -> list[str]:
    """Every regular file under ``root`` as a "/"-separated relative path (links not followed);
    directories whose name starts with ``skip_prefix`` are left out."""
    found = []
    for directory, subdirectories, names in os.walk(root):
        if skip_prefix:
            subdirectories[:] = [d for d in subdirectories if not d.startswith(skip_prefix)]
        for name in names:
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)
