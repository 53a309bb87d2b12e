from decimal import Decimal

import pytest

from kieumau.assessments.models import Assessment, State, Transition
from kieumau.assessments.services import (
    SelfValue,
    assessment_return,
    result_review,
    results_set_self_values,
)
from tests.assessments.database import database_state
from tests.assessments.factories import evidence_create, result_of

from .helpers import page, version_of, whole_form


@pytest.fixture
def ward(client, people):
    client.force_login(people.ward_own)
    return client


@pytest.fixture
def filled(assessment, people):
    """Trường Vinh's draft with three values and one evidence file."""
    values = {"TC01": SelfValue(1), "TC02": SelfValue(Decimal("92.5"), "Báo cáo 2024")}
    values["TC05"] = SelfValue(Decimal("-3"))
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=values, version=1)
    evidence_create(result_of(assessment, "TC01"), people.ward_own, name="nghi-quyet.pdf")
    return Assessment.objects.get(pk=assessment.pk)


def _submit(client, assessment):
    url = f"/unit/assessment/{assessment.pk}/submit/"
    return client.post(url, {"version": version_of(assessment)}, follow=True)


def test_the_confirmation_says_what_is_missing_before_sending(ward, filled):
    html = page(ward, f"/unit/assessment/{filled.pk}/submit/")

    assert "<h1>Gửi thẩm định</h1>" in html
    assert "Gửi bản đánh giá để Công an tỉnh thẩm định?" in html
    assert "3/22 tiêu chí đạt — đạt cơ bản cần 20" in html
    assert "19 tiêu chí chưa nhập kết quả:" in html
    assert f'<a href="/unit/assessment/#criterion-{result_of(filled, "TC03").pk}">TC03</a>' in html
    assert "21 tiêu chí chưa có tệp minh chứng:" in html
    assert '<input type="hidden" name="version" value="2">' in html
    assert (
        '<button type="submit" class="btn btn-primary" id="submit-confirm">Xác nhận gửi</button>'
        in html
    )
    assert filled.state == State.DRAFT


def test_sending_moves_the_state_and_the_page_becomes_read_only_with_its_history(
    ward, filled, people
):
    response = _submit(ward, filled)

    html = response.content.decode()
    assert response.redirect_chain == [("/unit/assessment/", 302)]
    assert Assessment.objects.get(pk=filled.pk).state == State.SUBMITTED
    step = Transition.objects.get(assessment=filled)
    assert (step.from_state, step.to_state, step.actor) == ("draft", "submitted", people.ward_own)
    assert "Đã gửi bản đánh giá để Công an tỉnh thẩm định." in html
    assert '<span class="badge badge-submitted">Đã gửi thẩm định</span>' in html
    assert "assessment-form" not in html
    assert 'type="radio"' not in html and "<textarea" not in html
    assert 'type="file"' not in html and "evidence-remove" not in html
    assert "Bản đánh giá chỉ xem được, không sửa được, trừ khi tỉnh trả lại để bổ sung." in html
    # Values read as people write them, with the evidence still downloadable.
    tc02 = _criterion(html, result_of(filled, "TC02").pk)
    assert "<dt>Tự đánh giá</dt><dd>92,5%</dd>" in tc02
    assert "<dt>Ghi chú</dt><dd>Báo cáo 2024</dd>" in tc02
    assert "<dt>Tự đánh giá</dt><dd>Có</dd>" in _criterion(html, result_of(filled, "TC01").pk)
    assert "<dt>Tự đánh giá</dt><dd>-3 %</dd>" in _criterion(html, result_of(filled, "TC05").pk)
    assert ">nghi-quyet.pdf</a>" in html
    history = html[html.index('<h2 id="history-title">Lịch sử xử lý</h2>') :]
    assert f"<td>{people.ward_own.username}</td>" in history
    assert '<td><span class="badge badge-draft">Bản nháp</span></td>' in history
    assert '<td><span class="badge badge-submitted">Đã gửi thẩm định</span></td>' in history


def test_sending_with_a_stale_version_changes_nothing_and_says_why(ward, filled):
    before = database_state(filled)

    response = ward.post(f"/unit/assessment/{filled.pk}/submit/", {"version": 1}, follow=True)

    assert database_state(filled) == before
    assert "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc." in (
        response.content.decode()
    )


def test_a_sent_assessment_cannot_be_saved_or_sent_again(ward, filled, people):
    _submit(ward, filled)
    before = database_state(filled)
    version = version_of(filled)

    saved = ward.post(
        f"/unit/assessment/{filled.pk}/save/", whole_form(filled, {"TC03": "1"}, version=version)
    )
    again = ward.get(f"/unit/assessment/{filled.pk}/submit/", follow=True)

    assert database_state(filled) == before
    assert "Chỉ được sửa kết quả tự đánh giá khi bản đánh giá ở trạng thái" in (
        saved.content.decode()
    )
    assert "Bản đánh giá đã được gửi đi, đơn vị không còn sửa được." in again.content.decode()


def test_the_province_review_is_shown_per_criterion_after_sending(ward, filled, people):
    _submit(ward, filled)
    result_review(
        actor=people.province_own,
        result=result_of(filled, "TC02"),
        value=Decimal(80),
        comment="Chỉ 8/10 khu dân cư có quyết định công nhận.",
        version=version_of(filled),
    )

    tc02 = _criterion(page(ward), result_of(filled, "TC02").pk)

    assert "Kết quả thẩm định của Công an tỉnh" in tc02
    assert "Giá trị thẩm định: <strong>80%</strong>" in tc02
    assert "Chỉ 8/10 khu dân cư có quyết định công nhận." in tc02
    assert '<span class="badge badge-unmet">Chưa đạt</span>' in tc02


def test_a_returned_assessment_shows_the_provinces_comment_first_and_is_editable_again(
    ward, filled, people
):
    _submit(ward, filled)
    result_review(
        actor=people.province_own,
        result=result_of(filled, "TC01"),
        value=None,
        comment="Nghị quyết đã hết hiệu lực, cần văn bản mới.",
        version=version_of(filled),
    )
    assessment_return(
        actor=people.province_own,
        assessment=filled,
        comment="Bổ sung minh chứng tiêu chí TC01 và TC02.",
        version=version_of(filled),
    )

    html = page(ward)

    returned = html[html.index('<section class="alert alert-warning returned"') :]
    assert '<h2 id="returned-title">Trả lại để bổ sung</h2>' in returned
    assert f"{people.province_own.username} đã trả lại bản đánh giá lúc" in returned
    assert "Bổ sung minh chứng tiêu chí TC01 và TC02." in returned.split("</section>")[0]
    assert html.index("returned-title") < html.index('id="group-a"')
    assert "Nghị quyết đã hết hiệu lực, cần văn bản mới." in _criterion(
        html, result_of(filled, "TC01").pk
    )
    assert '<span class="badge badge-returned">Trả lại để bổ sung</span>' in html
    assert 'id="assessment-form"' in html and 'name="TC03-value"' in html

    response = ward.post(
        f"/unit/assessment/{filled.pk}/save/", whole_form(filled, {"TC03": "1", "TC01": "1"})
    )
    assert response.status_code == 302
    assert result_of(filled, "TC03").self_value == 1
    _submit(ward, filled)
    assert Assessment.objects.get(pk=filled.pk).state == State.SUBMITTED


def test_another_wards_officer_cannot_send_this_assessment(client, filled, people):
    client.force_login(people.ward_other)
    before = database_state(filled)

    confirm = client.get(f"/unit/assessment/{filled.pk}/submit/")
    send = client.post(f"/unit/assessment/{filled.pk}/submit/", {"version": 2})

    assert (confirm.status_code, send.status_code) == (404, 404)
    assert database_state(filled) == before


def _criterion(html: str, result_id: int) -> str:
    start = html.index(f'<article class="criterion" id="criterion-{result_id}"')
    return html[start : html.index("</article>", start)]
