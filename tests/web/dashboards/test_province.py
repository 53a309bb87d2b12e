import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.accounts.models import Role
from kieumau.assessments.models import Assessment, State
from kieumau.criteria.types import Level
from tests.assessments.factories import user_create
from tests.web.factories import unit_get, wards_register

OWN = "/dashboard/province/"


def _page(client, user, url=OWN, **headers):
    client.force_login(user)
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _units(page):
    table = page.split('id="units"')[1].split("</table>")[0]
    return re.findall(
        r"<td>(?:<a href=\"[^\"]+\">)?(Phường [^<]+)(?:</a>)?</td>\s*<td>(\d+)", table
    )


@pytest.fixture
def nghe_an(round, people, admin_map):
    """Nghệ An: 4 units — 2 drafts, 1 submitted (basic, 20/22), 1 recognised (full)."""
    units = wards_register(round, people.province_own, 4, province=unit_get(admin_map, "40"))
    Assessment.objects.filter(pk=units[2].pk).update(
        state=State.SUBMITTED, level=Level.BASIC, met_count=20
    )
    Assessment.objects.filter(pk=units[3].pk).update(
        state=State.RECOGNISED, level=Level.FULL, met_count=22
    )
    wards_register(round, people.province_other, 2, province=unit_get(admin_map, "01"))
    return units


def test_a_province_officer_reads_their_province(client, people, nghe_an):
    page = _page(client, people.province_own)

    assert "<title>Tỉnh Nghệ An · Kiểu Mẫu</title>" in page
    assert "<h1>Tổng quan: Tỉnh Nghệ An</h1>" in page
    levels = page.split('id="levels"')[1].split("</ul>")[0]
    assert re.findall(r"<strong>(\d+)</strong><span>([^<]+)</span>", levels) == [
        ("1", "đạt"),
        ("1", "đạt cơ bản"),
        ("0", "chưa đạt"),
        ("2", "chưa đánh giá"),
    ]
    assert "1/11 phường của tỉnh được công nhận trong đợt này (9,1%)." in page
    assert "Tối thiểu 30% (4 phường), phấn đấu 50% (6 phường)." in page
    assert "Cần công nhận thêm 3 phường để đạt mức tối thiểu." in page
    assert "Tối thiểu 100% (11 phường), phấn đấu 100% (11 phường)." in page
    assert 'id="target-2025"' in page and 'id="target-2030"' in page
    assert "Phường Ba Đình" not in page  # Hà Nội's units


def test_the_unit_list_links_each_assessment_with_its_state_and_verdict(client, people, nghe_an):
    page = _page(client, people.province_own)

    table = page.split('id="units"')[1].split("</table>")[0]
    assert len(re.findall(r'<a href="/assessment/\d+/">Phường ', table)) == 4
    assert f'<a href="/assessment/{nghe_an[3].pk}/">' in table
    assert '<span class="badge badge-recognised">đã công nhận</span>' in table
    assert '<span class="badge badge-basic">đạt cơ bản</span>' in table
    assert "20/22" in table and "22/22" in table
    assert "4 đơn vị" in page


def test_the_unit_list_filters_by_state(client, people, nghe_an):
    page = _page(client, people.province_own, f"{OWN}?state=submitted")

    table = page.split('id="units"')[1].split("</table>")[0]
    assert table.count("<tr>") == 2  # the header and one unit
    assert "1 đơn vị" in page
    assert '<option value="submitted" selected>' in page


def test_the_unit_list_is_paginated(client, people, round, admin_map):
    wards_register(round, people.province_other, 30, province=unit_get(admin_map, "01"))

    first = _page(client, people.ministry, "/dashboard/province/01/")
    second = _page(client, people.ministry, "/dashboard/province/01/?page=2")

    assert "30 đơn vị" in first
    assert first.split('id="units"')[1].split("</table>")[0].count("<tr>") == 26
    assert second.split('id="units"')[1].split("</table>")[0].count("<tr>") == 6
    assert "<span>Trang 2 / 2</span>" in second
    assert 'href="?page=1" rel="prev"' in second


def test_an_htmx_request_for_the_units_gets_the_list_only(client, people, nghe_an):
    page = _page(
        client,
        people.province_own,
        f"{OWN}?state=draft",
        **{"HX-Request": "true", "HX-Target": "unit-list"},
    )

    assert page.strip().startswith('<div id="unit-list">')
    assert "<html" not in page and "<svg" not in page
    assert "2 đơn vị" in page


def test_the_ministry_reads_any_province_and_can_go_back_to_the_country(client, people, nghe_an):
    page = _page(client, people.ministry, "/dashboard/province/40/")

    assert "<h1>Tổng quan: Tỉnh Nghệ An</h1>" in page
    assert '<a class="btn" href="/dashboard/">← Tổng quan toàn quốc</a>' in page


def test_another_provinces_dashboard_is_not_found_for_a_province_officer(client, people, nghe_an):
    client.force_login(people.province_other)

    response = client.get("/dashboard/province/40/")

    assert response.status_code == 404
    assert "Nghệ An" not in response.content.decode()


def test_a_province_officer_may_open_their_own_province_by_code(client, people, nghe_an):
    page = _page(client, people.province_own, "/dashboard/province/40/")

    assert "<h1>Tổng quan: Tỉnh Nghệ An</h1>" in page
    assert "← Tổng quan toàn quốc" not in page


def test_an_unknown_province_code_is_not_found(client, people, round):
    client.force_login(people.ministry)

    assert client.get("/dashboard/province/99/").status_code == 404


@pytest.mark.parametrize("url", [OWN, "/dashboard/province/40/"])
def test_a_ward_officer_may_not_read_a_province_dashboard(client, people, nghe_an, url):
    client.force_login(people.ward_own)

    response = client.get(url)

    assert response.status_code == 403
    assert "Phường Thành Vinh" not in response.content.decode()


def test_the_ministry_is_sent_from_the_own_province_page_to_the_national_one(client, people, round):
    client.force_login(people.ministry)

    assert client.get(OWN).url == "/dashboard/"


def test_on_the_2023_map_a_merged_province_can_open_each_predecessor(
    client, admin_map, round, round_2023
):
    lao_cai = user_create("lao-cai", Role.PROVINCE, unit_get(admin_map, "15"))
    client.force_login(lao_cai)
    client.post("/round/", {"year": "2023", "next": OWN})

    page = _page(client, lao_cai)
    yen_bai = _page(client, lao_cai, "/dashboard/province/15/")

    assert "<h1>Tổng quan: Tỉnh Lào Cai</h1>" in page
    assert "Trong danh mục này, tỉnh của bạn gồm:" in page
    assert '<a href="/dashboard/province/10/" aria-current="page">Tỉnh Lào Cai</a>' in page
    assert '<a href="/dashboard/province/15/">Tỉnh Yên Bái</a>' in page
    assert "<h1>Tổng quan: Tỉnh Yên Bái</h1>" in yen_bai
    assert client.get("/dashboard/province/40/").status_code == 404


def test_the_province_dashboard_queries_do_not_grow_with_the_units(
    client, people, round, admin_map
):
    client.force_login(people.province_other)
    hanoi = unit_get(admin_map, "01")
    wards_register(round, people.province_other, 1, province=hanoi)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(OWN).status_code == 200
        return len(queries)

    few = count()
    more = wards_register(round, people.province_other, 12, province=hanoi)
    Assessment.objects.filter(pk__in=[a.pk for a in more[:6]]).update(state=State.SUBMITTED)
    many = count()

    assert few == many


def test_when_every_assessed_unit_meets_every_criterion_the_chart_says_so(
    client, people, round, admin_map
):
    (unit,) = wards_register(round, people.province_own, 1, province=unit_get(admin_map, "40"))
    for result in unit.results.select_related("criterion"):
        criterion = result.criterion
        result.self_value = 1 if criterion.threshold is None else criterion.threshold
        if criterion.comparator == "<=":
            result.self_value = 0
        result.save()
    Assessment.objects.filter(pk=unit.pk).update(
        state=State.SUBMITTED, level=Level.FULL, met_count=22
    )

    page = _page(client, people.province_own)

    section = page.split('id="unmet-criteria"')[1].split("</section>")[0]
    assert "Mọi đơn vị đã đánh giá đều đạt tất cả các tiêu chí." in section
    assert "Chưa có đơn vị nào gửi kết quả tự đánh giá." not in section
