"""API authentication: a personal token as ``Authorization: Bearer km_…``."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from kieumau.accounts.models import User
from kieumau.api.tokens import token_user


class TokenAuth(HttpBearer):
    openapi_description = "Personal API key (Trang cá nhân → Khóa API): `Bearer km_…`"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user
