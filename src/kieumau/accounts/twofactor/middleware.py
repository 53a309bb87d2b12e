"""Keeps a signed-in user who still owes a second factor on the two-step pages.

Owed: the session is not verified (django-otp) and the user has a confirmed authenticator or a
role that requires one. Such a user reaches only the verification page (with an authenticator)
or the set-up page (without), signing out, the language switch and static files; any other
page redirects there (htmx requests get ``HX-Redirect``). The API (``/api/``) authenticates
every request by its token, not the session, and is left alone.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from kieumau.accounts.twofactor.selectors import has_confirmed_device, two_factor_required

VERIFY_URL = "web:two-factor-verify"
ENROL_URL = "web:two-factor-enrol"


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._exempt(request.path_info) or not request.user.is_authenticated:
            return self.get_response(request)
        if request.user.is_verified():
            return self.get_response(request)
        has_device = has_confirmed_device(request.user)
        if not has_device and not two_factor_required(request.user):
            return self.get_response(request)
        target = reverse(VERIFY_URL if has_device else ENROL_URL)
        always_open = {reverse("web:logout"), reverse("set_language")}
        if request.path_info == target or request.path_info in always_open:
            request.second_factor_owed = True  # the page shows no menu of pages it cannot open
            return self.get_response(request)
        if has_device and request.method == "GET" and not request.headers.get("HX-Request"):
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(target)
        return redirect(target)

    @staticmethod
    def _exempt(path: str) -> bool:
        static = "/" + settings.STATIC_URL.lstrip("/")
        return path.startswith(("/api/", static))
