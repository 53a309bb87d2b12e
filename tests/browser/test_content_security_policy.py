"""No page breaks the strict Content-Security-Policy in Chromium: no inline script or style,
nothing from another origin. Chromium reports each violation on the console and as a
``securitypolicyviolation`` event; both are collected while the main pages of every role,
the admin and the API's Swagger UI are opened."""

import pytest

from .actions import sign_in

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective}`
    + ` blocked=${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`
    + ` sample=${event.sample}`);
});
"""

ADD_INLINE_STYLE = """document.body.insertAdjacentHTML("beforeend", '<p style="color:red">x</p>')"""

PAGES = {
    None: ["/", "/login/", "/api/docs"],
    "caphuong.truongvinh": [
        "/unit/assessment/",
        "/unit/actions/",
        "/unit/resources/",
        "/account/api-keys/",
        "/account/two-factor/",
        "/account/two-factor/setup/",
        "/password/",
    ],
    "catinh.nghean": [
        "/dashboard/province/",
        "/province/registrations/",
        "/province/reviews/",
        "/province/documents/",
        "/imports/",
        "/account/two-factor/",
    ],
    "bocongan": [
        "/dashboard/",
        "/dashboard/province/40/",
        "/ministry/recognitions/",
        "/admin/",
        "/admin/assessments/assessment/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/api/docs",
    ],
}


def _complaints_of(page) -> list[str]:
    """Chromium's CSP complaints on this page from now on, each with the page's address."""
    complaints: list[str] = []
    page.on(
        "console",
        lambda message: (
            complaints.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return complaints


def _visit_all(page, site_url: str, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(f"{site_url}{path}", wait_until="networkidle")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        assert page.url.startswith(f"{site_url}{path.rstrip('/')}"), f"{path} → {page.url}"


@pytest.mark.parametrize("username", list(PAGES))
def test_the_main_pages_of_each_role_break_no_content_security_policy_rule(site, page, username):
    page.add_init_script(REPORT_VIOLATIONS)
    complaints = _complaints_of(page)
    if username is not None:
        sign_in(page, site.url, username)  # the login and second-factor pages count too

    _visit_all(page, site.url, PAGES[username])

    assert complaints == []


def test_a_violation_would_be_seen(site, page):
    """The listener works: an inline style added by the test itself is reported."""
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto(f"{site.url}/login/", wait_until="networkidle")

    with page.expect_console_message(
        lambda message: "Content Security Policy violation: style-src" in message.text
    ):
        page.evaluate(ADD_INLINE_STYLE)
