import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.core.uploads import EVIDENCE_TYPES, IMAGES, upload_check

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 300


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_upload_check_reads_the_type_from_the_bytes_and_hashes_the_content():
    checked = upload_check(SimpleUploadedFile("Báo cáo quý 1.pdf", PDF), allowed=EVIDENCE_TYPES)

    assert checked.content_type == "application/pdf"
    assert checked.sha256 == hashlib.sha256(PDF).hexdigest()
    assert checked.size == len(PDF)
    assert checked.original_name == "Báo_cáo_quý_1.pdf"
    assert checked.storage_name.endswith(".pdf")
    assert len(checked.storage_name) == 36


def test_upload_check_names_the_stored_file_by_its_real_type():
    checked = upload_check(SimpleUploadedFile("bang-tinh.pdf", _xlsx()), allowed=EVIDENCE_TYPES)

    assert checked.storage_name.endswith(".xlsx")
    assert checked.original_name == "bang-tinh.pdf"


def test_upload_check_refuses_an_executable_renamed_pdf():
    with pytest.raises(ValidationError, match="application/x-msdownload"):
        upload_check(SimpleUploadedFile("bao-cao.pdf", EXE), allowed=EVIDENCE_TYPES)


def test_upload_check_refuses_a_type_outside_the_allowed_set():
    with pytest.raises(ValidationError, match="chỉ nhận: gif, jpg, png, webp"):
        upload_check(SimpleUploadedFile("anh.pdf", PDF), allowed=IMAGES)


def test_upload_check_refuses_an_oversized_or_empty_file():
    with pytest.raises(ValidationError, match="vượt giới hạn 1 MB"):
        upload_check(
            SimpleUploadedFile("lon.pdf", PDF + b"0" * 1_048_576),
            allowed=EVIDENCE_TYPES,
            max_bytes=1_048_576,
        )
    with pytest.raises(ValidationError, match="Tệp rỗng"):
        upload_check(SimpleUploadedFile("rong.pdf", b""), allowed=EVIDENCE_TYPES)


def test_upload_check_keeps_only_the_last_part_of_a_path_like_name():
    checked = upload_check(
        SimpleUploadedFile("..\\..\\windows\\a b.pdf", PDF), allowed=EVIDENCE_TYPES
    )

    assert checked.original_name == "a_b.pdf"
