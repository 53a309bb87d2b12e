from decimal import Decimal

import pytest

from kieumau.assessments.models import Assessment, CriterionResult
from tests.assessments.database import database_state
from tests.assessments.factories import result_of

from .helpers import htmx_post, met_text, page, version_of, whole_form

CONFLICT = "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc."


@pytest.fixture
def ward(client, people):
    client.force_login(people.ward_own)
    return client


def _stored(assessment, code):
    return CriterionResult.objects.get(pk=result_of(assessment, code).pk)


# ---- one criterion at a time (htmx, on change) ------------------------------------------------


def test_saving_a_criterion_through_htmx_stores_it_and_updates_count_status_and_version(
    ward, assessment
):
    result = result_of(assessment, "TC02")

    response = htmx_post(
        ward,
        f"/unit/criteria/{result.pk}/",
        {"version": 1, "criteria": "TC02", "TC02-value": "92,5", "TC02-note": " Báo cáo 2024 "},
    )

    html = response.content.decode()
    assert response.status_code == 200
    stored = _stored(assessment, "TC02")
    assert (stored.self_value, stored.self_note) == (Decimal("92.5"), "Báo cáo 2024")
    assert Assessment.objects.get(pk=assessment.pk).met_count == 1
    assert version_of(assessment) == 2
    assert '<div hx-swap-oob="innerHTML:#assessment-count">' in html
    assert "1/22 tiêu chí đạt — đạt cơ bản cần 20" in html
    assert (
        '<input type="hidden" name="version" value="2" class="assessment-version" '
        'hx-swap-oob="outerHTML:.assessment-version">'
    ) in html
    assert (
        f'<span id="status-{result.pk}" class="criterion-status" hx-swap-oob="true">'
        '<span class="badge badge-met">Đạt</span>'
    ) in html
    assert 'name="TC02-value" value="92,5"' in html
    assert "Đã lưu tiêu chí TC02." in html


def test_a_change_of_verdict_is_swapped_into_the_header(ward, assessment):
    values = {r.criterion.code: met_text(r) for r in assessment.results.select_related("criterion")}
    values["TC02"] = "50"
    ward.post(f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, values))
    assert "21/22 tiêu chí đạt" in page(ward) and "badge-basic" in page(ward)
    result = result_of(assessment, "TC04")  # mandatory

    html = htmx_post(
        ward, f"/unit/criteria/{result.pk}/", {"version": 2, "TC04-value": "0"}
    ).content.decode()

    assert (
        '<span id="assessment-verdict" hx-swap-oob="true">'
        '<span class="badge badge-not_met">Chưa đạt</span></span>'
    ) in html
    assert "20/22 tiêu chí đạt — đạt cơ bản cần 20" in html


def test_a_yes_no_criterion_saved_through_htmx_counts_as_met(ward, assessment):
    result = result_of(assessment, "TC04")

    htmx_post(ward, f"/unit/criteria/{result.pk}/", {"version": 1, "TC04-value": "1"})

    assert _stored(assessment, "TC04").self_value == 1
    assert "1/22 tiêu chí đạt" in page(ward)


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("TC02", "chín mươi", "Nhập một số, ví dụ 85 hoặc 85,5."),
        ("TC02", "150", "Tiêu chí TC02 là tỷ lệ phần trăm, từ 0 đến 100."),
        ("TC01", "2", "Tiêu chí TC01 chỉ nhận Có (1) hoặc Không (0)."),
    ],
)
def test_an_invalid_value_through_htmx_keeps_the_input_shows_why_and_changes_nothing(
    ward, assessment, code, typed, message
):
    result = result_of(assessment, code)
    before = database_state(assessment)

    response = htmx_post(
        ward, f"/unit/criteria/{result.pk}/", {"version": 1, f"{code}-value": typed}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert database_state(assessment) == before
    assert (
        f'<div class="value-block field-invalid" id="value-{result.pk}" hx-swap-oob="true">' in html
    )
    assert f'<p class="field-error" role="alert">{message}</p>' in html
    if code == "TC02":
        assert f'name="TC02-value" value="{typed}"' in html
    assert "assessment-version" not in html  # the page keeps its version
    assert f"Chưa lưu được tiêu chí {code}: xem thông báo bên cạnh." in html


def test_a_stale_version_through_htmx_shows_the_conflict_and_changes_nothing(ward, assessment):
    result = result_of(assessment, "TC02")
    htmx_post(ward, f"/unit/criteria/{result.pk}/", {"version": 1, "TC02-value": "95"})
    before = database_state(assessment)

    response = htmx_post(ward, f"/unit/criteria/{result.pk}/", {"version": 1, "TC02-value": "50"})

    html = response.content.decode()
    assert database_state(assessment) == before
    assert _stored(assessment, "TC02").self_value == 95
    assert CONFLICT in html
    assert 'name="TC02-value" value="50"' in html


def test_a_post_without_a_version_is_treated_as_out_of_date(ward, assessment):
    result = result_of(assessment, "TC02")
    before = database_state(assessment)

    html = htmx_post(ward, f"/unit/criteria/{result.pk}/", {"TC02-value": "95"}).content.decode()

    assert database_state(assessment) == before
    assert CONFLICT in html


def test_saving_a_criterion_without_htmx_redirects_back_to_it(ward, assessment):
    result = result_of(assessment, "TC02")

    response = ward.post(f"/unit/criteria/{result.pk}/", {"version": 1, "TC02-value": "91"})

    assert response.status_code == 302
    assert response["Location"] == f"/unit/assessment/#criterion-{result.pk}"
    assert _stored(assessment, "TC02").self_value == 91


# ---- the whole form ("Lưu", without JavaScript) -----------------------------------------------


def test_saving_the_whole_form_stores_every_value_and_the_count(ward, assessment):
    values = {r.criterion.code: met_text(r) for r in assessment.results.select_related("criterion")}
    values["TC22"] = "99,5"  # below 100: the one criterion not met

    response = ward.post(
        f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, values), follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain == [("/unit/assessment/", 302)]
    assert "Đã lưu kết quả tự đánh giá." in html
    assert "21/22 tiêu chí đạt — đạt cơ bản cần 20" in html
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.met_count, stored.level, stored.version) == (21, "basic", 2)
    assert _stored(assessment, "TC22").self_value == Decimal("99.5")
    assert _stored(assessment, "TC05").self_value == 0


def test_the_whole_form_can_clear_a_value(ward, assessment):
    ward.post(f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, {"TC02": "95"}))

    ward.post(f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, {"TC02": ""}))

    assert _stored(assessment, "TC02").self_value is None


def test_the_whole_form_with_bad_values_keeps_every_input_marks_each_error_and_saves_nothing(
    ward, assessment
):
    before = database_state(assessment)
    values = {"TC01": "2", "TC02": "150", "TC03": "1", "TC05": "abc", "TC06": "85"}

    response = ward.post(f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, values))

    html = response.content.decode()
    assert response.status_code == 200
    assert database_state(assessment) == before
    assert "Chưa lưu gì: hãy sửa các tiêu chí được đánh dấu bên dưới." in html
    links = [f'<a href="#criterion-{result_of(assessment, c).pk}">{c}</a>' for c in values]
    assert "Các tiêu chí cần sửa: " + ", ".join(links[:2] + links[3:4]) in html
    assert "Nhập một số, ví dụ 85 hoặc 85,5." in html
    assert "Tiêu chí TC01 chỉ nhận Có (1) hoặc Không (0)." in html
    assert "Tiêu chí TC02 là tỷ lệ phần trăm, từ 0 đến 100." in html
    assert 'name="TC05-value" value="abc"' in html
    assert 'name="TC06-value" value="85"' in html
    assert 'name="TC02-value" value="150"' in html
    assert 'value="1" form="assessment-form" id="id_TC03-value_0" checked' in html


def test_the_whole_form_puts_the_services_message_beside_each_refused_criterion(ward, assessment):
    before = database_state(assessment)
    values = {"TC01": "2", "TC02": "150", "TC06": "85"}

    html = ward.post(
        f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, values)
    ).content.decode()

    assert database_state(assessment) == before
    tc01 = html[html.index('id="value-' + str(result_of(assessment, "TC01").pk)) :]
    assert tc01.split("</div>")[0].count("Tiêu chí TC01 chỉ nhận Có (1) hoặc Không (0).") == 1
    tc02 = html[html.index('id="value-' + str(result_of(assessment, "TC02").pk)) :]
    assert "Tiêu chí TC02 là tỷ lệ phần trăm, từ 0 đến 100." in tc02.split("</div>")[0]
    assert 'value="2" form="assessment-form"' not in html  # no such radio: the choice is lost
    assert 'name="TC06-value" value="85"' in html


def test_the_whole_form_with_a_stale_version_shows_the_conflict_and_saves_nothing(ward, assessment):
    stale = whole_form(assessment, {"TC02": "95"})
    ward.post(f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, {"TC03": "1"}))
    before = database_state(assessment)

    html = ward.post(f"/unit/assessment/{assessment.pk}/save/", stale).content.decode()

    assert database_state(assessment) == before
    assert CONFLICT in html
    assert 'name="TC02-value" value="95"' in html
    assert '<input type="hidden" name="version" value="1" class="assessment-version">' in html


def test_save_and_send_goes_on_to_the_confirmation(ward, assessment):
    data = whole_form(assessment, {"TC02": "95"}) | {"next": "submit"}

    response = ward.post(f"/unit/assessment/{assessment.pk}/save/", data)

    assert response["Location"] == f"/unit/assessment/{assessment.pk}/submit/"
    assert _stored(assessment, "TC02").self_value == 95


def test_save_and_send_through_htmx_redirects_the_browser(ward, assessment):
    data = whole_form(assessment, {"TC02": "95"}) | {"next": "submit"}

    response = htmx_post(ward, f"/unit/assessment/{assessment.pk}/save/", data)

    assert response["HX-Redirect"] == f"/unit/assessment/{assessment.pk}/submit/"


# ---- scope --------------------------------------------------------------------------------------


def test_another_wards_officer_cannot_save_into_this_assessment(client, people, assessment):
    client.force_login(people.ward_other)
    before = database_state(assessment)
    result = result_of(assessment, "TC02")

    one = htmx_post(client, f"/unit/criteria/{result.pk}/", {"version": 1, "TC02-value": "95"})
    whole = client.post(
        f"/unit/assessment/{assessment.pk}/save/", whole_form(assessment, {"TC02": "95"})
    )

    assert (one.status_code, whole.status_code) == (404, 404)
    assert database_state(assessment) == before
    assert "Trường Vinh" not in one.content.decode() + whole.content.decode()


def test_a_province_officer_cannot_save_self_values(client, people, assessment):
    client.force_login(people.province_own)
    result = result_of(assessment, "TC02")

    response = client.post(f"/unit/criteria/{result.pk}/", {"version": 1, "TC02-value": "95"})

    assert response.status_code == 403
    assert _stored(assessment, "TC02").self_value is None
