"""Sign-in events in the audit trail: recorded from Django's and django-axes' signals.

Connected in AccountsConfig.ready. django-axes counts the failure first (its app is installed
before ours, so its receiver runs first) and tells, through ``user_locked_out``, whether that
failure locked the account or address.
"""

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.http import HttpRequest

from kieumau.accounts.models import SignInEvent, User
from kieumau.core.audit import acting_as


def _text(value, length: int) -> str:
    return str(value or "")[:length]


def _origin(request: HttpRequest | None) -> dict:
    if request is None:
        return {"address": None, "user_agent": "", "path": ""}
    return {
        "address": get_client_ip_address(request) or None,
        "user_agent": _text(request.META.get("HTTP_USER_AGENT"), 255),
        "path": _text(request.path, 255),
    }


@transaction.atomic
def sign_in_event_record(
    *,
    kind: SignInEvent.Kind,
    request: HttpRequest | None = None,
    username: str = "",
    user: User | None = None,
    address: str | None = None,
    actor: User | None = None,
) -> SignInEvent:
    """Record one event, with the request's address, browser and path when there is one.

    Side effects: a SignInEvent row and its audit-trail entry, attributed to ``actor`` (or to
    the user who signed in or out).
    """
    origin = _origin(request)
    if address is not None:
        origin["address"] = address
    with acting_as(actor or user):
        return SignInEvent.objects.create(
            kind=kind, username=_text(username, 150), user=user, actor=actor, **origin
        )


def _signed_in(sender, request, user, **kwargs) -> None:
    sign_in_event_record(
        kind=SignInEvent.Kind.SIGNED_IN, request=request, username=user.username, user=user
    )


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:  # signing out without a session: nothing to record
        sign_in_event_record(
            kind=SignInEvent.Kind.SIGNED_OUT, request=request, username=user.username, user=user
        )


def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username") or ""
    user = User.objects.filter(username=username).first() if username else None
    sign_in_event_record(
        kind=SignInEvent.Kind.SIGN_IN_FAILED, request=request, username=username, user=user
    )
    if getattr(request, "sign_in_locks", False):
        sign_in_event_record(
            kind=SignInEvent.Kind.LOCKED_OUT, request=request, username=username, user=user
        )


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    # Sent for every failure past the limit; only the one that locks is a lockout event.
    if request is not None and not getattr(request, "sign_in_was_locked", False):
        request.sign_in_locks = True


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="kieumau-signed-in")
    user_logged_out.connect(_signed_out, dispatch_uid="kieumau-signed-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="kieumau-sign-in-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="kieumau-locked-out")
