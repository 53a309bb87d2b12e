import datetime

import pytest
from django.urls import reverse

from kieumau.context import services
from kieumau.context.models import DirectiveDocument

from .conftest import PDF, PNG, pdf, png


@pytest.fixture
def document(world) -> DirectiveDocument:
    return services.directive_document_add(
        actor=world.users["province_own"],
        province=world.nghe_an,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.DIRECTIVE,
        number="05-CT/TU",
        date=datetime.date(2023, 4, 10),
        title="Chỉ thị về xây dựng Công an phường kiểu mẫu",
        upload=pdf("Chỉ thị 05.pdf"),
    )


@pytest.fixture
def photo(world):
    practice = services.good_practice_add(
        actor=world.users["ward_own"],
        registration=world.registration,
        title="Quầy tiếp dân thân thiện",
        description="Bố trí quầy tiếp dân một cửa.",
        tags=[],
        photos=[png("quầy.png")],
    )
    return practice.photos.get()


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", ["province_own", "ministry", "viewer"])
def test_directive_file_download_in_scope_is_an_attachment(client, world, document, role):
    response = get(client, world.users[role], reverse("context:directive-file", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Ch%E1%BB%89_th%E1%BB%8B_05.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["province_other", "ward_own", "ward_other"])
def test_directive_file_download_out_of_scope_is_not_found(client, world, document, role):
    response = get(client, world.users[role], reverse("context:directive-file", args=[document.pk]))

    assert response.status_code == 404
    assert not hasattr(response, "streaming_content")


def test_directive_file_download_needs_a_login(client, document):
    url = reverse("context:directive-file", args=[document.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={url}"


def test_directive_file_download_of_a_document_without_a_file_is_not_found(client, world):
    document = services.directive_document_add(
        actor=world.users["province_own"],
        province=world.nghe_an,
        issuer=DirectiveDocument.Issuer.PROVINCIAL_POLICE,
        kind=DirectiveDocument.Kind.PLAN,
        number="200/KH-CAT",
        date=datetime.date(2023, 5, 2),
        title="Kế hoạch triển khai",
    )

    url = reverse("context:directive-file", args=[document.pk])
    response = get(client, world.users["province_own"], url)

    assert response.status_code == 404


def test_directive_file_download_refuses_a_post(client, world, document):
    client.force_login(world.users["province_own"])

    response = client.post(reverse("context:directive-file", args=[document.pk]))

    assert response.status_code == 405


@pytest.mark.parametrize("role", ["ward_own", "province_own", "ministry"])
def test_practice_photo_in_scope_is_shown_inline_and_never_sniffed(client, world, photo, role):
    response = get(client, world.users[role], reverse("context:practice-photo", args=[photo.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline; filename*=utf-8''qu%E1%BA%A7y.png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize("role", ["ward_other", "province_other"])
def test_practice_photo_out_of_scope_is_not_found(client, world, photo, role):
    response = get(client, world.users[role], reverse("context:practice-photo", args=[photo.pk]))

    assert response.status_code == 404


def test_a_file_missing_from_storage_is_not_found(client, world, document, media):
    (media / document.file.name).unlink()

    url = reverse("context:directive-file", args=[document.pk])
    response = get(client, world.users["province_own"], url)

    assert response.status_code == 404
