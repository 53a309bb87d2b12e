"""Two-step verification in Chromium: an officer sets it up from the QR page's key, keeps the
recovery codes, and signs in again with the app's code; no page breaks the CSP."""

import re
from base64 import b32decode

from playwright.sync_api import expect

from .actions import screenshot, sign_in, sign_out, totp_code

USERNAME, PASSWORD = "lanhdao.thu", "Lanh-Dao-Thu-2025"


def test_an_officer_sets_up_two_step_verification_and_signs_in_with_it(site, page, screenshots):
    site.kieumau(
        "shell",
        "-c",
        "from kieumau.accounts.models import User; "
        f"User.objects.create_user({USERNAME!r}, password={PASSWORD!r}, role='viewer')",
    )
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    sign_in(page, site.url, USERNAME, PASSWORD)

    page.locator('.topbar a[href="/account/two-factor/"]').click()
    page.locator("#two-factor-enrol").click()
    expect(page.locator("#qr svg.qr-code")).to_be_visible()
    screenshot(page, screenshots, "30-two-factor-set-up")
    key = b32decode(page.locator("#secret").inner_text().replace(" ", "")).hex()
    page.locator("#id_code").fill(totp_code(USERNAME, key))
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#recovery-codes li")).to_have_count(10)
    expect(page.locator("#codes-download")).to_have_attribute(
        "download", "kieu-mau-recovery-codes.txt"
    )
    screenshot(page, screenshots, "31-two-factor-recovery-codes")
    sign_out(page)

    sign_in(page, site.url, USERNAME, PASSWORD, totp_key=key)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert refused == []
