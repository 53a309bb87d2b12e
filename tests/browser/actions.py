"""What a user does in the browser, shared by the browser tests."""

import time
from pathlib import Path

from django_otp.oath import TOTP
from playwright.sync_api import Page

from kieumau.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_KEY

# Per demo user, the site's view of their authenticator: (last accepted step, drift in steps).
_accepted: dict[str, tuple[int, int]] = {}


def sign_in(
    page: Page,
    site_url: str,
    username: str,
    password: str = DEMO_PASSWORD,
    *,
    totp_key: str = DEMO_TOTP_KEY,
) -> None:
    """Password, then (for an account with an authenticator) the app's current code."""
    page.goto(f"{site_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    if "/account/two-factor/verify/" in page.url:
        page.locator("#id_code").fill(totp_code(username, totp_key))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


def totp_code(username: str, key: str = DEMO_TOTP_KEY) -> str:
    """The code of the authenticator with ``key`` (hex) that the site accepts now.

    The site takes a code once (each later one must be of a later time step) and within one step
    of its clock plus the drift it learnt from the last code; this follows the same rules, so
    several sign-ins within 30 seconds each get a fresh code.
    """
    totp = TOTP(bytes.fromhex(key))
    now = int(time.time()) // totp.step
    last, drift = _accepted.get(username, (-1, 0))
    step = max(last + 1, now + drift)
    if step > now + drift + 1:  # more sign-ins than the window allows: wait for the next step
        time.sleep(totp.step - time.time() % totp.step + 0.2)
        return totp_code(username, key)
    _accepted[username] = (step, step - now)
    totp.time = step * totp.step
    return f"{totp.token():06d}"


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()


def screenshot(page: Page, directory: Path, name: str) -> Path:
    path = directory / f"{name}.png"
    page.screenshot(path=path, full_page=True, animations="disabled", timeout=20_000)
    return path
