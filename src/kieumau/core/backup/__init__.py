"""Backup and restore of the whole installation: database and media (see docs/operations.md)."""

from kieumau.core.backup.manifest import BackupError, Manifest
from kieumau.core.backup.services import (
    RestoreOutcome,
    backup_create,
    backup_restore,
    backup_verify,
)

__all__ = [
    "BackupError",
    "Manifest",
    "RestoreOutcome",
    "backup_create",
    "backup_restore",
    "backup_verify",
]
