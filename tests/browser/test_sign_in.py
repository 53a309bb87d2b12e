"""Signing in, the role's start page, the language switch and signing out, in Chromium."""

import re

from playwright.sync_api import expect

from .actions import screenshot, sign_in, sign_out


def test_a_ward_officer_signs_in_and_lands_on_the_unit_assessment(site, page, screenshots):
    page.goto(site.url)
    screenshot(page, screenshots, "00-landing")
    expect(page.get_by_role("heading", name="Kiểu Mẫu")).to_be_visible()

    page.get_by_role("link", name="Đăng nhập").first.click()
    screenshot(page, screenshots, "01-login")
    sign_in(page, site.url, "caphuong.truongvinh")

    expect(page).to_have_url(re.compile(r"/unit/assessment/$"))
    menu = page.get_by_role("navigation", name="Trình đơn chính")
    expect(menu.get_by_role("link")).to_have_text(
        ["Đánh giá của đơn vị", "Kế hoạch khắc phục", "Nguồn lực", "Khóa API"]
    )
    expect(page.locator(".account-role")).to_have_text("Cán bộ Công an phường · Trường Vinh")


def test_a_wrong_password_is_refused_in_vietnamese(site, page):
    sign_in(page, site.url, "caphuong.truongvinh", password="sai-mat-khau")

    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác"
    )


def test_the_language_switch_turns_the_pages_english_and_back(site, page):
    sign_in(page, site.url, "catinh.nghean")

    page.get_by_role("button", name="EN").click()
    expect(page.get_by_role("navigation", name="Main menu").get_by_role("link").first).to_have_text(
        "Province overview"
    )
    page.get_by_role("button", name="VI").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    sign_out(page)
    expect(page).to_have_url(re.compile(r"/login/$"))
