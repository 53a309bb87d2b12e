"""The ministry's recognition queue: approved by the province → decision number and date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.assessments.models import Assessment, Recognition, State, Transition
from kieumau.assessments.services import assessment_approve, assessment_submit
from kieumau.assessments.services.common import CONFLICT
from tests.assessments.actions import move
from tests.assessments.database import database_state
from tests.web.factories import unit_get, wards_register

QUEUE = "/ministry/recognitions/"


@pytest.fixture
def approved(assessment, people) -> Assessment:
    """Trường Vinh, sent by the ward and approved by Nghệ An."""
    sent = assessment_submit(actor=people.ward_own, assessment=assessment, version=1)
    return assessment_approve(actor=people.province_own, assessment=sent, version=sent.version)


@pytest.fixture
def ministry_client(client, people):
    client.force_login(people.ministry)
    return client


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _url(assessment) -> str:
    return f"{QUEUE}{assessment.pk}/"


def test_the_queue_lists_the_units_approved_by_their_province(ministry_client, approved):
    page = _page(ministry_client.get(QUEUE))

    row = page.split('id="recognition-queue"')[1].split("</tr>", 2)[1]
    assert "<h1>Công nhận đơn vị kiểu mẫu</h1>" in page
    assert '<span class="kpi-value" id="count-queue">1</span>' in page
    assert f'<a href="/assessment/{approved.pk}/">Phường Trường Vinh</a>' in row
    assert "<td>Nghệ An</td>" in row
    assert '<td class="num">0/22</td>' in row
    assert '<span class="badge badge-not_met">Chưa đạt</span>' in row
    assert f'href="/ministry/recognitions/{approved.pk}/">Xem xét, công nhận' in row


def test_the_queue_filters_by_province(ministry_client, approved, round, people):
    hanoi = unit_get(round.admin_map, "01")
    wards_register(round, people.province_other, 2, province=hanoi, state=State.PROVINCE_APPROVED)

    everyone = _page(ministry_client.get(QUEUE))
    hanoi_only = _page(ministry_client.get(QUEUE, {"province": "01"}))

    assert '<span class="kpi-value" id="count-queue">3</span>' in everyone
    assert '<span class="kpi-value" id="count-queue">2</span>' in hanoi_only
    assert "Trường Vinh" not in hanoi_only
    assert '<option value="01" selected>Hà Nội</option>' in hanoi_only


def test_the_recognise_page_summarises_the_assessment_and_asks_for_the_decision(
    ministry_client, approved
):
    page = _page(ministry_client.get(_url(approved)))

    assert "<h1>Công nhận: Phường Trường Vinh</h1>" in page
    assert "Tỉnh Nghệ An · Đợt đánh giá 2025" in page
    assert '<span class="summary-value" id="summary-met">0/22</span>' in page
    assert '<label for="id_decision_number">Số quyết định</label>' in page
    assert '<label for="id_decision_date">Ngày quyết định</label>' in page
    assert "Công an tỉnh đã thẩm định đạt" in page  # the history
    assert ">Công nhận</button>" in page and ">Trả lại để bổ sung</button>" in page


def test_recognising_records_the_decision_and_moves_the_state(ministry_client, approved, people):
    response = ministry_client.post(
        _url(approved),
        {
            "version": approved.version,
            "decision_number": " 1234/QĐ-BCA ",
            "decision_date": "20/12/2025",
        },
        follow=True,
    )

    page = _page(response)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert (
        "Đã công nhận Phường Trường Vinh đạt chuẩn kiểu mẫu theo Quyết định số 1234/QĐ-BCA." in page
    )
    recognition = Recognition.objects.get(assessment=approved)
    assert (recognition.decision_number, recognition.decision_date, recognition.recognised_by) == (
        "1234/QĐ-BCA",
        datetime.date(2025, 12, 20),
        people.ministry,
    )
    assert Assessment.objects.get(pk=approved.pk).state == State.RECOGNISED
    assert Transition.objects.filter(
        assessment=approved, to_state=State.RECOGNISED, actor=people.ministry
    ).exists()


def test_the_recognised_list_shows_the_decision(ministry_client, approved, people):
    move("recognise", approved, people.ministry)

    page = _page(ministry_client.get(QUEUE, {"show": "recognised"}))

    row = page.split('id="recognised-units"')[1].split("</tr>", 2)[1]
    assert "Phường Trường Vinh" in row
    assert '<td class="nowrap">1234/QĐ-BCA</td>' in row
    assert "<td>20/12/2025</td>" in row
    assert '<span class="kpi-value" id="count-recognised">1</span>' in page
    assert "Không có đơn vị nào đang chờ công nhận." not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision_number": "", "decision_date": "20/12/2025"}, "Nhập số quyết định công nhận."),
        (
            {"decision_number": "1234/QĐ-BCA", "decision_date": "31/02/2025"},
            "Nhập một ngày hợp lệ.",
        ),
        (
            {"decision_number": "1234/QĐ-BCA", "decision_date": ""},
            "Nhập ngày ký quyết định công nhận.",
        ),
    ],
)
def test_a_decision_without_number_or_with_a_bad_date_is_refused(
    ministry_client, approved, data, message
):
    before = database_state(approved)

    page = _page(ministry_client.post(_url(approved), {"version": approved.version, **data}))

    assert message in page
    for typed in filter(None, data.values()):
        assert f'value="{typed}"' in page  # what was typed is kept
    assert database_state(approved) == before


def test_a_stale_version_is_refused_with_the_conflict_message(ministry_client, approved):
    Assessment.objects.filter(pk=approved.pk).update(version=approved.version + 1)
    before = database_state(approved)

    page = _page(
        ministry_client.post(
            _url(approved),
            {"version": approved.version, "decision_number": "1/QĐ", "decision_date": "20/12/2025"},
        )
    )

    assert str(CONFLICT) in page
    assert database_state(approved) == before


def test_the_ministry_can_return_the_assessment_to_the_ward_with_a_comment(
    ministry_client, approved, people
):
    url = f"{_url(approved)}return/"

    refused = _page(ministry_client.post(url, {"version": approved.version, "comment": ""}))
    assert "Cần ghi rõ nội dung phường phải bổ sung, sửa đổi." in refused
    assert Assessment.objects.get(pk=approved.pk).state == State.PROVINCE_APPROVED

    done = _page(
        ministry_client.post(
            url, {"version": approved.version, "comment": "Minh chứng TC04 chưa rõ."}, follow=True
        )
    )
    assert "Đã trả lại bản đánh giá của Phường Trường Vinh để bổ sung." in done
    step = Transition.objects.get(assessment=approved, to_state=State.RETURNED)
    assert (step.actor, step.comment) == (people.ministry, "Minh chứng TC04 chưa rõ.")


def test_an_assessment_not_yet_approved_cannot_be_recognised(ministry_client, assessment):
    page = _page(ministry_client.get(_url(assessment)))
    refused = _page(
        ministry_client.post(
            _url(assessment),
            {
                "version": assessment.version,
                "decision_number": "1/QĐ",
                "decision_date": "20/12/2025",
            },
        )
    )

    assert "chỉ công nhận được bản đánh giá đã được Công an tỉnh phê duyệt" in page
    assert 'id="recognise-submit"' not in page
    assert "Không thể chuyển bản đánh giá từ trạng thái «bản nháp» sang «đã công nhận»." in refused
    assert not Recognition.objects.exists()


@pytest.mark.parametrize("who", ["province_own", "ward_own", "viewer"])
def test_other_roles_are_refused_the_ministry_pages(client, people, approved, who):
    client.force_login(getattr(people, who))
    before = database_state(approved)

    responses = [
        client.get(QUEUE),
        client.get(_url(approved)),
        client.post(
            _url(approved),
            {"version": approved.version, "decision_number": "1/QĐ", "decision_date": "20/12/2025"},
        ),
        client.post(f"{_url(approved)}return/", {"version": approved.version, "comment": "x"}),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert database_state(approved) == before


def test_a_missing_assessment_is_not_found(ministry_client, db):
    assert ministry_client.get(f"{QUEUE}999999/").status_code == 404


def test_the_queue_needs_as_many_queries_for_twelve_units_as_for_one(
    ministry_client, people, round
):
    hanoi = unit_get(round.admin_map, "01")
    wards_register(round, people.province_other, 1, province=hanoi, state=State.PROVINCE_APPROVED)
    ministry_client.get(QUEUE)

    with CaptureQueriesContext(connection) as one:
        ministry_client.get(QUEUE)
    wards_register(round, people.province_other, 11, province=hanoi, state=State.PROVINCE_APPROVED)
    with CaptureQueriesContext(connection) as twelve:
        ministry_client.get(QUEUE)

    assert Assessment.objects.filter(state=State.PROVINCE_APPROVED).count() == 12
    assert len(one) == len(twelve)


def test_the_recognised_list_needs_as_many_queries_for_twelve_units_as_for_one(
    ministry_client, people, round
):
    hanoi = unit_get(round.admin_map, "01")
    url = f"{QUEUE}?show=recognised"

    def recognise(count):
        for a in wards_register(
            round, people.province_other, count, province=hanoi, state=State.PROVINCE_APPROVED
        ):
            move("recognise", a, people.ministry)

    recognise(1)
    ministry_client.get(url)
    with CaptureQueriesContext(connection) as one:
        ministry_client.get(url)
    recognise(11)
    with CaptureQueriesContext(connection) as twelve:
        ministry_client.get(url)

    assert Recognition.objects.count() == 12
    assert len(one) == len(twelve)
