"""API authentication: a personal token as ``Authorization: Bearer km_…``.

A call without a valid key counts against its address (``RATE_LIMIT_API_ANON``); a bad key is
also a failed sign-in for django-axes, which locks the address after
``LOGIN_FAILURE_LIMIT_ADDRESS`` of them (answered 429 ``locked_out``, even to a valid key,
until an administrator unlocks the address).
"""

from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from ninja.security import HttpBearer

from kieumau.accounts.lockout import address_is_locked
from kieumau.accounts.models import User
from kieumau.api.throttling import LockedOut, anonymous_call_allowed
from kieumau.api.tokens import token_user


class TokenAuth(HttpBearer):
    openapi_description = "Personal API key (Trang cá nhân → Khóa API): `Bearer km_…`"

    def __call__(self, request: HttpRequest) -> User | None:
        if address_is_locked(request):
            raise LockedOut
        user = super().__call__(request)
        if user is None:
            anonymous_call_allowed(request)
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.strip():  # "Bearer" alone: no key presented, so no failed sign-in
            return None
        user = token_user(token)
        if user is None:
            # No username: the failure counts against the address only, never an account.
            user_login_failed.send(
                sender=type(self), credentials={"username": None}, request=request
            )
            if getattr(request, "axes_locked_out", False):  # this key was the last one allowed
                raise LockedOut
            return None
        request.user = user
        return user
