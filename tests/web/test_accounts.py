"""Sign-in, sign-out, password change, the role's start page, its menu and the round switch."""

from datetime import date

import pytest

from kieumau.accounts.models import Role, User
from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.models import QuotaRule, Round


def _menu(response) -> list[str]:
    page = response.content.decode()
    nav = page.split('<nav class="sidebar"')[1].split("</nav>")[0]
    return [item.split(">")[1].split("<")[0] for item in nav.split("<a ")[1:]]


def test_the_login_page_is_in_vietnamese(client, db):
    page = client.get("/login/").content.decode()

    assert "<h1>Đăng nhập</h1>" in page
    assert '<label for="id_username">Tên đăng nhập</label>' in page
    assert '<label for="id_password">Mật khẩu</label>' in page


def test_a_wrong_password_is_refused_with_a_message_and_no_session(client, people):
    people.ward_own.set_password("Dung-Mat-Khau-2025")
    people.ward_own.save()

    response = client.post("/login/", {"username": "phuong", "password": "sai"})

    assert response.status_code == 200
    assert "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("username", "start"),
    [
        ("phuong", "/unit/assessment/"),
        # Province and ministry officers set up their second factor first (tests/web/twofactor).
        ("tinh", "/account/two-factor/setup/"),
        ("bo", "/account/two-factor/setup/"),
        ("lanh-dao", "/dashboard/"),
    ],
)
def test_signing_in_leads_to_the_roles_start_page(client, people, username, start):
    user = User.objects.get(username=username)
    user.set_password("Dung-Mat-Khau-2025")
    user.save()

    response = client.post("/login/", {"username": username, "password": "Dung-Mat-Khau-2025"})
    home = client.get(response.url)

    assert response.url == "/"
    assert home.status_code == 302
    assert home.url == start


def test_an_anonymous_visitor_sees_the_landing_page_and_is_sent_to_login_elsewhere(client, db):
    assert "Đăng nhập" in client.get("/").content.decode()
    response = client.get("/unit/assessment/")

    assert response.status_code == 302
    assert response.url == "/login/?next=/unit/assessment/"


def test_the_menu_shows_only_what_the_role_may_use(client, people, round):
    expected = {
        people.ward_own: ["Đánh giá của đơn vị", "Kế hoạch khắc phục", "Nguồn lực", "Khóa API"],
        people.province_own: [
            "Tổng quan của tỉnh",
            "Đăng ký",
            "Thẩm định",
            "Văn bản chỉ đạo",
            "Nhập từ Excel",
            "Khóa API",
        ],
        people.ministry: ["Tổng quan toàn quốc", "Công nhận", "Khóa API"],
        people.viewer: ["Tổng quan toàn quốc", "Khóa API"],
    }
    for user, menu in expected.items():
        client.force_login(user)
        assert _menu(client.get("/password/")) == menu, user.role


def test_a_staff_user_also_sees_the_configuration_link(client, people, round):
    people.ministry.is_staff = True
    people.ministry.save()
    client.force_login(people.ministry)

    page = client.get("/password/").content.decode()

    assert _menu(client.get("/password/"))[-1] == "Cấu hình"
    assert 'href="/admin/"' in page


def test_the_header_names_the_user_their_role_and_unit(client, people, round):
    people.ward_own.first_name = "Nguyễn Văn An"
    people.ward_own.save()
    client.force_login(people.ward_own)

    page = client.get("/password/").content.decode()

    assert '<span class="account-name">Nguyễn Văn An</span>' in page
    assert '<span class="account-role">Cán bộ Công an phường · Trường Vinh</span>' in page


def test_a_password_change_needs_the_old_password_and_a_strong_new_one(client, people):
    user = people.ward_own
    user.set_password("Mat-Khau-Cu-2025")
    user.save()
    client.force_login(user)

    weak = client.post(
        "/password/",
        {"old_password": "Mat-Khau-Cu-2025", "new_password1": "123", "new_password2": "123"},
    )
    wrong = client.post(
        "/password/",
        {"old_password": "sai", "new_password1": "Moi-Hon-9x!", "new_password2": "Moi-Hon-9x!"},
    )
    user.refresh_from_db()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in weak.content.decode()
    assert "Mật khẩu cũ không chính xác" in wrong.content.decode()
    assert user.check_password("Mat-Khau-Cu-2025")

    done = client.post(
        "/password/",
        {
            "old_password": "Mat-Khau-Cu-2025",
            "new_password1": "Moi-Hon-9x!-2025",
            "new_password2": "Moi-Hon-9x!-2025",
        },
        follow=True,
    )
    user.refresh_from_db()
    assert user.check_password("Moi-Hon-9x!-2025")
    assert "Đã đổi mật khẩu." in done.content.decode()


def test_signing_out_takes_a_post_and_ends_the_session(client, people):
    client.force_login(people.ward_own)

    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")

    assert response.url == "/login/"
    assert "_auth_user_id" not in client.session


def test_the_round_switch_remembers_the_chosen_year(client, people, round, maps):
    earlier = Round.objects.create(
        year=2023,
        name="Đợt đánh giá 2023",
        admin_map=maps["2023-05"],
        criteria_set=default_criteria_set_load().criteria_set,
        quota_rule=QuotaRule.PILOT_2023,
        self_assessment_deadline=date(2023, 10, 31),
        review_deadline=date(2023, 11, 30),
        recognition_deadline=date(2023, 12, 31),
    )
    client.force_login(people.ministry)
    before = client.get("/password/").content.decode()

    response = client.post("/round/", {"year": "2023", "next": "/password/"})
    after = client.get("/password/").content.decode()

    assert '<option value="2025" selected>Đợt đánh giá 2025</option>' in before
    assert response.url == "/password/"
    assert client.session["round_year"] == earlier.year
    assert '<option value="2023" selected>Đợt đánh giá 2023</option>' in after


@pytest.mark.parametrize("year", ["1999", "năm nay", ""])
def test_an_unknown_round_is_refused_with_a_message(client, people, round, year):
    client.force_login(people.ministry)

    response = client.post("/round/", {"year": year, "next": "/password/"}, follow=True)

    assert "Không có đợt đánh giá này." in response.content.decode()
    assert "round_year" not in client.session


def test_the_round_switch_never_redirects_to_another_site(client, people, round):
    client.force_login(people.ministry)

    response = client.post("/round/", {"year": "2025", "next": "https://example.org/"})

    assert response.url == "/"


def test_a_role_without_the_permission_gets_a_403_page_in_vietnamese(client, people, round):
    client.force_login(people.ward_own)

    response = client.get("/ministry/recognitions/")

    assert response.status_code == 403
    assert "Chỉ cán bộ Bộ Công an được công nhận đơn vị kiểu mẫu." in response.content.decode()


def test_an_unknown_page_gets_a_404_page_in_vietnamese(client, people):
    client.force_login(people.ward_own)

    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_a_user_with_no_role_menu_still_gets_a_start_page(client, db):
    user = User.objects.create_user("khac", role=Role.VIEWER)
    client.force_login(user)

    assert client.get("/").url == "/dashboard/"
