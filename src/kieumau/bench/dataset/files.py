"""The few real files every evidence record and directive document of the dataset points to.

Written once under MEDIA_ROOT (where ``evidence_path`` would put them): hundreds of thousands of
records, a handful of files, each record with the true size, type and SHA-256 of its file.
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


@dataclass(frozen=True)
class SampleFile:
    name: str  # storage name, relative to MEDIA_ROOT
    original_name: str
    content_type: str
    size: int
    sha256: str
    extension: str


def sample_files_write() -> list[SampleFile]:
    """Three PDFs and two JPEGs under ``evidence/``; rewritten when already there."""
    contents = [
        ("bien-ban-kiem-tra.pdf", "application/pdf", "pdf", _pdf("Bien ban kiem tra")),
        ("ke-hoach-thuc-hien.pdf", "application/pdf", "pdf", _pdf("Ke hoach thuc hien")),
        ("bao-cao-ket-qua.pdf", "application/pdf", "pdf", _pdf("Bao cao ket qua")),
        ("tru-so-cong-an.jpg", "image/jpeg", "jpg", _jpeg((40, 90, 160))),
        ("hoat-dong-tuan-tra.jpg", "image/jpeg", "jpg", _jpeg((160, 60, 40))),
    ]
    files = []
    for number, (original, content_type, extension, data) in enumerate(contents, start=1):
        sha256 = hashlib.sha256(data).hexdigest()
        name = f"evidence/{sha256[:2]}/bench-sample-{number}.{extension}"
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(data))
        files.append(SampleFile(stored, original, content_type, len(data), sha256, extension))
    return files


def _pdf(title: str) -> bytes:
    """A one-page PDF saying ``title`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 18 Tf 72 720 Td ({title}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, xref))
    return out.getvalue()


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image  # a dependency of WeasyPrint; only the dataset draws pictures

    buffer = io.BytesIO()
    Image.new("RGB", (160, 120), colour).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
