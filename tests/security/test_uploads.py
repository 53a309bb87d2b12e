"""Uploads: what the other upload tests do not already try (see docs/security.md).

Names a browser or an attacker may send, contents dressed up as documents, the stored file's
name, media never reachable by URL, and the system check that keeps media out of the static
files.
"""

import io
import re
import zipfile

import pytest
from django.core.checks import Error
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import translation

from kieumau.assessments.models import Evidence
from kieumau.assessments.services.evidence import evidence_add
from kieumau.core.checks import media_outside_static
from kieumau.core.uploads import EVIDENCE_TYPES, IMAGES, upload_check
from tests.assessments.factories import PDF

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),  # path traversal, POSIX
        ("C:\\Users\\can-bo\\bien-ban.pdf", "bien-ban.pdf"),  # a Windows path
        ("bien\x00ban.pdf", "bienban.pdf"),  # NUL byte
        ("bien-ban\u202efdp.exe", "bien-banfdp.exe"),  # right-to-left override
        ("bien-ban.pdf\u200b", "bien-ban.pdf"),  # zero-width space
        ("bien-ban\r\n.pdf", "bien-ban.pdf"),  # header injection by line break
        ('bao "cao".pdf', "bao_cao.pdf"),  # quotes that would close the header value
        ("CON", "_CON"),  # Windows device names
        ("nul.pdf", "_nul.pdf"),
        ("com1.docx", "_com1.docx"),
        ("LPT9.xlsx", "_LPT9.xlsx"),
        ("console.pdf", "console.pdf"),  # only the whole first part is a device name
        ("bien-ban.", "bien-ban"),  # Windows drops trailing dots
        ("...", "tep"),
        ("Biên bản kiểm tra.pdf", "Biên_bản_kiểm_tra.pdf"),  # Vietnamese letters stay
    ],
)
def test_an_uploaded_files_name_is_made_safe_for_display_and_download(sent, kept):
    checked = upload_check(SimpleUploadedFile(sent, PDF), allowed=EVIDENCE_TYPES)

    assert checked.original_name == kept


def test_a_name_of_only_dots_or_nothing_is_refused_by_django_before_our_check():
    for name in ("..", ""):
        with pytest.raises(SuspiciousFileOperation):
            SimpleUploadedFile(name, PDF)


def test_a_very_long_name_is_cut_to_200_characters_keeping_its_extension():
    checked = upload_check(SimpleUploadedFile("a" * 300 + ".pdf", PDF), allowed=EVIDENCE_TYPES)

    assert checked.original_name == "a" * 196 + ".pdf"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "found"),
    [
        ("bao-cao.pdf", b"<html><script>alert(1)</script></html>", "unknown"),
        ("anh.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', "unknown"),
        ("bao-cao.pdf", b"#!/bin/sh\nrm -rf /\n", "unknown"),
        ("bao-cao.pdf", b"\x7fELF" + b"\x00" * 100, "application/x-executable"),
        ("bao-cao.docx", _zip(), "application/zip"),
    ],
)
def test_a_script_page_or_archive_dressed_as_a_document_is_refused(name, content, found):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            upload_check(SimpleUploadedFile(name, content), allowed=EVIDENCE_TYPES)
        messages = refused.value.messages

    accepted = ", ".join(sorted(set(EVIDENCE_TYPES.values())))
    assert messages == [f"This type of file is not accepted ({found}); accepted: {accepted}."]


def test_an_image_upload_refuses_a_pdf_named_png():
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            upload_check(SimpleUploadedFile("anh.png", PDF), allowed=IMAGES)
        messages = refused.value.messages

    assert messages == [
        "This type of file is not accepted (application/pdf); accepted: gif, jpg, png, webp."
    ]


def test_each_stored_file_gets_its_own_random_name_that_tells_nothing_of_the_upload(
    assessment, people, media_root
):
    result = assessment.results.order_by("criterion__position").first()

    first, second = (
        evidence_add(
            actor=people.ward_own,
            result=result,
            upload=SimpleUploadedFile("Biên bản họp dân.pdf", PDF),
        )
        for _ in range(2)
    )

    names = [first.file.name, second.file.name]
    digest = first.sha256
    assert all(re.fullmatch(rf"evidence/{digest[:2]}/[0-9a-f]{{32}}\.pdf", n) for n in names)
    assert first.storage_name != second.storage_name
    assert {first.original_name, second.original_name} == {"Biên_bản_họp_dân.pdf"}
    assert sorted(p.name for p in media_root.rglob("*.pdf")) == sorted(
        [first.storage_name, second.storage_name]
    )


def test_the_download_sends_the_sanitised_name_as_an_attachment_never_sniffed(
    client, assessment, people
):
    result = assessment.results.order_by("criterion__position").first()
    evidence = evidence_add(
        actor=people.ward_own,
        result=result,
        upload=SimpleUploadedFile("../bien\u202eban\x00.pdf", PDF),
    )
    client.force_login(people.ward_own)

    response = client.get(reverse("assessments:evidence-download", args=[evidence.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bienban.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("debug", [False, True])
def test_stored_files_are_never_served_by_a_media_url(client, assessment, people, settings, debug):
    settings.DEBUG = debug
    result = assessment.results.order_by("criterion__position").first()
    evidence = evidence_add(
        actor=people.ward_own, result=result, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(people.ward_own)

    for url in (
        f"/{settings.MEDIA_URL}{evidence.file.name}",
        f"/{settings.MEDIA_URL}{evidence.storage_name}",
        f"/{settings.STATIC_URL}../{settings.MEDIA_URL}{evidence.file.name}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert PDF not in response.content
    assert Evidence.objects.get().file.read() == PDF


@pytest.mark.parametrize(
    ("media", "static"),
    [("data/static/media", "data/static"), ("data/files", "data/files/static"), ("a", "a")],
)
def test_the_system_check_refuses_media_and_static_inside_each_other(
    settings, tmp_path, media, static
):
    settings.MEDIA_ROOT = tmp_path / media
    settings.STATIC_ROOT = tmp_path / static

    errors = media_outside_static(None)

    assert [(error.id, error.msg) for error in errors] == [
        (
            "kieumau.E001",
            f"MEDIA_ROOT ({tmp_path / media}) and STATIC_ROOT ({tmp_path / static}) overlap.",
        )
    ]
    assert all(isinstance(error, Error) for error in errors)


def test_the_system_check_accepts_media_beside_static(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.STATIC_ROOT = tmp_path / "data" / "static"

    assert media_outside_static(None) == []


def test_the_check_runs_with_manage_check(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "static" / "uploads"

    with pytest.raises(SystemCheckError, match=r"kieumau\.E001"):
        call_command("check")
