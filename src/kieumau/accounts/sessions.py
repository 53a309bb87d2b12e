"""Sessions end after SESSION_COOKIE_AGE without a request, and activity extends them.

Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request (a database
transaction per page view, the busiest write of a deadline day). Instead the session is saved
again at most once per ``REFRESH_SECONDS``: the idle limit holds to within that much.
"""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 60
REFRESHED_AT = "_refreshed_at"  # in the session: when it was last saved, in Unix seconds


class SessionRefreshMiddleware:
    """Marks a non-empty session modified once its last save is REFRESH_SECONDS old, so that
    SessionMiddleware saves it with a new expiry; a session saved anyway (a sign-in, a choice
    kept in it) starts the count again. Goes after SessionMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        now = int(time.time())
        if not session.is_empty() and now - session.get(REFRESHED_AT, 0) >= REFRESH_SECONDS:
            session[REFRESHED_AT] = now
        response = self.get_response(request)
        if session.modified and not session.is_empty():
            session[REFRESHED_AT] = now
        return response
