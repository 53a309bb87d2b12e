"""Page access by role: the views' one gate in front of the scoped selectors and services."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from kieumau.accounts.scopes import MESSAGES, Permission, has_permission


def permission_required(permission: Permission) -> Callable:
    """Sign-in first (redirect to the login page), then 403 unless the role grants it."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not has_permission(request.user, permission):
                raise PermissionDenied(MESSAGES[permission])
            return view(request, *args, **kwargs)

        return guarded

    return decorator
