from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.assessments.models import Assessment
from kieumau.assessments.services import SelfValue, result_review, results_set_self_values
from tests.assessments.actions import move
from tests.assessments.factories import evidence_create, result_of
from tests.web.factories import wards_register

from .helpers import page, version_of


@pytest.fixture
def filled(assessment, people):
    values = {"TC01": SelfValue(1), "TC22": SelfValue(Decimal(100), "Đủ trang thiết bị")}
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=values, version=1)
    evidence_create(result_of(assessment, "TC01"), people.ward_own, name="nghi-quyet.pdf")
    return Assessment.objects.get(pk=assessment.pk)


@pytest.mark.parametrize("role", ["ward_own", "province_own", "ministry", "viewer"])
def test_the_detail_page_shows_the_assessment_to_everyone_whose_scope_holds_it(
    client, people, filled, role
):
    client.force_login(getattr(people, role))

    html = page(client, f"/assessment/{filled.pk}/")

    assert "<h1>Bản đánh giá của Phường Trường Vinh</h1>" in html
    assert "<title>Bản đánh giá của Phường Trường Vinh · Kiểu Mẫu</title>" in html
    assert "<dt>Tỉnh, thành phố</dt><dd>Tỉnh Nghệ An</dd>" in html
    assert "2/22 tiêu chí đạt — đạt cơ bản cần 20" in html
    assert html.count('class="criterion"') == 22
    assert "<dt>Tự đánh giá</dt><dd>100%</dd>" in html
    assert "<dt>Ghi chú</dt><dd>Đủ trang thiết bị</dd>" in html
    evidence = filled.results.get(criterion__code="TC01").evidence.get()
    assert f'href="/assessments/evidence/{evidence.pk}/">nghi-quyet.pdf</a>' in html
    assert "Chưa gửi thẩm định." in html  # no workflow step yet
    assert "assessment-form" not in html and "evidence-remove" not in html
    assert ("Mở để cập nhật" in html) == (role == "ward_own")


@pytest.mark.parametrize("role", ["ward_other", "province_other"])
def test_another_scopes_officer_gets_404_and_never_the_data(client, people, filled, role):
    client.force_login(getattr(people, role))

    response = client.get(f"/assessment/{filled.pk}/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Trường Vinh" not in html and "nghi-quyet.pdf" not in html


def test_a_missing_assessment_is_404(client, people, maps):
    client.force_login(people.ministry)

    assert client.get("/assessment/999999/").status_code == 404


def test_the_detail_page_shows_review_history_and_recognition(client, people, filled):
    move("submit", filled, people.ward_own)
    result_review(
        actor=people.province_own,
        result=result_of(filled, "TC01"),
        value=Decimal(1),
        comment="Đã đối chiếu nghị quyết.",
        version=version_of(filled),
    )
    for step, actor in (("approve", people.province_own), ("recognise", people.ministry)):
        move(step, Assessment.objects.get(pk=filled.pk), actor)
    client.force_login(people.viewer)

    html = page(client, f"/assessment/{filled.pk}/")

    assert '<span class="badge badge-recognised">Đã công nhận</span>' in html
    assert (
        "Được công nhận đạt chuẩn kiểu mẫu theo Quyết định số 1234/QĐ-BCA ngày 20/12/2025." in html
    )
    assert "Giá trị thẩm định: <strong>Có</strong>" in html
    assert "Đã đối chiếu nghị quyết." in html
    history = html[html.index("Lịch sử xử lý") :]
    assert history.count("<tr>") == 4  # header and three steps
    for user in (people.ward_own, people.province_own, people.ministry):
        assert f"<td>{user.username}</td>" in history


def test_the_detail_page_of_a_returned_assessment_shows_why(client, people, filled):
    move("submit", filled, people.ward_own)
    move("return", Assessment.objects.get(pk=filled.pk), people.province_own)
    client.force_login(people.province_own)

    html = page(client, f"/assessment/{filled.pk}/")

    assert "Trả lại để bổ sung" in html
    assert "Bổ sung minh chứng tiêu chí 3." in html


def test_the_detail_page_query_count_does_not_grow_with_units_or_files(
    client, people, filled, round
):
    client.force_login(people.province_own)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(client, f"/assessment/{filled.pk}/")
        return len(queries)

    wards_register(round, people.province_own, 1)
    small = count()
    wards_register(round, people.province_own, 11)
    for code in ("TC02", "TC03", "TC04"):
        for _ in range(2):
            evidence_create(result_of(filled, code), people.ward_own)
    move("submit", filled, people.ward_own)

    assert count() == small
