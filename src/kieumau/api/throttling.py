"""API rate limits and lockout answers, in the JSON error shape of ``errors.py``.

- Each signed-in user: ``RATE_LIMIT_API_USER`` calls (django-ninja's throttle on every
  operation, after authentication).
- Each address, for calls without a valid key (none, malformed, unknown, revoked):
  ``RATE_LIMIT_API_ANON``, checked by ``TokenAuth`` before the key is looked up.
- An address locked out for bad keys (django-axes): 429 ``locked_out``, without Retry-After
  (an administrator lifts it, see ``kieumau unlock --address``).

Rates are read from settings at each call, so they can be changed without a new process.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from kieumau.accounts.lockout import LOCKED_MESSAGE
from kieumau.api.errors import error_body

THROTTLED = _("Too many requests: wait %(seconds)s seconds and try again.")
DEFAULT_WAIT = 60


class LockedOut(Exception):
    """The request's address is locked after too many bad API keys."""


class _SettingRate:
    """A throttle whose rate is the named setting, read at each call."""

    setting: str

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def get_ident(self, request: HttpRequest) -> str | None:
        # The connection's address, as django-axes and the web limits use: X-Forwarded-For is
        # the client's to write, and would let it pick a fresh counter for every call.
        return request.META.get("REMOTE_ADDR")

    def allow_request(self, request: HttpRequest) -> bool:
        if not settings.RATELIMIT_ENABLE:
            return True
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class UserThrottle(_SettingRate, AuthRateThrottle):
    """Per signed-in user (per address for an operation open to everyone)."""

    setting = "RATE_LIMIT_API_USER"


class AnonymousThrottle(_SettingRate, AnonRateThrottle):
    """Per address, for calls that present no valid key."""

    setting = "RATE_LIMIT_API_ANON"


def anonymous_call_allowed(request: HttpRequest) -> None:
    """Count a call without a valid key against its address; Throttled past the rate."""
    throttle = AnonymousThrottle()  # one per call: a throttle keeps the call's state on itself
    if not throttle.allow_request(request):
        raise Throttled(wait=throttle.wait())


def install(api: NinjaAPI) -> None:
    """Answer throttled calls and locked addresses in the API's error shape."""

    @api.exception_handler(Throttled)
    def throttled(request, error):
        seconds = max(1, math.ceil(error.wait)) if error.wait is not None else DEFAULT_WAIT
        message = ValidationError(THROTTLED, params={"seconds": seconds})  # both languages
        body = error_body(429, "rate_limited", message)
        response = api.create_response(request, body, status=429)
        response["Retry-After"] = str(seconds)
        return response

    @api.exception_handler(LockedOut)
    def locked_out(request, error):
        body = error_body(429, "locked_out", LOCKED_MESSAGE)
        return api.create_response(request, body, status=429)
