import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kieumau.accounts.models import Role
from kieumau.assessments.models import Assessment, State
from kieumau.core.aggregates import aggregates_changed
from kieumau.criteria.types import Level
from tests.assessments.factories import user_create
from tests.web.factories import unit_get, wards_register

URL = "/dashboard/"


def _page(client, user, url=URL, **headers):
    client.force_login(user)
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _recognise(assessments):
    Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(
        state=State.RECOGNISED, level=Level.FULL
    )


def _kpi(page, name):
    block = page.split(f'id="kpi-{name}"')[1].split('<div class="kpi')[0]
    return re.search(r'class="kpi-value">([^<]+)<', block).group(1)


def _table_names(page):
    table = page.split('id="provinces"')[1].split("</table>")[0]
    return re.findall(r'<td class="name"><a href="/dashboard/province/\d\d/">([^<]+)</a>', table)


@pytest.fixture
def registered(round, people, admin_map):
    """Nghệ An: 3 units, 1 submitted (basic), 1 recognised; Lai Châu: 1 of 2 phường recognised."""
    nghe_an = wards_register(round, people.province_own, 3, province=unit_get(admin_map, "40"))
    Assessment.objects.filter(pk=nghe_an[1].pk).update(state=State.SUBMITTED, level=Level.BASIC)
    _recognise(nghe_an[2:])
    _recognise(wards_register(round, people.ministry, 1, province=unit_get(admin_map, "12")))
    return round


def test_the_national_dashboard_shows_the_figures_the_map_and_the_charts(
    client, people, registered
):
    page = _page(client, people.ministry)

    assert "<title>Tổng quan toàn quốc · Kiểu Mẫu</title>" in page
    assert "<h1>Tổng quan toàn quốc</h1>" in page
    assert "Mục tiêu năm 2025: 30%–50% số phường đạt chuẩn kiểu mẫu" in page
    assert [_kpi(page, k) for k in ("registered", "assessed", "basic", "full", "recognised")] == [
        "4",
        "3",
        "1",
        "2",
        "2",
    ]
    assert "chưa gửi: 1" in page
    assert len(re.findall(r'<path class="fill-\d" d="', page)) == 34
    assert (
        '<a href="/dashboard/province/40/" aria-label="Nghệ An; Được công nhận: 1/11 phường' in page
    )
    assert '<path class="fill-5"' in page  # Lai Châu: 50% of its phường, the target reached
    assert "Quần đảo Hoàng Sa" in page and "Quần đảo Trường Sa" in page
    assert (
        'Ranh giới tỉnh: Open Development Mekong / Open Development Vietnam, "Địa phận tỉnh" '
        "(nguồn: Cục Đo đạc và Bản đồ), CC BY-SA 4.0; đã đơn giản hóa và hợp nhất theo Nghị "
        "quyết 202/2025/QH15."
    ) in unescape(page)
    assert '<h2 id="criteria-heading">Tiêu chí chưa đạt nhiều nhất</h2>' in page
    assert 'aria-labelledby="progress-chart-title"' in page
    assert ">tối thiểu 30%</text>" in page
    assert len(_table_names(page)) == 34
    assert "style=" not in page and "<script>" not in page


def test_the_2023_round_shows_the_63_provinces_of_its_map(client, people, registered, round_2023):
    client.force_login(people.ministry)
    client.post("/round/", {"year": "2023", "next": URL})

    page = _page(client, people.ministry)

    assert "Danh mục hành chính ngày 07/05/2023 (63 tỉnh, 3 cấp)" in page
    assert len(re.findall(r'<path class="fill-\d" d="', page)) == 63
    assert len(_table_names(page)) == 63
    assert _kpi(page, "quota") == "106"
    assert _kpi(page, "registered") == "0"
    assert "Yên Bái" in _table_names(page)
    assert "Quần đảo Hoàng Sa" in page


def test_the_table_sorts_by_a_column_and_says_so_with_aria_sort(client, people, registered):
    page = _page(client, people.ministry, f"{URL}?sort=-registered")

    assert _table_names(page)[:2] == ["Nghệ An", "Lai Châu"]
    header = page.split('aria-sort="descending"')[1].split("</th>")[0]
    assert 'href="?sort=registered"' in header and "Đã đăng ký" in header
    assert page.count("aria-sort=") == 1


def test_the_table_sorts_by_name_by_default_and_the_other_way_on_request(
    client, people, registered
):
    by_name = _table_names(_page(client, people.ministry))
    reversed_names = _table_names(_page(client, people.ministry, f"{URL}?sort=-name"))

    assert by_name[:4] == ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng"]
    assert reversed_names == list(reversed(by_name))


def test_the_table_filters_by_name_and_by_track(client, people, registered):
    by_name = _page(client, people.ministry, f"{URL}?q=nghe")
    on_track = _page(client, people.ministry, f"{URL}?track=on")
    nothing = _page(client, people.ministry, f"{URL}?q=xyz")

    assert _table_names(by_name) == ["Nghệ An"]
    assert "Hiển thị 1 tỉnh, thành phố" in by_name
    assert _table_names(on_track) == ["Lai Châu"]
    assert "Không có tỉnh, thành phố nào phù hợp bộ lọc." in nothing


def test_an_htmx_request_for_the_table_gets_the_table_only(client, people, registered):
    page = _page(
        client,
        people.ministry,
        f"{URL}?q=nghe&sort=-percent",
        **{"HX-Request": "true", "HX-Target": "province-table"},
    )

    assert page.strip().startswith('<div id="province-table">')
    assert "<html" not in page and "<svg" not in page
    assert (
        '<input type="hidden" name="sort" id="province-sort" value="-percent" hx-swap-oob="true">'
        in page
    )
    assert _table_names(page) == ["Nghệ An"]


def test_a_province_officer_is_sent_to_the_province_dashboard(client, people, round):
    client.force_login(people.province_own)

    response = client.get(URL)

    assert (response.status_code, response.url) == (302, "/dashboard/province/")


def test_a_leader_attached_to_a_province_is_sent_to_its_dashboard(client, admin_map, round):
    leader = user_create("lanh-dao-tinh", Role.VIEWER, unit_get(admin_map, "40"))
    client.force_login(leader)

    assert client.get(URL).url == "/dashboard/province/"


def test_a_ward_officer_may_not_read_the_dashboards(client, people, registered):
    client.force_login(people.ward_own)

    response = client.get(URL)

    assert response.status_code == 403
    assert "Nghệ An" not in response.content.decode()


def test_signing_in_comes_first(client, round):
    response = client.get(URL)

    assert (response.status_code, response.url) == (302, "/login/?next=/dashboard/")


def test_a_national_leader_reads_the_national_dashboard(client, people, registered):
    page = _page(client, people.viewer)

    assert len(_table_names(page)) == 34


def test_without_a_round_the_dashboard_says_what_to_do(client, people):
    page = _page(client, people.ministry)

    assert "Chưa có đợt đánh giá nào." in page
    assert "<svg" not in page


def test_the_dashboard_speaks_english_when_asked(client, people, registered):
    page = _page(client, people.ministry, **{"accept-language": "en"})

    assert "<h1>National overview</h1>" in page
    assert ">Hoàng Sa archipelago</text>" in page
    assert "Recognised: 1 of 11 phường (9.1%); target 2025: 30%" in page


def test_the_dashboard_queries_do_not_grow_with_the_units(
    client, people, round, admin_map, django_capture_on_commit_callbacks
):
    client.force_login(people.ministry)
    wards_register(round, people.ministry, 1, province=unit_get(admin_map, "40"))

    def count():
        with django_capture_on_commit_callbacks(execute=True):
            aggregates_changed()  # the figures computed, not read from the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    for code in ("01", "79", "48", "31"):
        wards_register(round, people.ministry, 3, province=unit_get(admin_map, code))
    Assessment.objects.filter(registration__round=round).update(state=State.SUBMITTED)
    many = count()

    assert Assessment.objects.filter(registration__round=round).count() == 13
    assert few == many
