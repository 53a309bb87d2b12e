"""The set-up page: QR code and key, the first code, and the recovery codes shown once."""

import re
from base64 import b32encode
from urllib.parse import unquote

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.twofactor.helpers import app_code

ENROL = "/account/two-factor/setup/"


def _pending(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_the_page_shows_a_qr_code_without_inline_styles_and_the_key(password_only, people):
    password_only.force_login(people.province_own)

    page = password_only.get(ENROL).content.decode()
    again = password_only.get(ENROL).content.decode()

    device = _pending(people.province_own)
    secret = b32encode(device.bin_key).decode()
    svg = re.search(r'<svg [^>]*class="qr-code".*?</svg>', page, re.S)[0]
    assert "style" not in svg and "<script" not in svg
    assert "<title>QR code to scan with the authenticator app</title>" in svg
    shown = re.search(r'<code class="twofactor-secret" id="secret">([A-Z2-7 ]+)</code>', page)[1]
    assert shown.replace(" ", "") == secret
    assert f'<input type="hidden" name="device" value="{device.pk}"' in page
    assert shown in again  # reloading keeps the key already scanned
    assert TOTPDevice.objects.filter(user=people.province_own).count() == 1


def test_a_wrong_code_is_refused_with_a_message_and_changes_nothing(password_only, people):
    password_only.force_login(people.province_own)
    password_only.get(ENROL)
    device = _pending(people.province_own)
    wrong = "000000" if app_code(device) != "000000" else "111111"

    response = password_only.post(ENROL, {"device": device.pk, "code": wrong})

    assert response.status_code == 200
    assert "The code is not right. Enter the code the app shows now." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert not StaticToken.objects.filter(device__user=people.province_own).exists()
    assert password_only.get("/dashboard/province/")["Location"] == ENROL


def test_an_empty_code_and_a_strange_device_are_refused_with_messages(password_only, people):
    password_only.force_login(people.province_own)
    password_only.get(ENROL)
    other = TOTPDevice.objects.create(user=people.province_other, confirmed=False)

    empty = password_only.post(ENROL, {"device": _pending(people.province_own).pk, "code": ""})
    foreign = password_only.post(ENROL, {"device": other.pk, "code": "123456"}, follow=True)

    assert "Enter the code." in empty.content.decode()
    assert (
        "This set-up is no longer valid. Scan the new QR code and enter its code."
        in foreign.content.decode()
    )
    other.refresh_from_db()
    assert other.confirmed is False


def test_the_right_code_turns_it_on_and_shows_the_recovery_codes_once(password_only, people):
    password_only.force_login(people.province_own)
    password_only.get(ENROL)
    device = _pending(people.province_own)

    response = password_only.post(ENROL, {"device": device.pk, "code": app_code(device)})

    page = response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    stored = StaticToken.objects.filter(device__user=people.province_own)
    assert sorted(codes) == sorted(stored.values_list("token", flat=True)) and len(codes) == 10
    assert "Two-step verification is on." in page
    download = re.search(r'download="kieu-mau-recovery-codes.txt" href="([^"]+)"', page)[1]
    assert unquote(download) == "data:text/plain;charset=utf-8," + "\r\n".join(codes) + "\r\n"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    # The session is verified now; the set-up page does not show codes again.
    assert password_only.get("/dashboard/province/").status_code == 200
    again = password_only.get(ENROL)
    assert again["Location"] == "/account/two-factor/"
    assert not any(
        code in password_only.get("/account/two-factor/").content.decode() for code in codes
    )
