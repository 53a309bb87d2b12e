"""Every service refusal is read in the language of whoever reads it: English msgids, the
Vietnamese text users had before as their translation. Each refusal here is raised in one
language and read in both, so a message fixed at the moment it was raised would fail."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kieumau.accounts.scopes import Denied, Permission, require
from kieumau.assessments.services import (
    SelfValue,
    assessment_approve,
    assessment_submit,
    result_set_self_value,
    results_set_self_values,
)
from kieumau.context.models import DirectiveDocument, Resources
from kieumau.context.services import directive_document_add, resources_set
from kieumau.core.uploads import IMAGES, upload_check
from kieumau.programme.models import Quota, Target
from kieumau.programme.quotas import quota_parameters_clean
from kieumau.programme.services import quota_override, quotas_compute, registration_withdraw
from tests.assessments.factories import PROVINCE_CODE, result_of, unit_get

from .helpers import by_field, in_language

pytestmark = pytest.mark.django_db


def _raised_in(language: str, service, **kwargs) -> Exception:
    with translation.override(language), pytest.raises((ValidationError, Denied)) as refused:
        service(**kwargs)
    return refused.value


# ---- scopes --------------------------------------------------------------------------------


def test_a_denied_permission_speaks_the_readers_language(people):
    denied = _raised_in("vi", require, user=people.viewer, permission=Permission.CONFIGURE)

    assert in_language("en", denied) == (
        "Only officers of the Ministry of Public Security may configure the programme."
    )
    assert in_language("vi", denied) == "Chỉ cán bộ Bộ Công an được cấu hình chương trình."


# ---- assessments ---------------------------------------------------------------------------


def test_a_value_out_of_range_is_refused_in_both_languages(people, assessment):
    refusal = _raised_in(
        "vi",
        result_set_self_value,
        actor=people.ward_own,
        result=result_of(assessment, "TC02"),
        value=Decimal(150),
        version=1,
    )

    assert in_language("en", refusal) == ["Criterion TC02 is a percentage, from 0 to 100."]
    assert in_language("vi", refusal) == ["Tiêu chí TC02 là tỷ lệ phần trăm, từ 0 đến 100."]


def test_the_refusals_of_several_values_keep_their_criterion_and_both_languages(people, assessment):
    values = {"TC03": SelfValue(7), "TC99": SelfValue(1)}
    refusal = _raised_in(
        "en",
        results_set_self_values,
        actor=people.ward_own,
        assessment=assessment,
        values=values,
        version=1,
    )

    assert by_field("en", refusal) == {
        "TC03": ["Criterion TC03 takes only Yes (1) or No (0)."],
        "TC99": ["The assessment has no criterion TC99."],
    }
    assert by_field("vi", refusal) == {
        "TC03": ["Tiêu chí TC03 chỉ nhận Có (1) hoặc Không (0)."],
        "TC99": ["Bản đánh giá không có tiêu chí TC99."],
    }


def test_editing_a_submitted_assessment_names_the_states_in_the_readers_language(
    people, assessment
):
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    refusal = _raised_in(
        "vi",
        results_set_self_values,
        actor=people.ward_own,
        assessment=assessment,
        values={"TC03": SelfValue(1)},
        version=2,
    )

    assert in_language("en", refusal) == [
        "You may change the self-assessment values only while the assessment is in state "
        "«draft» or «returned for changes» (now: «submitted»)."
    ]
    assert in_language("vi", refusal) == [
        "Chỉ được sửa kết quả tự đánh giá khi bản đánh giá ở trạng thái «bản nháp» hoặc "
        "«trả lại để bổ sung» (hiện tại: «đã gửi thẩm định»)."
    ]


def test_a_move_the_workflow_does_not_have_is_refused_in_both_languages(people, assessment):
    refusal = _raised_in(
        "en", assessment_approve, actor=people.province_own, assessment=assessment, version=1
    )

    assert in_language("en", refusal) == [
        "The assessment cannot move from state «draft» to «approved by the province»."
    ]
    assert in_language("vi", refusal) == [
        "Không thể chuyển bản đánh giá từ trạng thái «bản nháp» sang "
        "«Công an tỉnh đã thẩm định đạt»."
    ]


# ---- programme -----------------------------------------------------------------------------


def test_a_quota_override_without_reason_is_refused_on_its_field(people, round):
    quotas_compute(actor=people.ministry, round=round)
    quota = Quota.objects.get(round=round, province__code=PROVINCE_CODE)
    refusal = _raised_in("vi", quota_override, actor=people.ministry, quota=quota, value=3)

    assert by_field("en", refusal) == {
        "override_reason": ["Give the reason for the quota override."]
    }
    assert by_field("vi", refusal) == {"override_reason": ["Cần nêu lý do điều chỉnh chỉ tiêu."]}


def test_withdrawing_a_registration_under_review_names_its_state(people, assessment):
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    refusal = _raised_in(
        "en",
        registration_withdraw,
        actor=people.province_own,
        registration=assessment.registration,
    )

    assert in_language("en", refusal) == [
        "The registration of Phường Trường Vinh (16690) cannot be withdrawn: its assessment "
        "is in state «submitted»; only a draft can be withdrawn."
    ]
    assert in_language("vi", refusal) == [
        "Không rút được đăng ký của Phường Trường Vinh (16690): bản đánh giá đang ở trạng thái "
        "«đã gửi thẩm định»; chỉ rút được khi còn là bản nháp."
    ]


def test_bad_quota_parameters_are_each_refused_in_both_languages():
    refusal = _raised_in(
        "vi", quota_parameters_clean, rule="share-of-wards", parameters={"percent": "0", "x": 1}
    )

    assert in_language("en", refusal) == [
        "The rule share-of-wards takes no parameter «x» (takes: percent).",
        "The parameter «percent» = «0» is not valid: it needs a number greater than 0 and at "
        "most 100.",
    ]
    assert in_language("vi", refusal) == [
        "Quy tắc share-of-wards không nhận tham số «x» (nhận: percent).",
        "Tham số «percent» = «0» không hợp lệ: cần một số lớn hơn 0 và không quá 100.",
    ]


# ---- context -------------------------------------------------------------------------------


def test_resources_that_do_not_add_up_are_refused_in_both_languages(people, assessment):
    refusal = _raised_in(
        "vi",
        resources_set,
        actor=people.ward_own,
        registration=assessment.registration,
        staff_norm=12,
        staff_actual=10,
        staff_under_35=12,
        staff_with_degree=4,
        headquarters=Resources.Headquarters.INDEPENDENT,
        funding_planned_vnd=-1,
        funding_disbursed_vnd=0,
        equipment_adequate=True,
    )

    assert by_field("en", refusal) == {
        "funding_planned_vnd": ["Estimated budget may not be negative."],
        "staff_under_35": ["Officers under 35 (12) may not exceed the officers in post (10)."],
    }
    assert by_field("vi", refusal) == {
        "funding_planned_vnd": ["Kinh phí dự kiến không được âm."],
        "staff_under_35": [
            "Số cán bộ dưới 35 tuổi (12) không được lớn hơn số cán bộ thực tế (10)."
        ],
    }


def test_a_document_file_of_the_wrong_type_is_refused_with_its_name(people, admin_map):
    refusal = _raised_in(
        "en",
        directive_document_add,
        actor=people.province_own,
        province=unit_get(admin_map, PROVINCE_CODE),
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="",
        date=datetime.date(2024, 1, 5),
        title="Về xây dựng Công an phường điển hình, kiểu mẫu",
        upload=SimpleUploadedFile("nghi-quyet.pdf", b"plain text, not a PDF"),
    )

    accepted = "doc, docx, ods, odt, pdf, ppt, pptx, xls, xlsx"
    assert by_field("en", refusal) == {
        "file": [
            f"«nghi-quyet.pdf»: This type of file is not accepted (unknown); accepted: {accepted}."
        ],
        "number": ["Number and symbol of the document may not be empty."],
    }
    assert by_field("vi", refusal) == {
        "file": [
            f"«nghi-quyet.pdf»: Loại tệp không được chấp nhận (không xác định); chỉ nhận: "
            f"{accepted}."
        ],
        "number": ["Số, ký hiệu văn bản không được để trống."],
    }


# ---- uploads -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_in_both_languages():
    refusal = _raised_in(
        "en", upload_check, upload=SimpleUploadedFile("anh.png", b""), allowed=IMAGES
    )

    assert in_language("en", refusal) == ["The file is empty."]
    assert in_language("vi", refusal) == ["Tệp rỗng."]


def test_a_file_over_the_limit_gives_its_size_as_before(settings):
    upload = SimpleUploadedFile("anh.png", b"x" * (3 * 1_048_576 // 2))
    refusal = _raised_in("vi", upload_check, upload=upload, allowed=IMAGES, max_bytes=1_048_576)

    assert in_language("en", refusal) == ["The file of 1.5 MB is over the limit of 1 MB."]
    assert in_language("vi", refusal) == ["Tệp 1.5 MB vượt giới hạn 1 MB."]


# ---- model constraints ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The target must satisfy 0 ≤ minimum ≤ stretch ≤ 100 (%)."),
        ("vi", "Mục tiêu phải thỏa 0 ≤ tối thiểu ≤ phấn đấu ≤ 100 (%)."),
    ],
)
def test_a_constraint_speaks_the_language_active_when_the_model_is_checked(language, message):
    target = Target(year=2025, province=None, minimum_percent=60, stretch_percent=50)

    with translation.override(language), pytest.raises(ValidationError) as refused:
        target.full_clean()

    assert refused.value.messages == [message]
