"""Lockout after repeated failed sign-ins (django-axes), and lifting it.

Three counters, each with its own limit (settings.py explains the numbers):

- one username, from any address: ``AXES_FAILURE_LIMIT``;
- one address, for any username typed in a sign-in form: ``LOGIN_FAILURE_LIMIT_ADDRESS``;
- one address, for bad API keys (which name no user): ``LOGIN_FAILURE_LIMIT_ADDRESS``.

A lock lasts until ``account_unlock`` lifts it (admin action or ``kieumau unlock``).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import SignInEvent, User
from kieumau.accounts.sign_in_events import sign_in_event_record

LOCKED_MESSAGE = _(
    "Sign-in is locked after too many failed attempts for this account or from this address. "
    "Ask an administrator to unlock it."
)


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit per address.

    Axes compares one number with one limit; ``get_failures`` returns the address count scaled
    to the account limit (``count * account_limit // address_limit``), which reaches the account
    limit exactly when the address count reaches its own.
    """

    def _groups(self, request, credentials) -> list[tuple[QuerySet, int | None]]:
        """(attempts, own limit or None for the account limit) per counter that applies."""
        username = get_client_username(request, credentials)
        from_address = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        address_limit = settings.LOGIN_FAILURE_LIMIT_ADDRESS
        if username is None:  # an API key
            return [(from_address.filter(username__isnull=True), address_limit)]
        return [
            (AccessAttempt.objects.filter(username=username), None),
            (from_address.filter(username__isnull=False), address_limit),
        ]

    def filter_user_attempts(self, request, credentials=None) -> list[QuerySet]:
        return [attempts for attempts, _limit in self._groups(request, credentials)]

    def get_failures(self, request, credentials=None) -> int:
        account_limit = get_failure_limit(request, credentials)
        limits = [limit for _attempts, limit in self._groups(request, credentials)]
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        return max(
            count if limit is None else count * account_limit // limit
            for count, limit in zip(counts, limits, strict=True)
        )

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # Whether this failure is the one that locks (a locked_out event) or meets a lock.
        if request is not None:
            request.sign_in_was_locked = self.is_locked(request, credentials)
        super().user_login_failed(sender, credentials, request, **kwargs)

    def reset_user_attempts(self, request, credentials=None) -> int:
        # Signing in proves this account's password, not the innocence of the address's others.
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


def address_is_locked(request: HttpRequest) -> bool:
    """Whether bad API keys from the request's address have reached the limit."""
    return not AxesProxyHandler.is_allowed(request, {"username": None})


@transaction.atomic
def account_unlock(
    *, actor: User | None, username: str | None = None, address: str | None = None
) -> int:
    """Lift the lock on an account (from every address) or on an address (for every account
    and for API keys). Returns the number of failure records removed.

    Side effects: deletes the matching django-axes failure records; when any were removed,
    records an ``unlocked`` SignInEvent naming the ``actor`` (None: the command line), which
    the audit trail also logs with that actor.
    Refused, changing nothing: ValidationError when neither or both of username and address
    are given or the address is not an IP address; PermissionDenied when the actor may not
    change users.
    """
    username = (username or "").strip()
    address = (address or "").strip()
    if bool(username) == bool(address):
        raise ValidationError(_("Name either an account or an address to unlock."))
    if address:
        try:
            validate_ipv46_address(address)
        except ValidationError:
            raise ValidationError(
                _("%(address)s is not an IP address.") % {"address": address}
            ) from None
    if actor is not None and not actor.has_perm("accounts.change_user"):
        raise PermissionDenied(_("Only an administrator may unlock sign-ins."))
    if username:
        removed = AxesProxyHandler.reset_attempts(username=username)
    else:
        removed = AxesProxyHandler.reset_attempts(ip_address=address)
    if removed:
        sign_in_event_record(
            kind=SignInEvent.Kind.UNLOCKED,
            username=username,
            user=User.objects.filter(username=username).first() if username else None,
            address=address or None,
            actor=actor,
        )
    return removed
