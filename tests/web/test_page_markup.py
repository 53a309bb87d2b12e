"""Every main page can run under a strict Content-Security-Policy and loads nothing from outside:
no inline scripts, styles or event handlers, and every script, stylesheet and image is ours."""

import re

import pytest
from django.urls import reverse

from tests.assessments.factories import evidence_create, result_of

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)
RESOURCE = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=\"([^\"]*)\"")


def _pages(people, assessment):
    province, ward, ministry = people.province_own, people.ward_own, people.ministry
    return [
        (None, reverse("web:home")),
        (None, reverse("web:login")),
        (ward, reverse("web:ward-assessment")),
        (ward, reverse("web:ward-actions")),
        (ward, reverse("web:ward-resources")),
        (ward, reverse("web:assessment-detail", args=[assessment.pk])),
        (ward, reverse("web:password-change")),
        (province, reverse("web:province-dashboard")),
        (province, reverse("web:province-registrations")),
        (province, reverse("web:province-reviews")),
        (province, reverse("web:province-documents")),
        (ministry, reverse("web:national-dashboard")),
        (ministry, reverse("web:province-dashboard-of", args=["40"])),
        (ministry, reverse("web:ministry-recognitions")),
    ]


@pytest.fixture
def pages(people, assessment):
    evidence_create(result_of(assessment, "TC01"), people.ward_own)
    return _pages(people, assessment)


def test_no_page_has_inline_script_style_or_event_handlers(client, pages):
    for user, url in pages:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        page = response.content.decode()

        assert response.status_code == 200, url
        assert not INLINE_SCRIPT.findall(page), url
        assert not STYLE_ATTRIBUTE.findall(page), url
        assert not STYLE_ELEMENT.findall(page), url
        assert not EVENT_ATTRIBUTE.findall(page), url


def test_every_script_stylesheet_and_image_comes_from_the_app(client, pages):
    seen = set()
    for user, url in pages:
        client.logout()
        if user is not None:
            client.force_login(user)
        page = client.get(url).content.decode()
        for resource in RESOURCE.findall(page):
            assert resource.startswith("/"), f"{url} loads {resource}"
            assert not resource.startswith("//"), f"{url} loads {resource}"
            seen.add(resource)

    assert "/static/django_htmx/htmx-2.min.js" in seen
    assert "/static/web/app.js" in seen
    assert "/static/web/site.css" in seen
