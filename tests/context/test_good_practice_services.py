import hashlib
import re
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from kieumau.context import services
from kieumau.context.models import GoodPractice, GoodPracticePhoto, GoodPracticeTag

from .conftest import PNG, pdf, png, stored_files


def add(world, **changes) -> GoodPractice:
    values = {
        "actor": world.users["ward_own"],
        "registration": world.registration,
        "title": "Dịch vụ công trực tuyến tại trụ sở",
        "description": "Cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại trụ sở.",
        "tags": ["dịch vụ công"],
    }
    return services.good_practice_add(**(values | changes))


def tag_names(practice: GoodPractice) -> list[str]:
    return [tag.name for tag in practice.tags.all()]


def test_good_practice_add_normalises_the_tags(world):
    decomposed = unicodedata.normalize("NFD", "Chuyển đổi số")

    practice = add(
        world,
        tags=[" Dịch vụ công  TRỰC TUYẾN ", "dịch vụ công trực tuyến", decomposed, "", "ĐỔI MỚI"],
    )

    assert tag_names(practice) == ["dịch vụ công trực tuyến", "chuyển đổi số", "đổi mới"]
    assert practice.created_by == world.users["ward_own"]


def test_good_practice_add_splits_a_string_of_tags_at_commas(world):
    practice = add(world, tags="Chuyển đổi số, an ninh trật tự ,,chuyển đổi số")

    assert tag_names(practice) == ["chuyển đổi số", "an ninh trật tự"]


def test_good_practice_add_stores_the_photos(world, media):
    practice = add(world, photos=[png("Trụ sở.png"), png("quầy.png")])

    photos = list(practice.photos.all())
    assert [photo.original_name for photo in photos] == ["Trụ_sở.png", "quầy.png"]
    assert {(photo.content_type, photo.size) for photo in photos} == {("image/png", len(PNG))}
    assert photos[0].sha256 == hashlib.sha256(PNG).hexdigest()
    assert all(re.fullmatch(r"practices/[0-9a-f]{32}\.png", photo.image.name) for photo in photos)
    assert stored_files(media) == sorted(photo.image.name for photo in photos)


def test_good_practice_add_refuses_a_document_among_the_photos_and_stores_nothing(world, media):
    with pytest.raises(ValidationError) as refused:
        add(world, photos=[png(), pdf("anh.jpg")])

    assert refused.value.message_dict == {
        "photos": [
            "«anh.jpg»: Loại tệp không được chấp nhận (application/pdf); chỉ nhận: gif, jpg,"
            " png, webp."
        ]
    }
    assert not GoodPractice.objects.exists()
    assert stored_files(media) == []


def test_good_practice_add_refuses_an_empty_title_or_description(world):
    with pytest.raises(ValidationError) as refused:
        add(world, title="   ", description="\n")

    assert refused.value.message_dict == {
        "title": ["Tên mô hình không được để trống."],
        "description": ["Mô tả mô hình không được để trống."],
    }


def test_good_practice_add_refuses_a_long_tag_or_too_many_tags(world):
    with pytest.raises(ValidationError) as refused:
        add(world, tags=["x" * 51, *(f"thẻ {n}" for n in range(20))])

    assert refused.value.message_dict == {
        "tags": [f"Thẻ «{'x' * 51}» dài quá 50 ký tự.", "Mỗi mô hình có tối đa 20 thẻ."]
    }
    assert not GoodPracticeTag.objects.exists()


def test_good_practice_photo_add_accepts_an_image_with_its_facts(world, media):
    practice = add(world)

    photo = services.good_practice_photo_add(
        actor=world.users["ward_own"], practice=practice, upload=png(), caption=" Quầy  tiếp dân "
    )

    photo.refresh_from_db()
    assert (photo.caption, photo.content_type, photo.size) == ("Quầy tiếp dân", "image/png", 72)
    assert photo.sha256 == hashlib.sha256(PNG).hexdigest()
    assert stored_files(media) == [photo.image.name]


def test_good_practice_photo_add_refuses_a_pdf_and_stores_nothing(world, media):
    practice = add(world)

    with pytest.raises(ValidationError, match="chỉ nhận: gif, jpg, png, webp"):
        services.good_practice_photo_add(
            actor=world.users["ward_own"], practice=practice, upload=pdf("anh.png")
        )

    assert not GoodPracticePhoto.objects.exists()
    assert stored_files(media) == []


def test_good_practice_photo_remove_deletes_the_row_and_then_its_file(
    world, media, django_capture_on_commit_callbacks
):
    practice = add(world, photos=[png()])

    with django_capture_on_commit_callbacks(execute=True):
        services.good_practice_photo_remove(
            actor=world.users["ward_own"], photo=practice.photos.get()
        )

    assert not GoodPracticePhoto.objects.exists()
    assert stored_files(media) == []


def test_good_practice_remove_deletes_tags_photos_and_files(
    world, media, django_capture_on_commit_callbacks
):
    practice = add(world, tags=["a", "b"], photos=[png(), png()])

    with django_capture_on_commit_callbacks(execute=True):
        services.good_practice_remove(actor=world.users["ward_own"], practice=practice)

    assert not GoodPractice.objects.exists()
    assert not GoodPracticeTag.objects.exists()
    assert not GoodPracticePhoto.objects.exists()
    assert stored_files(media) == []
