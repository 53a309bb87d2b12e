"""Dumping and restoring the database: SQLite's online backup API, or pg_dump / pg_restore.

Both give a consistent copy while the server keeps running: SQLite copies a snapshot (readers
and WAL writers are not blocked), pg_dump reads in one repeatable-read transaction.
"""

import sqlite3
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from kieumau.core.backup import postgres
from kieumau.core.backup.manifest import BackupError

DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Rows that `migrate` itself writes: a database holding only these counts as empty.
BOOKKEEPING_MODELS = (ContentType, Permission)


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_FILES:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def migration_state(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest applied migration of each app (the one with the longest history)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    latest: dict[str, tuple[int, str]] = {}
    for app, name in loader.applied_migrations:
        node = (app, name)
        depth = len(loader.graph.forwards_plan(node)) if node in loader.graph.nodes else 0
        if app not in latest or (depth, name) > latest[app]:
            latest[app] = (depth, name)
    return {app: name for app, (_, name) in sorted(latest.items())}


def migrations_behind(connection: BaseDatabaseWrapper, recorded: dict[str, str]) -> list[str]:
    """Apps whose backup predates this code's migrations (`migrate` brings them up to date);
    BackupError when the backup holds a migration this code does not know (a newer version)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}" for app, name in recorded.items() if (app, name) not in loader.graph.nodes
    ]
    if unknown:
        raise BackupError(
            _(
                "The backup was made by another version of Kiểu Mẫu: this code does not know "
                "its migrations %(migrations)s. Restore it with the version that made it."
            )
            % {"migrations": ", ".join(sorted(unknown))}
        )
    behind = []
    for app, name in recorded.items():
        leaves = loader.graph.leaf_nodes(app)
        if leaves and (app, name) not in leaves:
            behind.append(app)
    behind += [app for app, _ in loader.graph.leaf_nodes() if app not in recorded]
    return sorted(set(behind))


def rows_held(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Rows per model table (label → count), bookkeeping left out; empty when there are none."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model in BOOKKEEPING_MODELS or model._meta.db_table not in tables:
            continue
        count = model._base_manager.using(connection.alias).count()
        if count:
            counts[model._meta.label] = count
    return counts


def database_dump(connection: BaseDatabaseWrapper, folder: Path) -> str:
    """Write the dump into ``folder`` (under ``DUMP_FILES[engine]``); return the tool's version."""
    engine = engine_of(connection)
    target = folder / DUMP_FILES[engine]
    if engine == "sqlite":
        return _sqlite_dump(connection, target)
    binary, version = postgres.tool_find("pg_dump", at_least=postgres.server_major(connection))
    postgres.tool_run(
        [str(binary), "--format=custom", "--no-password", f"--file={target}"],
        connection,
        _("pg_dump failed"),
    )
    target.chmod(0o600)
    return version


def _sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> str:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # The copy stands alone: no -wal/-shm files beside it, readable from a read-only place.
        copy.execute("PRAGMA journal_mode=DELETE")
        (verdict,) = copy.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error as error:
        raise BackupError(_("The SQLite backup failed: %(error)s") % {"error": error}) from None
    finally:
        copy.close()
    if verdict != "ok":
        raise BackupError(_("The SQLite copy is damaged: %(error)s") % {"error": verdict})
    target.chmod(0o600)
    return f"sqlite3 {sqlite3.sqlite_version}"


def restore_tool_check(connection: BaseDatabaseWrapper, dump_tool: str) -> Path | None:
    """The pg_restore able to read a dump written by ``dump_tool`` (None for SQLite);
    BackupError, before anything changes, when there is none."""
    if engine_of(connection) == "sqlite":
        return None
    binary, _version = postgres.tool_find("pg_restore", at_least=postgres.version_major(dump_tool))
    return binary


def database_restore(connection: BaseDatabaseWrapper, dump: Path, pg_restore: Path | None) -> None:
    """Replace the content of Django's database by the dump, all or nothing."""
    # Our own idle connection must not hold locks on the tables pg_restore drops, nor keep
    # statements prepared against the old ones.
    if not connection.in_atomic_block:
        connection.close()
    if engine_of(connection) == "sqlite":
        _sqlite_restore(connection, dump)
    else:
        postgres.tool_run(
            [
                str(pg_restore),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--no-password",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            connection,
            _("pg_restore failed, the database is unchanged"),
        )
    if not connection.in_atomic_block:
        connection.close()
    ContentType.objects.clear_cache()  # ids in the restored table may differ from the cached


def _sqlite_restore(connection: BaseDatabaseWrapper, dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(_("The SQLite restore failed: %(error)s") % {"error": error}) from None
    finally:
        source.close()
