"""Storing checked uploads under their random names; never leaving a file without its row.

A file is written only after the row has been validated, removed again if the save fails, and
an old file is deleted only once the transaction that dropped it has committed.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from kieumau.core.uploads import CheckedUpload


class StoredFiles:
    """Files written inside ``files_removed_on_error``."""

    def __init__(self) -> None:
        self.written: list[FieldFile] = []

    def write(self, field: FieldFile, checked: CheckedUpload, upload: UploadedFile) -> None:
        field.save(checked.storage_name, upload, save=False)
        self.written.append(field)


@contextmanager
def files_removed_on_error() -> Iterator[StoredFiles]:
    stored = StoredFiles()
    try:
        yield stored
    except BaseException:
        for field in stored.written:
            field.storage.delete(field.name)
        raise


def files_delete_on_commit(*fields: FieldFile) -> None:
    """Delete these files from storage once the current transaction commits."""
    stored_files_delete_on_commit([(field.storage, field.name) for field in fields if field])


def stored_files_delete_on_commit(doomed: list[tuple[Storage, str]]) -> None:
    """Delete (storage, name) pairs once the current transaction commits: a rollback keeps them."""

    def delete() -> None:
        for storage, name in doomed:
            storage.delete(name)

    if doomed:
        transaction.on_commit(delete)
