from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.assessments.models import ActionItem
from kieumau.assessments.services import SelfValue, results_set_self_values
from tests.assessments.database import database_state
from tests.assessments.factories import action_item_create, result_of
from tests.web.factories import wards_register

from .helpers import page, version_of

CONFLICT = "Bản đánh giá đã được người khác cập nhật trong lúc bạn làm việc."


@pytest.fixture
def ward(client, people):
    client.force_login(people.ward_own)
    return client


@pytest.fixture
def mostly_met(assessment, people):
    """Everything met except TC02 (85 %) and TC19 (no)."""
    values = {}
    for result in assessment.results.select_related("criterion"):
        criterion = result.criterion
        values[criterion.code] = SelfValue(1 if criterion.kind == "bool" else criterion.threshold)
    values["TC02"] = SelfValue(85)
    values["TC19"] = SelfValue(0)
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=values, version=1)
    return assessment


def _add(client, result, **changes):
    data = {
        "action": "Hoàn thiện hồ sơ công nhận khu dân cư an toàn",
        "owner": "Đội Cảnh sát khu vực",
        "due_date": "30/06/2026",
        "budget_vnd": "150.000.000",
        "status": "in_progress",
        "version": version_of(result.assessment),
    } | changes
    return client.post(
        f"/unit/criteria/{result.pk}/actions/",
        {f"add-{result.pk}-{key}": value for key, value in data.items()},
        follow=True,
    )


def test_the_plan_lists_only_the_unmet_criteria_with_their_requirement_and_value(ward, mostly_met):
    html = page(ward, "/unit/actions/")

    assert "<h1>Kế hoạch khắc phục</h1>" in html
    titles = [part.split("</span>")[0] for part in html.split('<span class="criterion-code">')[1:]]
    assert titles == ["TC02", "TC19"]
    tc02 = html[html.index('id="plan-' + str(result_of(mostly_met, "TC02").pk)) :]
    assert "Đạt khi:</span> ≥ 90 %" in tc02
    assert "Giá trị hiện tại:</span> 85%" in tc02
    assert "Chưa có việc cần làm nào." in tc02
    assert "Thêm việc cần làm cho tiêu chí TC02" in tc02


def test_with_every_criterion_met_there_is_nothing_to_plan(ward, assessment, people):
    values = {
        r.criterion.code: SelfValue(1 if r.criterion.kind == "bool" else r.criterion.threshold)
        for r in assessment.results.select_related("criterion")
    }
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=values, version=1)

    assert "Đơn vị đạt tất cả các tiêu chí." in page(ward, "/unit/actions/")


def test_adding_an_action_stores_it_and_shows_it_with_date_and_budget(ward, mostly_met):
    result = result_of(mostly_met, "TC02")

    response = _add(ward, result)

    html = response.content.decode()
    item = ActionItem.objects.get()
    assert (item.result, item.owner, item.due_date) == (
        result,
        "Đội Cảnh sát khu vực",
        date(2026, 6, 30),
    )
    assert (item.budget_vnd, item.status) == (150_000_000, "in_progress")
    assert response.redirect_chain == [(f"/unit/actions/#plan-{result.pk}", 302)]
    assert "Đã thêm việc cần làm cho tiêu chí TC02." in html
    assert "<td>Hoàn thiện hồ sơ công nhận khu dân cư an toàn</td>" in html
    assert '<td class="nowrap">30/06/2026</td>' in html
    assert '<td class="num">150.000.000 đồng</td>' in html
    assert '<option value="in_progress" selected>Đang thực hiện</option>' in html


def test_an_invalid_action_keeps_the_input_shows_each_message_and_stores_nothing(ward, mostly_met):
    result = result_of(mostly_met, "TC02")
    before = database_state(mostly_met)

    response = _add(ward, result, owner="", due_date="31/02/2026", budget_vnd="1,5 tỷ")

    html = response.content.decode()
    assert response.status_code == 200
    assert database_state(mostly_met) == before
    form = html[html.index(f'action="/unit/criteria/{result.pk}/actions/"') :]
    assert "Trường này là bắt buộc." in form
    assert "Nhập một ngày hợp lệ." in form
    assert "Nhập một số, ví dụ 85 hoặc 85,5." in form
    assert 'value="31/02/2026"' in form and 'value="1,5 tỷ"' in form
    assert ">Hoàn thiện hồ sơ công nhận khu dân cư an toàn</textarea>" in form.replace("\n", "")
    assert '<details class="add-action" open>' in html


def test_a_budget_in_part_of_a_dong_is_refused(ward, mostly_met):
    response = _add(ward, result_of(mostly_met, "TC02"), budget_vnd="1.000,5")

    assert "Nhập số tiền nguyên, tính bằng đồng." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_action_for_a_met_criterion_is_refused_by_the_service(ward, mostly_met):
    response = _add(ward, result_of(mostly_met, "TC01"))

    assert "Tiêu chí TC01 đã đạt: không cần kế hoạch khắc phục." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_action_added_with_a_stale_version_is_refused(ward, mostly_met):
    response = _add(ward, result_of(mostly_met, "TC02"), version=1)

    assert CONFLICT in response.content.decode()
    assert not ActionItem.objects.exists()


def test_the_status_of_an_action_can_be_changed(ward, mostly_met):
    item = action_item_create(result_of(mostly_met, "TC02"))

    response = ward.post(
        f"/unit/actions/{item.pk}/status/",
        {f"status-{item.pk}-status": "done", f"status-{item.pk}-version": version_of(mostly_met)},
        follow=True,
    )

    assert ActionItem.objects.get().status == "done"
    assert response.redirect_chain == [(f"/unit/actions/#item-{item.pk}", 302)]
    assert "Đã cập nhật trạng thái việc cần làm." in response.content.decode()


def test_an_unknown_status_changes_nothing(ward, mostly_met):
    item = action_item_create(result_of(mostly_met, "TC02"))

    response = ward.post(
        f"/unit/actions/{item.pk}/status/",
        {f"status-{item.pk}-status": "lost", f"status-{item.pk}-version": version_of(mostly_met)},
        follow=True,
    )

    assert ActionItem.objects.get().status == "planned"
    assert "Hãy chọn một trạng thái trong danh sách." in response.content.decode()


def test_an_action_can_be_edited_and_errors_keep_the_input(ward, mostly_met):
    item = action_item_create(result_of(mostly_met, "TC02"))
    html = page(ward, f"/unit/actions/?edit={item.pk}")
    assert f'action="/unit/actions/{item.pk}/"' in html
    assert 'value="30/06/2026"' in html
    fields = {
        "action": "Lắp thêm 12 camera",
        "owner": "Công an phường",
        "due_date": "15/03/2026",
        "budget_vnd": "80.000.000",
        "status": "planned",
        "version": version_of(mostly_met),
    }

    bad = ward.post(
        f"/unit/actions/{item.pk}/",
        {f"item-{item.pk}-{k}": v for k, v in (fields | {"due_date": "15-03"}).items()},
    )
    good = ward.post(
        f"/unit/actions/{item.pk}/", {f"item-{item.pk}-{k}": v for k, v in fields.items()}
    )

    assert "Nhập một ngày hợp lệ." in bad.content.decode()
    assert 'value="Công an phường"' in bad.content.decode()
    assert good.status_code == 302
    item.refresh_from_db()
    assert (item.action, item.due_date, item.budget_vnd) == (
        "Lắp thêm 12 camera",
        date(2026, 3, 15),
        80_000_000,
    )


def test_an_action_can_be_removed(ward, mostly_met):
    item = action_item_create(result_of(mostly_met, "TC02"))

    response = ward.post(
        f"/unit/actions/{item.pk}/remove/", {"version": version_of(mostly_met)}, follow=True
    )

    assert not ActionItem.objects.exists()
    assert "Đã xóa việc cần làm khỏi kế hoạch." in response.content.decode()


def test_a_criterion_met_since_keeps_its_actions_in_the_plan(ward, mostly_met, people):
    item = action_item_create(result_of(mostly_met, "TC02"))
    results_set_self_values(
        actor=people.ward_own,
        assessment=mostly_met,
        values={"TC02": SelfValue(95)},
        version=version_of(mostly_met),
    )

    html = page(ward, "/unit/actions/")

    tc02 = html[html.index(f'id="plan-{item.result_id}"') :].split("</section>")[0]
    assert '<span class="badge badge-met">Đạt</span>' in tc02
    assert "<td>Lắp thêm camera</td>" in tc02
    assert "Thêm việc cần làm" not in tc02


def test_another_wards_officer_gets_404_for_this_plans_actions(client, people, mostly_met):
    item = action_item_create(result_of(mostly_met, "TC02"))
    client.force_login(people.ward_other)
    before = database_state(mostly_met)

    responses = [
        client.post(f"/unit/actions/{item.pk}/remove/", {"version": 2}),
        client.post(f"/unit/actions/{item.pk}/status/", {f"status-{item.pk}-status": "done"}),
        client.post(f"/unit/actions/{item.pk}/", {}),
        client.post(f"/unit/criteria/{item.result_id}/actions/", {}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert database_state(mostly_met) == before


def test_the_plan_query_count_does_not_grow_with_units_or_actions(ward, mostly_met, round, people):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(ward, "/unit/actions/")
        return len(queries)

    wards_register(round, people.province_own, 1)
    action_item_create(result_of(mostly_met, "TC02"))
    small = count()
    wards_register(round, people.province_own, 11)
    for code in ("TC02", "TC19", "TC19"):
        action_item_create(result_of(mostly_met, code))

    assert count() == small
