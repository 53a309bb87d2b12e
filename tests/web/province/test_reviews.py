"""The province's review queue and the per-criterion review with its conclusions."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.assessments.models import Assessment, CriterionResult, State, Transition
from kieumau.assessments.services import SelfValue, assessment_submit, results_set_self_values
from kieumau.assessments.services.common import CONFLICT
from kieumau.criteria.types import Kind, Level
from tests.assessments.database import database_state
from tests.assessments.factories import evidence_create, result_of
from tests.web.factories import unit_get, wards_register

QUEUE = "/province/reviews/"


def _met_value(criterion) -> Decimal:
    if criterion.kind == Kind.BOOL:
        return Decimal(1)
    return criterion.threshold


@pytest.fixture
def submitted(assessment, people) -> Assessment:
    """Trường Vinh sent for review with every criterion met and one evidence file on TC01."""
    values = {
        result.criterion.code: SelfValue(_met_value(result.criterion), "Theo báo cáo quý III.")
        for result in assessment.results.select_related("criterion")
    }
    assessment = results_set_self_values(
        actor=people.ward_own, assessment=assessment, values=values, version=assessment.version
    )
    evidence_create(result_of(assessment, "TC01"), people.ward_own, name="nghi-quyet-dang-uy.pdf")
    return assessment_submit(
        actor=people.ward_own, assessment=assessment, version=assessment.version
    )


@pytest.fixture
def province_client(client, people):
    client.force_login(people.province_own)
    return client


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _fresh(assessment) -> Assessment:
    return Assessment.objects.get(pk=assessment.pk)


def _all_fields(assessment, **changes) -> dict:
    """The save-all form as the page sends it: every criterion empty, except ``changes``."""
    data = {"version": _fresh(assessment).version}
    for result in assessment.results.select_related("criterion"):
        code = result.criterion.code
        value, comment = changes.get(code, ("", ""))
        data[f"r{result.pk}-value"], data[f"r{result.pk}-comment"] = value, comment
    return data


def _review_url(assessment) -> str:
    return f"/province/reviews/{assessment.pk}/"


# ---- the queue --------------------------------------------------------------------------------


def test_the_queue_lists_submitted_assessments_with_their_figures(province_client, submitted):
    page = _page(province_client.get(QUEUE))

    row = page.split('id="review-queue"')[1].split("</tr>", 2)[1]
    assert f'<a href="/assessment/{submitted.pk}/">Phường Trường Vinh</a>' in row
    assert '<td class="num">22/22</td>' in row
    assert '<span class="badge badge-full">Đạt</span>' in row
    assert '<span class="badge badge-submitted">Đã gửi thẩm định</span>' in row
    assert f'href="/province/reviews/{submitted.pk}/">Thẩm định' in row
    assert '<span class="kpi-value" id="count-submitted">1</span>' in page


def test_the_queue_filters_by_state(province_client, submitted, people):
    Assessment.objects.filter(pk=submitted.pk).update(state=State.RETURNED)

    waiting = _page(province_client.get(QUEUE))
    returned = _page(province_client.get(QUEUE, {"state": "returned"}))
    everything = _page(province_client.get(QUEUE, {"state": "all"}))

    assert "Không có bản đánh giá nào trong danh sách này." in waiting
    assert "Phường Trường Vinh" in returned and "Phường Trường Vinh" in everything
    assert '<option value="returned" selected>Trả lại để bổ sung</option>' in returned


def test_the_queue_of_another_province_does_not_show_the_unit(client, people, submitted):
    client.force_login(people.province_other)

    page = _page(client.get(QUEUE, {"state": "all"}))

    assert "Trường Vinh" not in page


@pytest.mark.parametrize("who", ["ward_own", "ministry", "viewer"])
def test_other_roles_are_refused_the_review_pages(client, people, submitted, who):
    client.force_login(getattr(people, who))

    assert client.get(QUEUE).status_code == 403
    assert client.get(_review_url(submitted)).status_code == 403
    assert client.post(f"{_review_url(submitted)}approve/", {"version": 1}).status_code == 403


# ---- the review page ---------------------------------------------------------------------


def test_the_review_page_shows_each_criterion_with_the_wards_value_note_and_evidence(
    province_client, submitted
):
    page = _page(province_client.get(_review_url(submitted)))
    evidence = result_of(submitted, "TC01").evidence.get()

    assert "<h1>Thẩm định: Phường Trường Vinh</h1>" in page
    assert '<span class="summary-value" id="summary-met">22/22</span>' in page
    tc02 = page.split('<span class="criterion-code">TC02</span>')[1].split("</article>")[0]
    assert '<dd class="ward-value">90%</dd>' in tc02
    assert "Theo báo cáo quý III." in tc02
    assert "Kết quả thẩm định (%)" in tc02
    assert f'<a href="/assessments/evidence/{evidence.pk}/">nghi-quyet-dang-uy.pdf</a>' in page
    assert page.count('class="review-line ') == 22
    assert f'name="version" value="{submitted.version}"' in page
    for button in ("Trả lại để bổ sung", "Phê duyệt", "Không phê duyệt"):
        assert f">{button}</button>" in page


def test_saving_one_criterion_with_htmx_changes_its_review_and_the_verdict(
    province_client, submitted, people
):
    result = result_of(submitted, "TC01")

    response = province_client.post(
        f"{_review_url(submitted)}results/{result.pk}/",
        {
            "version": submitted.version,
            f"r{result.pk}-value": "0",
            f"r{result.pk}-comment": "Chưa có nghị quyết.",
        },
        headers={"HX-Request": "true"},
    )

    page = _page(response)
    result.refresh_from_db()
    stored = _fresh(submitted)
    assert (result.review_value, result.review_comment) == (Decimal(0), "Chưa có nghị quyết.")
    assert result.reviewed_by == people.province_own
    assert (stored.met_count, stored.level, stored.version) == (
        21,
        Level.BASIC,
        submitted.version + 1,
    )
    assert page.lstrip().startswith(
        f'<article class="review-line is-unmet" id="criterion-{result.pk}"'
    )
    assert "Đã lưu." in page
    assert '<span class="summary-value" id="summary-met">21/22</span>' in page
    assert 'id="review-summary"' in page and 'hx-swap-oob="true"' in page
    for name in ("review_version", "return_version", "approve_version", "reject_version"):
        assert (
            f'<input type="hidden" name="version" value="{stored.version}" id="{name}" '
            'hx-swap-oob="true">' in page
        )


def test_saving_one_criterion_without_javascript_comes_back_to_the_page(province_client, submitted):
    result = result_of(submitted, "TC02")

    response = province_client.post(
        f"{_review_url(submitted)}results/{result.pk}/",
        {"version": submitted.version, f"r{result.pk}-value": "85,5", f"r{result.pk}-comment": ""},
        follow=True,
    )

    page = _page(response)
    assert response.redirect_chain == [(_review_url(submitted), 302)]
    assert "Đã lưu tiêu chí TC02." in page
    assert result_of(submitted, "TC02").review_value == Decimal("85.5")


def test_saving_the_whole_review_changes_every_criterion_given(province_client, submitted):
    data = _all_fields(
        submitted,
        TC02=("80", "Khảo sát lại chỉ đạt 80%."),
        TC07=("0", "Chưa có quy chế phối hợp."),
    )

    page = _page(province_client.post(_review_url(submitted), data, follow=True))

    assert "Đã lưu kết quả thẩm định các tiêu chí." in page
    assert result_of(submitted, "TC02").review_value == Decimal(80)
    assert result_of(submitted, "TC07").review_comment == "Chưa có quy chế phối hợp."
    assert (
        CriterionResult.objects.filter(assessment=submitted, reviewed_by__isnull=False).count() == 2
    )
    stored = _fresh(submitted)
    # TC07 is mandatory: without it the unit does not even basically meet the criteria.
    assert (stored.met_count, stored.level) == (20, Level.NOT_MET)
    assert '<span class="summary-value" id="summary-met">20/22</span>' in page


def test_a_bad_value_in_the_whole_review_is_shown_and_nothing_is_saved(province_client, submitted):
    before = database_state(submitted)
    tc02 = result_of(submitted, "TC02")
    data = _all_fields(submitted, TC02=("150", "Sai"), TC03=("0", "Không có mô hình."))

    page = _page(province_client.post(_review_url(submitted), data))

    assert "Vui lòng sửa các tiêu chí được đánh dấu bên dưới." in page
    assert "Tiêu chí TC02 là tỷ lệ phần trăm, từ 0 đến 100." in page
    assert f'name="r{tc02.pk}-value" value="150"' in page
    assert database_state(submitted) == before


def test_text_that_is_not_a_number_is_refused_by_the_form(province_client, submitted):
    before = database_state(submitted)
    result = result_of(submitted, "TC02")

    response = province_client.post(
        f"{_review_url(submitted)}results/{result.pk}/",
        {"version": submitted.version, f"r{result.pk}-value": "chín mươi"},
        headers={"HX-Request": "true"},
    )

    assert "Nhập một số, ví dụ 85 hoặc 85,5." in _page(response)
    assert database_state(submitted) == before


def test_a_stale_version_shows_the_conflict_and_changes_nothing(province_client, submitted):
    result = result_of(submitted, "TC01")
    stale = submitted.version
    Assessment.objects.filter(pk=submitted.pk).update(version=stale + 1)
    before = database_state(submitted)

    one = province_client.post(
        f"{_review_url(submitted)}results/{result.pk}/",
        {"version": stale, f"r{result.pk}-value": "0"},
        headers={"HX-Request": "true"},
    )
    everything = province_client.post(
        _review_url(submitted),
        {**_all_fields(submitted, TC01=("0", "")), "version": stale},
        follow=True,
    )

    assert str(CONFLICT) in _page(one)
    assert "hx-swap-oob" not in _page(one)
    assert str(CONFLICT) in _page(everything)
    assert database_state(submitted) == before


# ---- conclusions -------------------------------------------------------------------------


def test_returning_without_a_comment_is_refused_and_keeps_the_state(province_client, submitted):
    before = database_state(submitted)

    page = _page(
        province_client.post(
            f"{_review_url(submitted)}return/", {"version": submitted.version, "comment": "  "}
        )
    )

    assert "Cần ghi rõ nội dung phường phải bổ sung, sửa đổi." in page
    assert database_state(submitted) == before


def test_returning_with_a_comment_sends_the_assessment_back_to_the_ward(
    province_client, submitted, people
):
    response = province_client.post(
        f"{_review_url(submitted)}return/",
        {"version": submitted.version, "comment": "Bổ sung biên bản tiêu chí TC01."},
        follow=True,
    )

    page = _page(response)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "Đã trả lại bản đánh giá của Phường Trường Vinh để bổ sung." in page
    assert _fresh(submitted).state == State.RETURNED
    step = Transition.objects.filter(assessment=submitted).latest("at", "id")
    assert (step.from_state, step.to_state, step.actor, step.comment) == (
        State.SUBMITTED,
        State.RETURNED,
        people.province_own,
        "Bổ sung biên bản tiêu chí TC01.",
    )


def test_approving_passes_the_assessment_to_the_ministry(province_client, submitted, people):
    page = _page(
        province_client.post(
            f"{_review_url(submitted)}approve/",
            {"version": submitted.version, "comment": ""},
            follow=True,
        )
    )

    assert (
        "Đã phê duyệt bản đánh giá của Phường Trường Vinh và chuyển Bộ Công an xem xét công nhận."
        in page
    )
    assert _fresh(submitted).state == State.PROVINCE_APPROVED
    assert Transition.objects.filter(
        assessment=submitted, to_state=State.PROVINCE_APPROVED, actor=people.province_own
    ).exists()


def test_rejecting_needs_a_reason_and_then_ends_the_workflow(province_client, submitted):
    url = f"{_review_url(submitted)}reject/"

    refused = _page(province_client.post(url, {"version": submitted.version, "comment": ""}))
    assert "Cần ghi rõ lý do không phê duyệt." in refused
    assert _fresh(submitted).state == State.SUBMITTED

    province_client.post(
        url, {"version": submitted.version, "comment": "Số liệu không trung thực."}
    )
    assert _fresh(submitted).state == State.REJECTED
    assert Transition.objects.get(assessment=submitted, to_state=State.REJECTED).comment == (
        "Số liệu không trung thực."
    )


def test_a_decision_on_a_stale_version_is_refused(province_client, submitted):
    Assessment.objects.filter(pk=submitted.pk).update(version=submitted.version + 1)

    page = _page(
        province_client.post(
            f"{_review_url(submitted)}approve/", {"version": submitted.version, "comment": ""}
        )
    )

    assert str(CONFLICT) in page
    assert _fresh(submitted).state == State.SUBMITTED


def test_a_reviewed_assessment_is_read_only(province_client, submitted, people):
    province_client.post(f"{_review_url(submitted)}approve/", {"version": submitted.version})

    page = _page(province_client.get(_review_url(submitted)))

    assert "Bản đánh giá đang ở trạng thái «Công an tỉnh đã thẩm định đạt»" in page
    assert "Kết luận thẩm định" not in page and "hx-post=" not in page


# ---- scope -------------------------------------------------------------------------------


def test_another_provinces_officer_gets_404_and_cannot_act(client, people, submitted):
    client.force_login(people.province_other)
    result = result_of(submitted, "TC01")
    before = database_state(submitted)
    url = _review_url(submitted)

    responses = [
        client.get(url),
        client.post(url, _all_fields(submitted, TC01=("0", "x"))),
        client.post(
            f"{url}results/{result.pk}/", {"version": submitted.version, f"r{result.pk}-value": "0"}
        ),
        client.post(f"{url}return/", {"version": submitted.version, "comment": "x"}),
        client.post(f"{url}approve/", {"version": submitted.version}),
        client.post(f"{url}reject/", {"version": submitted.version, "comment": "x"}),
    ]

    assert [r.status_code for r in responses] == [404] * 6
    assert all("Trường Vinh" not in r.content.decode() for r in responses)
    assert database_state(submitted) == before


def test_a_result_of_another_assessment_cannot_be_saved_through_this_one(
    province_client, submitted, round, people
):
    other = wards_register(round, people.province_own, 1, province=unit_get(round.admin_map, "40"))[
        0
    ]
    foreign = other.results.first()
    Assessment.objects.filter(pk=other.pk).update(state=State.SUBMITTED)

    response = province_client.post(
        f"{_review_url(submitted)}results/{foreign.pk}/",
        {"version": 1, f"r{foreign.pk}-value": "0"},
    )

    assert response.status_code == 404
    assert CriterionResult.objects.get(pk=foreign.pk).review_value is None


# ---- query counts ------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_queue_needs_as_many_queries_for_twelve_assessments_as_for_one(client, people, round):
    hanoi = unit_get(round.admin_map, "01")
    client.force_login(people.province_other)
    wards_register(round, people.province_other, 1, province=hanoi, state=State.SUBMITTED)
    client.get(QUEUE)

    one = _queries(client, QUEUE)
    wards_register(round, people.province_other, 11, province=hanoi, state=State.SUBMITTED)
    twelve = _queries(client, QUEUE)

    assert Assessment.objects.filter(state=State.SUBMITTED).count() == 12
    assert one == twelve


def test_the_review_page_needs_as_many_queries_whatever_the_files_and_registrations(
    province_client, submitted, people, round
):
    url = _review_url(submitted)
    province_client.get(url)

    before = _queries(province_client, url)
    for code in ("TC02", "TC03", "TC04"):
        evidence_create(result_of(submitted, code), people.ward_own)
    wards_register(round, people.province_own, 8, province=unit_get(round.admin_map, "40"))
    after = _queries(province_client, url)

    assert before == after
