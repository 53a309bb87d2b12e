"""Who must pass the second step before reaching pages, and what they can reach until then."""

import pytest
from django.urls import get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import User
from tests.accounts.twofactor.helpers import enrolled

ENROL = "/account/two-factor/setup/"
VERIFY = "/account/two-factor/verify/"
SAMPLE_ARGS = {"pk": 1, "result_pk": 1, "code": "40", "format": "pdf"}
OPEN_WHILE_OWED = {"web:logout", "web:two-factor-enrol"}


def _url_names() -> list[str]:
    """Every named page of the web and of the other pages behind a session (not the API)."""
    names = []
    for namespace in ("web", "assessments", "context"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names += [f"{namespace}:{pattern.name}" for pattern in resolver.url_patterns]
    return names


def _url(name: str) -> str:
    resolver = get_resolver().namespace_dict[name.split(":")[0]][1]
    pattern = next(p for p in resolver.url_patterns if p.name == name.split(":")[1])
    return reverse(name, kwargs={key: SAMPLE_ARGS[key] for key in pattern.pattern.converters})


@pytest.mark.parametrize("role", ["province_own", "ministry"])
@pytest.mark.parametrize("name", sorted(set(_url_names()) - OPEN_WHILE_OWED))
def test_without_a_second_factor_every_page_leads_to_the_set_up(password_only, people, role, name):
    password_only.force_login(getattr(people, role))
    url = _url(name)

    got = password_only.get(url)
    sent = password_only.post(url, {})

    assert (got.status_code, got["Location"]) == (302, ENROL)
    assert (sent.status_code, sent["Location"]) == (302, ENROL)


@pytest.mark.parametrize("url", ["/admin/", "/admin/accounts/user/", "/admin/otp_totp/totpdevice/"])
def test_the_administration_is_closed_too(password_only, people, url):
    password_only.force_login(people.ministry)

    assert password_only.get(url)["Location"] == ENROL


def test_the_set_up_page_sign_out_and_language_switch_stay_open(password_only, people):
    password_only.force_login(people.province_own)

    setup = password_only.get(ENROL)
    language = password_only.post("/i18n/setlang/", {"language": "vi", "next": ENROL})
    signed_out = password_only.post("/logout/")

    assert setup.status_code == 200
    assert "<h1>Set up two-step verification</h1>" in setup.content.decode()
    assert (language.status_code, language["Location"]) == (302, ENROL)
    assert (signed_out.status_code, signed_out["Location"]) == (302, "/login/")
    assert "_auth_user_id" not in password_only.session


def test_static_files_are_not_redirected(password_only, people):
    password_only.force_login(people.province_own)

    response = password_only.get("/static/web/twofactor.css")

    # Not served by the test client (the web server serves them), but not sent to the set-up.
    assert (response.status_code, response.has_header("Location")) == (404, False)


def test_signing_in_with_the_password_leads_a_province_officer_to_the_set_up(client, people):
    user = people.province_own
    user.set_password("Dung-Mat-Khau-2025")
    user.save()

    signed_in = client.post("/login/", {"username": "tinh", "password": "Dung-Mat-Khau-2025"})
    home = client.get(signed_in["Location"])

    assert (signed_in["Location"], home["Location"]) == ("/", ENROL)


def test_htmx_requests_get_a_client_side_redirect(password_only, people):
    password_only.force_login(people.province_own)

    response = password_only.post("/province/registrations/search/", {}, HTTP_HX_REQUEST="true")

    assert (response.status_code, response["HX-Redirect"]) == (200, ENROL)


def test_a_ward_officer_without_an_authenticator_reaches_pages(password_only, people, round):
    password_only.force_login(people.ward_own)

    response = password_only.get("/unit/assessment/")

    assert response.status_code == 200
    assert "Phường Trường Vinh" in response.content.decode()


@pytest.mark.parametrize("role", ["ward_own", "viewer", "province_own"])
def test_whoever_set_up_an_authenticator_must_verify_before_pages(password_only, people, role):
    user = getattr(people, role)
    enrolled(user)
    password_only.force_login(user)

    page = password_only.get("/dashboard/?year=2025")
    htmx = password_only.get("/dashboard/", HTTP_HX_REQUEST="true")
    setup = password_only.get(ENROL)

    assert page["Location"] == f"{VERIFY}?next=%2Fdashboard%2F%3Fyear%3D2025"
    assert htmx["HX-Redirect"] == VERIFY
    assert setup["Location"] == f"{VERIFY}?next=%2Faccount%2Ftwo-factor%2Fsetup%2F"


def test_the_test_clients_force_login_passes_the_second_factor(client, people, round):
    client.force_login(people.province_own)

    response = client.get("/dashboard/province/")

    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=people.province_own, confirmed=True).count() == 1


def test_api_keys_work_without_a_second_factor(client, people):
    from kieumau.api.tokens import token_create

    key = token_create(actor=people.province_own, name="Hệ thống tỉnh").key

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert response.json()["username"] == "tinh"
    assert not TOTPDevice.objects.filter(user=User.objects.get(username="tinh")).exists()
