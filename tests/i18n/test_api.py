"""Through the API a service's refusal carries its Vietnamese and its English text."""

import pytest
from django.core.exceptions import ValidationError

from kieumau.api.errors import field_errors
from kieumau.api.messages import bilingual
from kieumau.assessments.services import SelfValue, assessment_submit, results_set_self_values
from kieumau.assessments.services.common import Conflict
from kieumau.programme.services import quotas_compute

pytestmark = pytest.mark.django_db

NO_REASON = {
    "vi": "Cần nêu lý do điều chỉnh chỉ tiêu.",
    "en": "Give the reason for the quota override.",
}


def test_a_refused_quota_override_says_why_in_both_languages_on_its_field(api, people, round):
    quotas_compute(actor=people.ministry, round=round)

    response = api.send(
        "PATCH",
        "/api/v1/rounds/2025/quotas/40",
        {"override": 3, "override_reason": ""},
        as_=people.ministry,
    )

    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "code": "invalid",
        "message": NO_REASON,
        "errors": [{"field": "override_reason", "message": NO_REASON}],
    }


def test_a_withdrawal_refused_by_the_service_names_the_state_in_both_languages(
    api, people, assessment
):
    assessment_submit(actor=people.ward_own, assessment=assessment, version=1)

    response = api.delete(
        f"/api/v1/registrations/{assessment.registration_id}", as_=people.province_own
    )

    assert response.status_code == 422
    assert response.json()["message"] == {
        "vi": "Không rút được đăng ký của Phường Trường Vinh (16690): bản đánh giá đang ở "
        "trạng thái «đã gửi thẩm định»; chỉ rút được khi còn là bản nháp.",
        "en": "The registration of Phường Trường Vinh (16690) cannot be withdrawn: its "
        "assessment is in state «submitted»; only a draft can be withdrawn.",
    }


def test_a_denied_permission_is_forbidden_in_both_languages(api, people, round):
    quotas_compute(actor=people.ministry, round=round)

    response = api.send(
        "PATCH",
        "/api/v1/rounds/2025/quotas/40",
        {"override": 3, "override_reason": "Nhiều phường mới"},
        as_=people.province_own,
    )

    assert response.status_code == 403
    assert response.json()["message"] == {
        "vi": "Chỉ cán bộ Bộ Công an được cấu hình chương trình.",
        "en": "Only officers of the Ministry of Public Security may configure the programme.",
    }


def test_a_conflict_and_refusals_by_criterion_read_in_both_languages(people, assessment):
    with pytest.raises(Conflict) as conflict:
        results_set_self_values(actor=people.ward_own, assessment=assessment, values={}, version=7)
    with pytest.raises(ValidationError) as refused:
        results_set_self_values(
            actor=people.ward_own,
            assessment=assessment,
            values={"TC02": SelfValue("nhiều")},
            version=1,
        )

    assert bilingual(conflict.value) == {
        "vi": "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc. "
        "Hãy tải lại trang để xem thay đổi rồi thực hiện lại.",
        "en": "The assessment was updated by someone else while you were working on it. "
        "Reload the page to see the changes, then do it again.",
    }
    assert field_errors(refused.value) == [
        {
            "field": "TC02",
            "message": {
                "vi": "Tiêu chí TC02: «nhiều» không phải là một số.",
                "en": "Criterion TC02: «nhiều» is not a number.",
            },
        }
    ]
