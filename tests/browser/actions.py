"""What a user does in the browser, shared by the browser tests."""

from pathlib import Path

from playwright.sync_api import Page

from kieumau.accounts.demo import DEMO_PASSWORD


def sign_in(page: Page, site_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{site_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()


def screenshot(page: Page, directory: Path, name: str) -> Path:
    path = directory / f"{name}.png"
    page.screenshot(path=path, full_page=True, animations="disabled", timeout=20_000)
    return path
