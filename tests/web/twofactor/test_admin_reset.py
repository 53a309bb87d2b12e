"""An administrator resets an officer's two-step verification (lost phone) in the admin."""

from base64 import b32encode

from auditlog.models import LogEntry
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.twofactor.helpers import enrolled


def test_an_administrator_deletes_an_officers_authenticator_and_the_trail_names_them(
    client, password_only, people
):
    setup = enrolled(people.province_own)
    admin = people.ministry
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)

    response = client.post(f"/admin/otp_totp/totpdevice/{setup.device.pk}/delete/", {"post": "yes"})
    recovery = StaticDevice.objects.get(user=people.province_own)
    client.post(f"/admin/otp_static/staticdevice/{recovery.pk}/delete/", {"post": "yes"})

    assert response["Location"] == "/admin/otp_totp/totpdevice/"
    assert not TOTPDevice.objects.filter(user=people.province_own).exists()
    assert not StaticDevice.objects.filter(user=people.province_own).exists()
    deleted = LogEntry.objects.get_for_object(setup.device).get(action=LogEntry.Action.DELETE)
    assert deleted.actor == admin
    # At the next sign-in the officer sets up a new authenticator.
    password_only.force_login(people.province_own)
    assert password_only.get("/")["Location"] == "/account/two-factor/setup/"


def test_the_admin_never_shows_an_officers_secret_or_recovery_codes(client, people):
    setup = enrolled(people.province_own)
    admin = people.ministry
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    recovery = StaticDevice.objects.get(user=people.province_own)

    pages = [
        client.get(f"/admin/otp_totp/totpdevice/{setup.device.pk}/change/"),
        client.get(f"/admin/otp_totp/totpdevice/{setup.device.pk}/config/"),
        client.get(f"/admin/otp_static/staticdevice/{recovery.pk}/change/"),
    ]

    shown = " ".join(page.content.decode() for page in pages)
    assert pages[0].status_code == 200
    assert setup.device.key not in shown
    assert b32encode(setup.device.bin_key).decode() not in shown
    assert not any(code in shown for code in setup.recovery_codes)
