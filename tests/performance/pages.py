"""Every GET address of the project, as the role that uses it asks for it: the cases whose
database queries test_query_counts.py counts at both sizes.

A case is a URL name with its arguments (read from the dataset of ``sizes.py``), its query
string or htmx target, and the status it answers with. Names that only change something are
listed apart (WRITE_ONLY), as are the admin's delete confirmations (ADMIN_DELETE).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.security.test_headers import all_routes

from .sizes import Dataset


@dataclass(frozen=True)
class Case:
    name: str  # the URL name
    role: str  # "ward", "province", "ministry", "viewer", "superuser" or "anonymous"
    kwargs: Callable[[Dataset], dict] = field(default=lambda data: {})
    query: str = ""
    bearer: bool = False  # the API: a personal key instead of the session
    htmx_target: str = ""  # the fragment an htmx request asks for
    second_factor: bool = True  # signed in with both factors (False: only the password)
    status: int | None = 200  # None: the admin's own answer, the same at both sizes

    @property
    def id(self) -> str:
        suffix = f"?{self.query}" if self.query else ""
        suffix += f" #{self.htmx_target}" if self.htmx_target else ""
        return f"{self.name}{suffix} ({self.role})"


def _api(name: str, role: str, **kwargs: Callable[[Dataset], object]) -> Case:
    return Case(name, role, lambda data: {k: f(data) for k, f in kwargs.items()}, bearer=True)


def _pk(**getters: Callable[[Dataset], object]) -> Callable[[Dataset], dict]:
    return lambda data: {k: f(data) for k, f in getters.items()}


OWN = _pk(pk=lambda data: data.own.pk)
XLSX = "format=xlsx"
YEAR = {"year": lambda data: data.round.year}

CASES = [
    # Django's language switch redirects a GET without changing anything
    Case("set_language", "anonymous", status=302),
    Case("web:home", "anonymous"),
    Case("web:login", "anonymous"),
    Case("web:password-change", "ward"),
    Case("web:api-keys", "ward"),
    Case("web:two-factor", "province"),
    Case("web:two-factor-enrol", "ward"),
    Case("web:two-factor-verify", "province", second_factor=False),
    # the ward
    Case("web:ward-assessment", "ward"),
    Case("web:ward-actions", "ward"),
    Case("web:ward-actions", "ward", query=XLSX),
    Case("web:ward-assessment-submit", "ward", OWN),  # the confirmation page
    Case("web:ward-resources", "ward"),
    Case("web:assessment-detail", "province", OWN),
    Case("web:assessment-detail", "viewer", OWN),
    # the province
    Case("web:province-registrations", "province"),
    Case("web:province-registrations", "province", query=XLSX),
    Case("web:province-registrations", "ministry", query="province=40"),
    Case("web:province-registration-search", "province", query="q=Vinh"),
    Case("web:province-reviews", "province"),
    Case("web:province-reviews", "province", query=XLSX),
    Case("web:province-review", "province", _pk(pk=lambda data: data.by_state["submitted"].pk)),
    Case("web:province-documents", "province"),
    Case("web:province-documents", "province", query=XLSX),
    Case("web:imports", "province"),
    *(
        Case("web:import-template", "province", query=f"kind={kind}&province=40")
        for kind in ("registrations", "self-assessment", "resources", "documents")
    ),
    # the ministry, dashboards and reports
    Case("web:ministry-recognitions", "ministry"),
    Case("web:ministry-recognitions", "ministry", query=XLSX),
    Case("web:ministry-recognitions", "ministry", query="show=recognised"),
    Case("web:ministry-recognitions", "ministry", query=f"show=recognised&{XLSX}"),
    Case(
        "web:ministry-recognise",
        "ministry",
        _pk(pk=lambda data: data.by_state["province_approved"].pk),
    ),
    Case("web:national-dashboard", "ministry"),
    Case("web:national-dashboard", "ministry", query=XLSX),
    Case("web:national-dashboard", "ministry", htmx_target="province-table"),
    Case("web:province-dashboard", "province"),
    Case("web:province-dashboard", "province", query=XLSX),
    Case("web:province-dashboard", "province", htmx_target="unit-list"),
    Case("web:province-dashboard-of", "ministry", _pk(code=lambda data: "40")),
    # the reports' renderers only lay out the Report built from the database: xlsx stands for all
    Case("web:report-national", "ministry", _pk(format=lambda data: "xlsx")),
    Case(
        "web:report-province",
        "province",
        _pk(code=lambda data: "40", format=lambda data: "xlsx"),
    ),
    # protected files
    Case("assessments:evidence-download", "ward", _pk(pk=lambda data: data.evidence.pk)),
    Case("context:directive-file", "province", _pk(pk=lambda data: data.document.pk)),
    Case("context:practice-photo", "ward", _pk(pk=lambda data: data.photo.pk)),
    # the API
    # django-ninja's root answers 404 (the documentation is /api/docs): measured all the same
    Case("api:api-root", "ministry", bearer=True, status=404),
    _api("api:openapi-json", "ministry"),
    _api("api:openapi-view", "ministry"),
    _api("api:me", "ward"),
    _api("api:maps_list", "ministry"),
    _api("api:map_detail", "ministry", code=lambda data: "2025-07"),
    _api("api:units_list", "ministry", code=lambda data: "2025-07"),
    _api("api:unit_detail", "ministry", code=lambda data: "2025-07", unit_code=lambda data: "40"),
    _api("api:criteria_sets_list", "ministry"),
    _api(
        "api:criteria_set_detail",
        "ministry",
        code=lambda data: data.round.criteria_set.code,
        version=lambda data: data.round.criteria_set.version,
    ),
    _api("api:rounds_list", "ministry"),
    _api("api:round_detail", "ministry", **YEAR),
    _api("api:quotas_list", "ministry", **YEAR),
    _api("api:registrations_list", "province", **YEAR),
    _api("api:registrations_list", "ministry", **YEAR),
    _api(
        "api:registration_detail", "province", registration_id=lambda data: data.own.registration_id
    ),
    _api("api:targets_list", "ministry"),
    _api("api:assessments_list", "province", **YEAR),
    _api("api:assessments_list", "ministry", **YEAR),
    _api("api:assessment_detail", "ward", assessment_id=lambda data: data.own.pk),
    _api("api:assessment_history", "ward", assessment_id=lambda data: data.own.pk),
    _api("api:evidence_list", "ward", result_id=lambda data: data.evidence.result_id),
    _api("api:evidence_detail", "ward", evidence_id=lambda data: data.evidence.pk),
    _api("api:evidence_file", "ward", evidence_id=lambda data: data.evidence.pk),
    _api("api:resources_list", "province", **YEAR),
    _api("api:resources_list", "ministry", **YEAR),
    _api("api:resources_detail", "ward", registration_id=lambda data: data.own.registration_id),
    _api("api:documents_list", "province"),
    _api("api:documents_list", "ministry"),
    _api("api:document_detail", "province", document_id=lambda data: data.document.pk),
    _api("api:document_file", "province", document_id=lambda data: data.document.pk),
    _api("api:progress_list", "ministry", **YEAR),
    _api("api:national_summary", "ministry", **YEAR),
    _api("api:province_summary", "province", **YEAR, code=lambda data: "40"),
]


def _admin_cases() -> list[Case]:
    """The admin site's pages as test_headers requests them (its ROUTES and every registered
    model's changelist, add, change and history pages), as the superuser, with whatever status
    the admin gives (some models may not be added by hand): the same at both sizes."""
    return [
        Case(name, "superuser", route.kwargs, query=route.query, status=None)
        for name, route in sorted(all_routes().items())
        if name.startswith("admin:") and name not in ADMIN_DELETE
    ]


# Django's delete confirmation lists every row the deletion would take with it (an
# administrative map: its 10,000 units), so its queries grow by design: not measured.
ADMIN_DELETE = {name for name in all_routes() if re.match(r"admin:\w+_delete$", name)}
CASES += _admin_cases()

# Names that change something and answer a GET with 405, or share their address with a GET case.
WRITE_ONLY = {
    "web:logout",
    "web:round-switch",
    "web:api-key-revoke",
    "web:two-factor-recovery-renew",
    "web:two-factor-disable",
    "web:ward-assessment-save",
    "web:ward-criterion-save",
    "web:ward-evidence-add",
    "web:ward-evidence-remove",
    "web:ward-action-add",
    "web:ward-action-update",
    "web:ward-action-status",
    "web:ward-action-remove",
    "web:province-registration-add",
    "web:province-registration-withdraw",
    "web:province-review-result",
    "web:province-review-return",
    "web:province-review-approve",
    "web:province-review-reject",
    "web:province-document-delete",
    "web:ministry-return",
    "api:round_open",
    "api:quota_change",
    "api:registration_add",
    "api:registration_remove",
    "api:target_put",
    "api:self_values_set",
    "api:review_set",
    "api:evidence_upload",
    "api:evidence_delete",
    "api:assessment_submit",
    "api:assessment_return",
    "api:assessment_approve",
    "api:assessment_reject",
    "api:assessment_recognise",
    "api:resources_put",
    "api:document_add",
    "api:document_change",
    "api:document_remove",
    "api:document_file_replace",
    "api:document_file_remove",
}


# Answers that show the rows the large size multiplies, so they are longer at that size.
LISTING = {
    "web:ward-assessment",
    "web:ward-actions",
    "web:assessment-detail",
    "web:province-registrations",
    "web:province-reviews",
    "web:province-review",
    "web:province-documents",
    "web:ministry-recognitions",
    "web:ministry-recognise",
    "web:national-dashboard",
    "web:province-dashboard",
    "web:province-dashboard-of",
    "web:report-national",
    "web:report-province",
    "api:registrations_list",
    "api:assessments_list",
    "api:assessment_detail",
    "api:assessment_history",
    "api:evidence_list",
    "api:resources_list",
    "api:documents_list",
    "api:criteria_set_detail",
    "api:national_summary",
    "api:province_summary",
    "admin:assessments_assessment_changelist",
    "admin:assessments_evidence_changelist",
    "admin:assessments_actionitem_changelist",
    "admin:programme_registration_changelist",
    "admin:context_directivedocument_changelist",
    "admin:context_resources_changelist",
}
