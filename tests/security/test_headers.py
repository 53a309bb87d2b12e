"""Every URL name of the project answers with the security headers, whatever the status.

Each name is reversed with arguments pointing at real rows (see conftest.py), requested by a
user of the role that uses it and by an anonymous visitor, over HTTPS with production's HSTS.
A URL name missing from ROUTES fails the test, so a new page cannot be forgotten.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import Rows

# django-csp writes the directives in no fixed order: compared as a set of exact directives.
CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}
# An uploaded image shown inline may run nothing and load nothing, even opened on its own.
INLINE_FILE_CSP = {"default-src 'none'", "sandbox"}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
}


@dataclass(frozen=True)
class Route:
    role: str  # attribute of People, or "superuser"
    kwargs: Callable[[Rows], dict] = field(default=lambda rows: {})
    query: str = ""
    bearer: bool = False  # the API: a personal key instead of the session
    inline_file: bool = False  # a file shown in the page: its own, stricter policy when served


def _api(role: str, **kwargs: Callable[[Rows], object]) -> Route:
    return Route(role, lambda rows: {k: f(rows) for k, f in kwargs.items()}, bearer=True)


TOTP = "otp_totp.totpdevice"
ASSESSMENT = {"pk": lambda rows: rows.assessment.pk}
RESULT = {"pk": lambda rows: rows.result.pk}
ACTION = {"pk": lambda rows: rows.action.pk}


def _pk(**getters: Callable[[Rows], object]) -> Callable[[Rows], dict]:
    return lambda rows: {k: f(rows) for k, f in getters.items()}


ROUTES: dict[str, Route] = {
    "set_language": Route("ward_own"),
    # web: everyone
    "web:home": Route("ward_own"),
    "web:login": Route("ward_own"),
    "web:logout": Route("ward_own"),
    "web:password-change": Route("ward_own"),
    "web:round-switch": Route("ward_own"),
    "web:api-keys": Route("ward_own"),
    "web:api-key-revoke": Route("ward_own", _pk(pk=lambda rows: rows.token.pk)),
    "web:two-factor": Route("ward_own"),
    "web:two-factor-enrol": Route("ward_own"),
    "web:two-factor-verify": Route("ward_own"),
    "web:two-factor-recovery-renew": Route("ward_own"),
    "web:two-factor-disable": Route("ward_own"),
    # web: the ward
    "web:ward-assessment": Route("ward_own"),
    "web:ward-assessment-save": Route("ward_own", _pk(**ASSESSMENT)),
    "web:ward-assessment-submit": Route("ward_own", _pk(**ASSESSMENT)),
    "web:ward-criterion-save": Route("ward_own", _pk(**RESULT)),
    "web:ward-evidence-add": Route("ward_own", _pk(**RESULT)),
    "web:ward-evidence-remove": Route("ward_own", _pk(pk=lambda rows: rows.evidence.pk)),
    "web:ward-actions": Route("ward_own"),
    "web:ward-action-add": Route("ward_own", _pk(**RESULT)),
    "web:ward-action-update": Route("ward_own", _pk(**ACTION)),
    "web:ward-action-status": Route("ward_own", _pk(**ACTION)),
    "web:ward-action-remove": Route("ward_own", _pk(**ACTION)),
    "web:ward-resources": Route("ward_own"),
    "web:assessment-detail": Route("province_own", _pk(**ASSESSMENT)),
    # web: the province
    "web:province-registrations": Route("province_own"),
    "web:province-registration-search": Route("province_own", query="q=Vinh"),
    "web:province-registration-add": Route("province_own"),
    "web:province-registration-withdraw": Route(
        "province_own", _pk(pk=lambda rows: rows.assessment.registration.pk)
    ),
    "web:province-reviews": Route("province_own"),
    "web:province-review": Route("province_own", _pk(**ASSESSMENT)),
    "web:province-review-result": Route(
        "province_own", _pk(**ASSESSMENT, result_pk=lambda rows: rows.result.pk)
    ),
    "web:province-review-return": Route("province_own", _pk(**ASSESSMENT)),
    "web:province-review-approve": Route("province_own", _pk(**ASSESSMENT)),
    "web:province-review-reject": Route("province_own", _pk(**ASSESSMENT)),
    "web:province-documents": Route("province_own"),
    "web:province-document-delete": Route("province_own", _pk(pk=lambda rows: rows.document.pk)),
    # web: the ministry, dashboards, reports, imports
    "web:ministry-recognitions": Route("ministry"),
    "web:ministry-recognise": Route("ministry", _pk(**ASSESSMENT)),
    "web:ministry-return": Route("ministry", _pk(**ASSESSMENT)),
    "web:national-dashboard": Route("ministry"),
    "web:province-dashboard": Route("province_own"),
    "web:province-dashboard-of": Route("ministry", _pk(code=lambda rows: "40")),
    "web:report-national": Route("ministry", _pk(format=lambda rows: "xlsx")),
    "web:report-province": Route(
        "province_own", _pk(code=lambda rows: "40", format=lambda rows: "xlsx")
    ),
    "web:imports": Route("province_own"),
    "web:import-template": Route("province_own", query="kind=registrations&province=40"),
    # protected files
    "assessments:evidence-download": Route("ward_own", _pk(pk=lambda rows: rows.evidence.pk)),
    "context:directive-file": Route("province_own", _pk(pk=lambda rows: rows.document.pk)),
    "context:practice-photo": Route(
        "ward_own", _pk(pk=lambda rows: rows.photo.pk), inline_file=True
    ),
    # the API, with a personal key
    "api:api-root": _api("ministry"),
    "api:openapi-json": _api("ministry"),
    "api:openapi-view": _api("ministry"),
    "api:me": _api("ward_own"),
    "api:maps_list": _api("ministry"),
    "api:map_detail": _api("ministry", code=lambda rows: "2025-07"),
    "api:units_list": _api("ministry", code=lambda rows: "2025-07"),
    "api:unit_detail": _api("ministry", code=lambda rows: "2025-07", unit_code=lambda rows: "40"),
    "api:criteria_sets_list": _api("ministry"),
    "api:criteria_set_detail": _api(
        "ministry",
        code=lambda rows: rows.assessment.registration.round.criteria_set.code,
        version=lambda rows: rows.assessment.registration.round.criteria_set.version,
    ),
    "api:rounds_list": _api("ministry"),
    "api:round_open": _api("ministry"),
    "api:round_detail": _api("ministry", year=lambda rows: 2025),
    "api:quotas_list": _api("ministry", year=lambda rows: 2025),
    "api:quota_change": _api("ministry", year=lambda rows: 2025, province_code=lambda rows: "40"),
    "api:registrations_list": _api("province_own", year=lambda rows: 2025),
    "api:registration_add": _api("province_own", year=lambda rows: 2025),
    "api:registration_detail": _api(
        "province_own", registration_id=lambda rows: rows.assessment.registration.pk
    ),
    "api:registration_remove": _api(
        "province_own", registration_id=lambda rows: rows.assessment.registration.pk
    ),
    "api:targets_list": _api("ministry"),
    "api:target_put": _api("ministry", year=lambda rows: 2025),
    "api:assessments_list": _api("province_own", year=lambda rows: 2025),
    "api:assessment_detail": _api("ward_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:assessment_history": _api("ward_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:self_values_set": _api("ward_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:review_set": _api("province_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:evidence_list": _api("ward_own", result_id=lambda rows: rows.result.pk),
    "api:evidence_upload": _api("ward_own", result_id=lambda rows: rows.result.pk),
    "api:evidence_detail": _api("ward_own", evidence_id=lambda rows: rows.evidence.pk),
    "api:evidence_delete": _api("ward_own", evidence_id=lambda rows: rows.evidence.pk),
    "api:evidence_file": _api("ward_own", evidence_id=lambda rows: rows.evidence.pk),
    "api:assessment_submit": _api("ward_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:assessment_return": _api("province_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:assessment_approve": _api("province_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:assessment_reject": _api("province_own", assessment_id=lambda rows: rows.assessment.pk),
    "api:assessment_recognise": _api("ministry", assessment_id=lambda rows: rows.assessment.pk),
    "api:resources_list": _api("province_own", year=lambda rows: 2025),
    "api:resources_detail": _api(
        "ward_own", registration_id=lambda rows: rows.assessment.registration.pk
    ),
    "api:resources_put": _api(
        "ward_own", registration_id=lambda rows: rows.assessment.registration.pk
    ),
    "api:documents_list": _api("province_own"),
    "api:document_add": _api("province_own"),
    "api:document_detail": _api("province_own", document_id=lambda rows: rows.document.pk),
    "api:document_change": _api("province_own", document_id=lambda rows: rows.document.pk),
    "api:document_remove": _api("province_own", document_id=lambda rows: rows.document.pk),
    "api:document_file": _api("province_own", document_id=lambda rows: rows.document.pk),
    "api:document_file_replace": _api("province_own", document_id=lambda rows: rows.document.pk),
    "api:document_file_remove": _api("province_own", document_id=lambda rows: rows.document.pk),
    "api:progress_list": _api("ministry", year=lambda rows: 2025),
    "api:national_summary": _api("ministry", year=lambda rows: 2025),
    "api:province_summary": _api("province_own", year=lambda rows: 2025, code=lambda rows: "40"),
    # the admin site's own pages; each registered model's pages are added by _admin_routes()
    "admin:index": Route("superuser"),
    "admin:login": Route("superuser"),
    "admin:logout": Route("superuser"),
    "admin:password_change": Route("superuser"),
    "admin:password_change_done": Route("superuser"),
    "admin:autocomplete": Route(
        "superuser", query="app_label=programme&model_name=registration&field_name=unit"
    ),
    "admin:jsi18n": Route("superuser"),
    "admin:view_on_site": Route(
        "superuser",
        _pk(
            content_type_id=lambda rows: ContentType.objects.get_for_model(rows.assessment).pk,
            object_id=lambda rows: rows.assessment.pk,
        ),
    ),
    "admin:app_list": Route("superuser", _pk(app_label=lambda rows: "assessments")),
    "admin:auth_user_password_change": Route("superuser", _pk(id=lambda rows: rows.superuser.pk)),
    "admin:otp_totp_totpdevice_config": Route("superuser", _pk(pk=lambda rows: _first(TOTP))),
    "admin:otp_totp_totpdevice_qrcode": Route("superuser", _pk(pk=lambda rows: _first(TOTP))),
}


def _first(label: str) -> int:
    row = apps.get_model(label).objects.order_by("pk").first()
    assert row is not None, f"the dataset has no {label} row for its admin pages"
    return row.pk


def _admin_routes() -> dict[str, Route]:
    """The changelist, add, history, change and delete pages of every model in the admin."""
    routes = {}
    for model in admin.site._registry:
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        label = meta.label_lower
        routes[f"{prefix}_changelist"] = Route("superuser")
        routes[f"{prefix}_add"] = Route("superuser")
        for page in ("history", "change", "delete"):
            routes[f"{prefix}_{page}"] = Route(
                "superuser", lambda rows, label=label: {"object_id": _first(label)}
            )
    return routes


def url_names() -> set[str]:
    """Every named URL of the project, with its namespace."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                if inner:
                    inner = f"{namespace}:{inner}" if namespace else inner
                yield from walk(pattern.url_patterns, inner or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, ""))


def all_routes() -> dict[str, Route]:
    return {**_admin_routes(), **ROUTES}


def test_every_url_name_has_a_route_in_this_test():
    routes = all_routes()

    assert sorted(url_names() - routes.keys()) == []
    assert sorted(routes.keys() - url_names()) == []


@pytest.fixture
def production_transport(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def csp_directives(response) -> set[str] | None:
    header = response.headers.get("Content-Security-Policy")
    return None if header is None else {part.strip() for part in header.split(";")}


def _missing_headers(response, route: Route) -> dict[str, object]:
    wrong = {
        name: response.headers.get(name)
        for name, value in HEADERS.items()
        if response.headers.get(name) != value
    }
    expected_csp = INLINE_FILE_CSP if route.inline_file and response.status_code == 200 else CSP
    if csp_directives(response) != expected_csp:
        wrong["Content-Security-Policy"] = response.headers.get("Content-Security-Policy")
    return wrong


def test_every_page_carries_the_security_headers_for_its_user_and_for_a_visitor(
    client, rows, production_transport
):
    """200, 302, 403, 404 and 405 alike: the headers are the middleware's, not the view's."""
    anonymous = Client()
    wrong, statuses = {}, {}
    for name, route in sorted(all_routes().items()):
        url = reverse(name, kwargs=route.kwargs(rows) or None)
        if route.query:
            url = f"{url}?{route.query}"
        user = rows.superuser if route.role == "superuser" else getattr(rows.people, route.role)
        if route.bearer:
            mine = client.get(url, secure=True, HTTP_AUTHORIZATION=f"Bearer {rows.bearer(user)}")
        else:
            client.force_login(user)
            mine = client.get(url, secure=True)
        visitor = anonymous.get(url, secure=True)
        for who, response in (("user", mine), ("visitor", visitor)):
            statuses.setdefault(response.status_code, []).append(f"{who} {name}")
            if missing := _missing_headers(response, route):
                wrong[f"{who} {name} {url} → {response.status_code}"] = missing
            if response.streaming:  # read to the end: the test client then closes it safely
                b"".join(response.streaming_content)

    assert wrong == {}
    assert statuses.keys() >= {200, 302, 401, 404, 405}, sorted(statuses)
    assert 500 not in statuses
