"""Checks on an uploaded workbook before openpyxl parses any of it.

An xlsx file is a ZIP archive of XML parts. Everything here reads the archive's directory
(``infolist``) or streams one part at a time, so a hostile file — a CSV renamed .xlsx, a zip
bomb, a sheet of a million rows, a macro-enabled workbook — is refused quickly and with little
memory. Limits come from the settings (WORKBOOK_MAX_*), so a deployment can tune them.
"""

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kieumau.workbooks.problems import WorkbookRefused

REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# A generated workbook has a few dozen parts; thousands mean something else is in the archive.
MAX_MEMBERS = 1000
# Tiny parts compress at any ratio without being a danger; only larger ones can be a bomb.
RATIO_CHECKED_FROM_BYTES = 1_048_576
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an xlsx with a password
CHUNK = 1_048_576
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref="[A-Z]*\d+(?::[A-Z]*(\d+))?"')
WORKSHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")


def workbook_bytes_read(file) -> bytes:
    """The file's bytes, refused unread past WORKBOOK_MAX_BYTES (never more is read)."""
    limit = settings.WORKBOOK_MAX_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise _too_big(size, limit)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_big(len(data), limit)
    return data


def workbook_check(data: bytes, *, file_name: str = "") -> None:
    """Refuse (WorkbookRefused) anything that is not a plain, reasonably sized xlsx workbook.

    Reads only the ZIP directory and streams the worksheet parts; extracts nothing.
    """
    if file_name.lower().endswith((".xlsm", ".xltm", ".xlam")):
        raise WorkbookRefused(_MACROS)
    if data.startswith(OLE_SIGNATURE):
        raise WorkbookRefused(
            _(
                "The file is an old Excel file (.xls) or protected by a password. Open it in "
                "Excel and save it as an .xlsx workbook without a password."
            )
        )
    if not data.startswith(b"PK\x03\x04"):
        raise WorkbookRefused(_NOT_XLSX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookRefused(_NOT_XLSX) from None
    with archive:
        _members_check(members)
        names = {member.filename for member in members}
        if not all(part in names for part in REQUIRED_PARTS):
            raise WorkbookRefused(_NOT_XLSX)
        content_types = archive.read("[Content_Types].xml")
        if any(name.lower().endswith("vbaproject.bin") for name in names) or (
            b"macroEnabled" in content_types
        ):
            raise WorkbookRefused(_MACROS)
        for member in members:
            if WORKSHEET_PART.fullmatch(member.filename):
                _rows_check(archive, member)


def _members_check(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused(
            _("The file holds %(count)d parts; a workbook may hold at most %(limit)d."),
            params={"count": len(members), "limit": MAX_MEMBERS},
        )
    total_limit = settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES
    ratio_limit = settings.WORKBOOK_MAX_COMPRESSION_RATIO
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise WorkbookRefused(_NOT_XLSX)  # an encrypted ZIP member is not an xlsx part
        total += member.file_size
        if total > total_limit:
            raise WorkbookRefused(
                _(
                    "The workbook unpacks to more than %(limit)s MB; it is refused as too large "
                    "(possibly a zip bomb)."
                ),
                params={"limit": _megabytes(total_limit)},
            )
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and (
            member.file_size > ratio_limit * max(member.compress_size, 1)
        ):
            raise WorkbookRefused(
                _(
                    "The part %(part)s of the workbook is compressed more than %(ratio)d times; "
                    "it is refused as a possible zip bomb."
                ),
                params={"part": member.filename, "ratio": ratio_limit},
            )


def _rows_check(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a worksheet of more than WORKBOOK_MAX_ROWS rows, by its declared dimension
    (the first bytes) or by counting its row elements as the part streams by."""
    limit = settings.WORKBOOK_MAX_ROWS
    rows = 0
    tail = b""
    with archive.open(member) as part:
        first = True
        while chunk := part.read(CHUNK):
            if first:
                declared = DIMENSION.search(chunk)
                if declared and declared.group(1) and int(declared.group(1)) > limit + 1:
                    raise _too_many_rows(limit)
                first = False
            window = tail + chunk
            # A tag cut between two chunks is counted once: the tail holds only its opening.
            rows += len(ROW_TAG.findall(window))
            cut = window.rfind(b"<", max(len(window) - 40, 0))
            tail = window[cut:] if cut >= 0 and not ROW_TAG.match(window, cut) else b""
            if rows > limit + 1:  # + the header row
                raise _too_many_rows(limit)


def _too_many_rows(limit: int) -> WorkbookRefused:
    return WorkbookRefused(
        _("A sheet of the workbook has more than %(limit)d rows; split the file."),
        params={"limit": limit},
    )


def _too_big(size: int, limit: int) -> WorkbookRefused:
    return WorkbookRefused(
        _("The file is %(size)s MB; a workbook may be at most %(limit)s MB."),
        params={"size": _megabytes(size), "limit": _megabytes(limit)},
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".rstrip("0").rstrip(".")


_NOT_XLSX = _(
    "The file is not an Excel workbook (.xlsx). A CSV or another file renamed .xlsx is not "
    "accepted: download the template, fill it in and save it as .xlsx."
)
_MACROS = _(
    "The workbook contains macros (.xlsm). Macros are not accepted: save the file as an .xlsx "
    "workbook without macros."
)
