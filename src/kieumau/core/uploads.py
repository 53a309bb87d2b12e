"""Checking an uploaded file before anything is stored: type from its bytes, size, name.

The name a user gives is kept for display only; the type is read from the content, so an
executable renamed ``report.pdf`` is refused.
"""

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

DOCUMENTS = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
IMAGES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
EVIDENCE_TYPES = {**DOCUMENTS, **IMAGES}


@dataclass(frozen=True)
class CheckedUpload:
    original_name: str  # sanitised, for display
    storage_name: str  # random, with the extension of the sniffed type
    content_type: str
    size: int
    sha256: str


def upload_check(
    upload: UploadedFile, *, allowed: dict[str, str], max_bytes: int | None = None
) -> CheckedUpload:
    """Return what the file really is, or raise ValidationError saying why it is refused."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file of %(size)s MB is over the limit of %(limit)s MB."),
            params={"size": f"{upload.size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.0f}"},
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        found = kind.mime if kind else _("unknown")
        accepted = ", ".join(sorted(set(allowed.values())))
        raise ValidationError(
            _("This type of file is not accepted (%(found)s); accepted: %(accepted)s."),
            params={"found": found, "accepted": accepted},
        )
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        original_name=_display_name(upload.name or "tep"),
        storage_name=f"{secrets.token_hex(16)}.{allowed[kind.mime]}",
        content_type=kind.mime,
        size=upload.size,
        sha256=digest.hexdigest(),
    )


MAX_NAME_LENGTH = 200
# Names Windows gives to devices: a download saved as "CON.pdf" would not open there.
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{device}{number}" for device in ("COM", "LPT") for number in range(1, 10)
}


def _display_name(name: str) -> str:
    """The last path part, NFC, keeping letters (Vietnamese too), digits, "-", "_" and ".";
    control and bidirectional characters dropped, device names prefixed, length capped."""
    base = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    try:
        valid = get_valid_filename(base).rstrip(".")
    except SuspiciousFileOperation:  # "", ".", ".."
        return "tep"
    if not valid:
        return "tep"
    if valid.split(".")[0].upper() in WINDOWS_RESERVED:
        valid = f"_{valid}"
    if len(valid) > MAX_NAME_LENGTH:
        suffix = PurePath(valid).suffix[:16]
        valid = valid[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return valid
