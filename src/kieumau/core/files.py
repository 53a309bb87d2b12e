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
from django.http import FileResponse
from django.utils.cache import patch_cache_control

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


def scoped_file_response(
    handle, *, filename: str, content_type: str, as_attachment: bool = True
) -> FileResponse:
    """A stored file for the one user whose scope was checked: its recorded name and type,
    no sniffing by the browser, and no copy kept by a shared cache for anyone else."""
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
