import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kieumau.assessments.models import State
from kieumau.assessments.services import SelfValue, results_set_self_values
from kieumau.programme.models import Round
from tests.assessments.factories import assessment_create, evidence_create, result_of, unit_get
from tests.web.factories import wards_register

from .helpers import page, whole_form


@pytest.fixture
def ward(client, people):
    client.force_login(people.ward_own)
    return client


def test_the_ward_page_shows_the_units_assessment_with_its_round_deadline_and_state(
    ward, assessment
):
    html = page(ward)

    assert "<h1>Đánh giá của đơn vị</h1>" in html
    assert "<title>Đánh giá của đơn vị · Kiểu Mẫu</title>" in html
    assert "<dt>Đơn vị</dt><dd>Phường Trường Vinh</dd>" in html
    assert "<dt>Tỉnh, thành phố</dt><dd>Tỉnh Nghệ An</dd>" in html
    assert "<dt>Đợt</dt><dd>Đợt đánh giá 2025</dd>" in html
    assert "<dt>Hạn tự đánh giá</dt><dd>31/10/2025</dd>" in html
    assert '<span class="badge badge-draft">Bản nháp</span>' in html
    assert '<span class="badge badge-not_met">Chưa đạt</span>' in html


def test_the_running_count_comes_from_the_criteria_set(ward, assessment, people):
    values = {"TC01": SelfValue(1), "TC02": SelfValue(Decimal("92.5")), "TC03": SelfValue(0)}
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=values, version=1)

    html = page(ward)

    assert "2/22 tiêu chí đạt — đạt cơ bản cần 20" in html
    assert "Tiêu chí bắt buộc chưa đạt: TC04, TC07, TC19" in html


def test_criteria_are_grouped_with_guidance_requirement_kind_and_mandatory_badge(ward, assessment):
    html = page(ward)

    groups = re.findall(r'<h2 id="group-[a-e]" class="group-title">([^<]+)</h2>', html)
    assert groups == [
        "A. Lãnh đạo, chỉ đạo và phong trào",
        "B. An ninh, trật tự",
        "C. Phục vụ nhân dân, văn minh đô thị, chuyển đổi số",
        "D. Xây dựng lực lượng",
        "E. Cơ sở vật chất",
    ]
    assert html.count('class="criterion"') == 22
    tc02 = _criterion(html, result_of(assessment, "TC02").pk)
    assert '<span class="criterion-code">TC02</span>' in tc02
    assert "Tỷ lệ khu dân cư đạt tiêu chuẩn" in tc02
    assert '<span class="badge badge-kind">Tỷ lệ phần trăm</span>' in tc02
    assert "Đạt khi:</span> ≥ 90 %" in tc02
    assert "Thông tư\n124/2021/TT-BCA" in tc02 or "Thông tư 124/2021/TT-BCA" in tc02
    assert '<span class="badge badge-missing">Chưa nhập</span>' in tc02
    assert "badge-mandatory" not in tc02
    tc04 = _criterion(html, result_of(assessment, "TC04").pk)
    assert '<span class="badge badge-mandatory">Bắt buộc</span>' in tc04
    assert html.count('<span class="badge badge-mandatory">Bắt buộc</span>') == 3


def test_each_kind_gets_its_input(ward, assessment):
    html = page(ward)

    tc01 = _criterion(html, result_of(assessment, "TC01").pk)
    assert "<legend>Kết quả</legend>" in tc01
    assert (
        'type="radio" name="TC01-value" value="1" form="assessment-form" id="id_TC01-value_0"> Có'
        in tc01
    )
    radio = 'type="radio" name="TC01-value" value="0" form="assessment-form"'
    assert f'{radio} id="id_TC01-value_1"> Không' in tc01
    tc02 = _criterion(html, result_of(assessment, "TC02").pk)
    assert '<label for="id_TC02-value">Tỷ lệ đạt được (%)</label>' in tc02
    assert 'type="text" name="TC02-value" inputmode="decimal"' in tc02
    tc05 = _criterion(html, result_of(assessment, "TC05").pk)
    assert '<label for="id_TC05-value">Giá trị (%)</label>' in tc05
    assert '<label for="id_TC05-note">Ghi chú</label>' in tc05


def test_stored_values_show_the_vietnamese_way_with_their_status(ward, assessment, people):
    values = {"TC02": SelfValue(Decimal("85.5"), "Theo báo cáo năm 2024"), "TC01": SelfValue(1)}
    results_set_self_values(actor=people.ward_own, assessment=assessment, values=values, version=1)

    html = page(ward)

    tc02 = _criterion(html, result_of(assessment, "TC02").pk)
    assert 'name="TC02-value" value="85,5"' in tc02
    assert ">\nTheo báo cáo năm 2024</textarea>" in tc02
    assert '<span class="badge badge-unmet">Chưa đạt</span>' in tc02
    tc01 = _criterion(html, result_of(assessment, "TC01").pk)
    assert 'value="1" form="assessment-form" id="id_TC01-value_0" checked' in tc01
    assert '<span class="badge badge-met">Đạt</span>' in tc01


def test_evidence_is_listed_with_size_date_download_link_and_remove_button(
    ward, assessment, people
):
    evidence = evidence_create(
        result_of(assessment, "TC01"), people.ward_own, name="nghi-quyet.pdf"
    )

    tc01 = _criterion(page(ward), evidence.result_id)

    assert (
        f'<a class="evidence-name" href="/assessments/evidence/{evidence.pk}/">nghi-quyet.pdf</a>'
        in tc01
    )
    assert f"48\xa0byte · {timezone.localdate():%d/%m/%Y}" in tc01
    assert f'action="/unit/evidence/{evidence.pk}/remove/"' in tc01
    assert 'aria-label="Xóa nghi-quyet.pdf"' in tc01
    assert '<label for="files-' in tc01 and "Thêm tệp minh chứng cho TC01" in tc01
    assert 'class="dropzone"' in tc01 and 'name="files" multiple' in tc01


def test_the_page_offers_save_and_send_for_review(ward, assessment):
    html = page(ward)

    assert (
        f'<form id="assessment-form" method="post" action="/unit/assessment/{assessment.pk}/save/"'
        in html
    )
    assert '<input type="hidden" name="version" value="1" class="assessment-version">' in html
    assert 'class="btn btn-secondary" id="save-all">Lưu</button>' in html
    assert 'name="next" value="submit" class="btn btn-primary" id="submit-start">' in html
    assert 'id="submit-start">Gửi thẩm định…</button>' in html


def test_a_unit_not_registered_in_the_round_is_told_so(client, people, round):
    client.force_login(people.ward_other)

    html = page(client)

    assert "chưa được đăng ký tham gia Đợt đánh giá 2025." in html
    assert "Công an tỉnh đăng ký các đơn vị tham gia mỗi đợt." in html
    assert "assessment-form" not in html


def test_without_any_round_the_page_says_so(ward, maps):
    assert not Round.objects.exists()

    assert "Chưa có đợt đánh giá nào." in page(ward)


def test_the_page_follows_the_round_switch(ward, assessment, people, admin_map):
    other = Round.objects.create(
        year=2026,
        name="Đợt đánh giá 2026",
        admin_map=admin_map,
        criteria_set=assessment.registration.round.criteria_set,
        quota_rule=assessment.registration.round.quota_rule,
        self_assessment_deadline=date(2026, 10, 31),
        review_deadline=date(2026, 11, 30),
        recognition_deadline=date(2026, 12, 31),
    )
    assert "chưa được đăng ký tham gia Đợt đánh giá 2026." in page(ward)

    ward.post("/round/", {"year": 2025, "next": "/unit/assessment/"})

    assert "<dt>Đợt</dt><dd>Đợt đánh giá 2025</dd>" in page(ward)
    assert other.pk


@pytest.mark.parametrize("role", ["province_own", "ministry", "viewer"])
def test_other_roles_may_not_open_the_ward_pages(client, people, assessment, role):
    client.force_login(getattr(people, role))

    for url in ("/unit/assessment/", "/unit/actions/", "/unit/resources/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Trường Vinh" not in response.content.decode().split("<main")[1]


def test_the_ward_page_needs_a_sign_in(client, assessment):
    response = client.get("/unit/assessment/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/province/registrations/",
        "/province/reviews/",
        "/province/documents/",
        "/dashboard/province/",
        "/ministry/recognitions/",
    ],
)
def test_a_ward_officer_is_refused_the_province_and_ministry_pages(ward, assessment, url):
    response = ward.get(url)

    assert response.status_code == 403


def test_the_ward_page_query_count_does_not_grow_with_units_or_files(
    ward, assessment, round, people
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(ward)
        return len(queries)

    wards_register(round, people.province_own, 1)
    small = count()
    wards_register(round, people.province_own, 11)
    for code in ("TC01", "TC02", "TC03"):
        for _ in range(2):
            evidence_create(result_of(assessment, code), people.ward_own)
    assessment.state = State.RETURNED  # with a workflow history too
    assessment.save()

    assert count() == small


def _criterion(html: str, result_id: int) -> str:
    """The HTML of one criterion's card on the page."""
    start = html.index(f'<article class="criterion" id="criterion-{result_id}"')
    return html[start : html.index("</article>", start)]


def test_on_the_2023_map_the_officer_picks_among_the_wards_that_became_the_unit(
    ward, round, people, maps
):
    old_round = Round.objects.create(
        year=2023,
        name="Đợt đánh giá 2023",
        admin_map=maps["2023-05"],
        criteria_set=round.criteria_set,
        quota_rule=round.quota_rule,
        self_assessment_deadline=date(2023, 10, 31),
        review_deadline=date(2023, 11, 30),
        recognition_deadline=date(2023, 12, 31),
    )
    truong_thi, ben_thuy = (
        assessment_create(old_round, unit_get(maps["2023-05"], code), people.province_own)
        for code in ("16690", "16693")
    )
    ward.post("/round/", {"year": 2023, "next": "/unit/assessment/"})

    first = page(ward)
    chosen = page(ward, f"/unit/assessment/?a={ben_thuy.pk}")

    assert "<dt>Đơn vị</dt><dd>Phường Trường Thi</dd>" in first
    assert f'<a href="?a={ben_thuy.pk}">Phường Bến Thủy</a>' in first
    assert f'<a href="?a={truong_thi.pk}" aria-current="page">Phường Trường Thi</a>' in first
    assert "<dt>Đơn vị</dt><dd>Phường Bến Thủy</dd>" in chosen
    response = ward.post(
        f"/unit/assessment/{ben_thuy.pk}/save/", whole_form(ben_thuy, {"TC01": "1"})
    )
    assert response["Location"] == f"/unit/assessment/?a={ben_thuy.pk}"
    assert result_of(ben_thuy, "TC01").self_value == 1
