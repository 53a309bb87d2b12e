"""The province's registrations page: quota figures, search by name, register, withdraw."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import UnitType
from kieumau.assessments.models import Assessment, State
from kieumau.programme.models import Registration, Round
from tests.web.factories import unit_get, wards_register

URL = "/province/registrations/"


@pytest.fixture
def province_client(client, people):
    client.force_login(people.province_own)
    return client


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _registered_codes(round_) -> list[str]:
    return sorted(Registration.objects.filter(round=round_).values_list("unit__code", flat=True))


def test_the_page_shows_the_quota_the_registrations_and_each_registered_ward(
    province_client, assessment
):
    page = _page(province_client.get(URL))

    assert "<h1>Đăng ký đơn vị theo chỉ tiêu</h1>" in page
    assert "Tỉnh Nghệ An · Đợt đánh giá 2025" in page
    assert '<span class="kpi-value" id="kpi-quota">4</span>' in page
    assert '<span class="kpi-value" id="kpi-registered">1</span>' in page
    assert '<span class="kpi-value" id="kpi-over">0</span>' in page
    assert '<span class="kpi-value" id="kpi-remaining">3</span>' in page
    assert "Phường đã đăng ký (1)" in page
    assert f'<a href="/assessment/{assessment.pk}/">Phường Trường Vinh</a>' in page
    assert '<span class="badge badge-draft">Bản nháp</span>' in page
    assert "Rút đăng ký" in page


def test_registering_beyond_the_quota_shows_the_over_quota_figure(province_client, round, people):
    nghe_an = unit_get(round.admin_map, "40")
    wards_register(round, people.province_own, 6, province=nghe_an)

    page = _page(province_client.get(URL))

    assert '<span class="kpi-value" id="kpi-registered">6</span>' in page
    assert '<span class="kpi-value" id="kpi-over">2</span>' in page
    assert '<span class="kpi-value" id="kpi-remaining">0</span>' in page


def test_an_overridden_quota_says_from_what_and_why(province_client, round):
    round.quotas.filter(province__code="40").update(override=6, override_reason="Tỉnh đề xuất")

    page = _page(province_client.get(URL))

    assert '<span class="kpi-value" id="kpi-quota">6</span>' in page
    assert "Điều chỉnh từ 4 theo quy tắc: Tỉnh đề xuất" in page


@pytest.mark.parametrize("query", ["truong vinh", "TRƯỜNG VINH", "16690"])
def test_the_search_finds_a_ward_without_diacritics_and_marks_it_registered(
    province_client, assessment, query
):
    page = _page(province_client.get(URL, {"q": query}))

    results = page.split('id="ward-search-results"')[1].split("</table>")[0]
    assert "1 phường khớp với «" in results
    assert "Phường Trường Vinh" in results
    assert '<span class="badge badge-met">Đã đăng ký</span>' in results


def test_the_htmx_search_answers_with_the_results_alone(province_client, round):
    response = province_client.get(
        "/province/registrations/search/", {"q": "vinh loc"}, headers={"HX-Request": "true"}
    )

    page = _page(response)
    assert page.startswith('<div id="ward-search-results"')
    assert "<html" not in page
    assert "Phường Vinh Lộc" in page
    assert 'name="unit" value="' in page and ">Đăng ký<" in page


def test_a_search_without_match_says_so(province_client, round):
    page = _page(province_client.get(URL, {"q": "ba dinh"}))

    assert "Không có phường nào của tỉnh khớp với «ba dinh»." in page


def test_registering_a_found_ward_creates_its_registration_and_draft_assessment(
    province_client, round, people
):
    vinh_loc = unit_get(round.admin_map, "16708")

    response = province_client.post(
        "/province/registrations/add/", {"unit": vinh_loc.pk, "q": "vinh"}, follow=True
    )

    page = _page(response)
    assert response.redirect_chain == [(f"{URL}?q=vinh", 302)]
    assert "Đã đăng ký Phường Vinh Lộc vào Đợt đánh giá 2025." in page
    registration = Registration.objects.get(round=round, unit=vinh_loc)
    assert registration.registered_by == people.province_own
    assert registration.assessment.state == State.DRAFT
    assert registration.assessment.results.count() == 22


def test_registering_a_xa_is_refused_with_the_reason_and_changes_nothing(province_client, round):
    xa = AdminUnit.objects.filter(
        admin_map=round.admin_map, province__code="40", type=UnitType.COMMUNE
    ).first()

    page = _page(province_client.post("/province/registrations/add/", {"unit": xa.pk}, follow=True))

    assert f"Xã {xa.name} ({xa.code}) không phải phường: chỉ đăng ký được phường." in page
    assert _registered_codes(round) == []


def test_registering_a_ward_twice_is_refused(province_client, round, assessment):
    ward = assessment.registration.unit

    page = _page(
        province_client.post("/province/registrations/add/", {"unit": ward.pk}, follow=True)
    )

    assert "Phường Trường Vinh (16690) đã được đăng ký trong đợt 2025." in page
    assert _registered_codes(round) == ["16690"]


def test_registering_in_a_closed_round_is_refused(province_client, round):
    Round.objects.filter(pk=round.pk).update(status=Round.Status.CLOSED)
    ward = unit_get(round.admin_map, "16708")

    page = _page(
        province_client.post("/province/registrations/add/", {"unit": ward.pk}, follow=True)
    )

    assert "Đợt đánh giá năm 2025 đã đóng: không thay đổi được nữa." in page
    assert "Đợt đánh giá năm 2025 đã đóng: không thể đăng ký thêm hoặc rút đăng ký." in page
    assert 'id="ward-search-q"' not in page
    assert _registered_codes(round) == []


def test_a_ward_of_another_province_posted_by_hand_is_not_found(province_client, round):
    ba_dinh = unit_get(round.admin_map, "00004")

    response = province_client.post("/province/registrations/add/", {"unit": ba_dinh.pk})

    assert response.status_code == 404
    assert "Ba Đình" not in response.content.decode()
    assert _registered_codes(round) == []


def test_withdrawing_a_draft_registration_deletes_it_and_its_assessment(
    province_client, round, assessment
):
    registration = assessment.registration

    page = _page(
        province_client.post(f"/province/registrations/{registration.pk}/withdraw/", follow=True)
    )

    assert "Đã rút đăng ký của Phường Trường Vinh." in page
    assert _registered_codes(round) == []
    assert not Assessment.objects.filter(pk=assessment.pk).exists()


def test_a_submitted_assessment_cannot_be_withdrawn(province_client, round, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(state=State.SUBMITTED)

    page = _page(
        province_client.post(
            f"/province/registrations/{assessment.registration.pk}/withdraw/", follow=True
        )
    )

    assert (
        "Không rút được đăng ký của Phường Trường Vinh (16690): bản đánh giá đang ở trạng thái "
        "«đã gửi thẩm định»; chỉ rút được khi còn là bản nháp." in page
    )
    assert "Đã gửi thẩm định, không rút được" in page
    assert _registered_codes(round) == ["16690"]


def test_another_provinces_officer_cannot_withdraw_or_see_the_registration(
    client, people, round, assessment
):
    client.force_login(people.province_other)

    response = client.post(f"/province/registrations/{assessment.registration.pk}/withdraw/")
    page = _page(client.get(URL))

    assert response.status_code == 404
    assert "Trường Vinh" not in page
    assert "Thành phố Hà Nội" in page
    assert _registered_codes(round) == ["16690"]


@pytest.mark.parametrize("who", ["ward_own", "ward_other"])
def test_a_ward_officer_is_refused_the_page_and_the_actions(client, people, round, who):
    client.force_login(getattr(people, who))
    ward = unit_get(round.admin_map, "16708")

    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}?province=40").status_code == 403
    assert client.post("/province/registrations/add/", {"unit": ward.pk}).status_code == 403
    assert _registered_codes(round) == []


def test_the_ministry_reads_a_provinces_registrations_without_acting(
    client, people, round, assessment
):
    client.force_login(people.ministry)

    chooser = _page(client.get(URL))
    page = _page(client.get(URL, {"province": "40"}))
    refused = client.post(
        "/province/registrations/add/", {"unit": unit_get(round.admin_map, "16708").pk}
    )

    assert '<option value="40">Tỉnh Nghệ An</option>' in chooser
    assert "Phường Trường Vinh" in page and "Chỉ xem" in page
    assert "Rút đăng ký" not in page and 'id="ward-search-q"' not in page
    assert client.get(URL, {"province": "99"}).status_code == 404
    assert refused.status_code == 403


def test_without_a_round_the_page_says_what_to_wait_for(province_client, db):
    page = _page(province_client.get(URL))

    assert "Chưa có đợt đánh giá nào. Bộ Công an mở đợt và giao chỉ tiêu" in page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_needs_as_many_queries_for_twelve_registrations_as_for_one(client, people, round):
    hanoi = unit_get(round.admin_map, "01")
    client.force_login(people.province_other)
    wards_register(round, people.province_other, 1, province=hanoi)
    url = f"{URL}?q=phuong"
    client.get(url)  # session and translations warmed up

    one = _queries(client, url)
    wards_register(round, people.province_other, 11, province=hanoi)
    twelve = _queries(client, url)

    assert Registration.objects.filter(round=round).count() == 12
    assert one == twelve
