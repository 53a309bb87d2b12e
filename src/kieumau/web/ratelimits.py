"""Requests per address on the public pages and the sign-in form (django-ratelimit).

The rate is read from settings at each request (``RATE_LIMIT_PUBLIC``, ``RATE_LIMIT_SIGN_IN``),
and the count is kept in the shared cache, so every server process sees the same count.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

DEFAULT_RETRY_AFTER = 60  # seconds, when the counter does not say (a refusal from elsewhere)


def rate_limited(request: HttpRequest, exception=None, *, retry_after: int | None = None):
    """429 in the normal page layout, saying how long to wait (also in ``Retry-After``).

    Also django-ratelimit's RATELIMIT_VIEW (called with the exception).
    """
    seconds = max(1, retry_after) if retry_after is not None else DEFAULT_RETRY_AFTER
    response = render(request, "web/rate_limited.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def rate_limit(
    setting: str, *, method: str | tuple = get_usage.ALL, anonymous_only: bool = False
) -> Callable:
    """Answer with ``rate_limited`` (429) once an address exceeds the rate named by ``setting``
    for the view's requests of ``method`` (with ``anonymous_only``, of visitors not signed in:
    the officers of a whole office may share one address)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if anonymous_only and request.user.is_authenticated:
                return view(request, *args, **kwargs)
            usage = get_usage(
                request,
                group=f"{view.__module__}.{view.__qualname__}:{setting}",
                key="ip",
                rate=getattr(settings, setting),
                method=method,
                increment=True,
            )
            if usage is not None and usage["should_limit"]:
                return rate_limited(request, retry_after=usage["time_left"])
            return view(request, *args, **kwargs)

        return limited

    return decorator
