from django.template.loader import render_to_string
from django.utils import translation


def test_home_page_is_in_vietnamese_by_default_and_lists_the_maps(
    client, maps, django_assert_max_num_queries
):
    # session, user, one aggregate over all maps, and the rate-limit counter in the cache
    with django_assert_max_num_queries(6):
        response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi" class="no-js">' in page
    assert "Kiểu Mẫu" in page
    assert "Danh mục hành chính" in page
    assert "<td>2025-07</td>" in page
    row = page.replace("\n      ", "").split("<td>2025-07</td>")[1].split("</tr>")[0]
    assert '<td class="num">34</td><td class="num">—</td><td class="num">3.321</td>' in row


def test_home_page_speaks_english_when_asked(client, maps):
    response = client.get("/", headers={"accept-language": "en"})

    page = response.content.decode()
    assert '<html lang="en" class="no-js">' in page
    assert "Administrative maps" in page
    assert '<td class="num">10,598</td>' in page


def test_home_page_without_maps_says_how_to_load_them(rf):
    with translation.override("vi"):
        page = render_to_string("web/home.html", {"maps": []}, request=rf.get("/"))

    assert "Chưa nạp danh mục hành chính nào. Chạy: kieumau setup" in page
