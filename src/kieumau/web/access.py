"""Page access: by role (403) in front of the views, by scope (404) for the objects they show."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kieumau.accounts.scopes import MESSAGES, Permission, has_permission
from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.assessments.selectors import assessment_detail_for_user, result_for_user


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


def assessment_or_404(request: HttpRequest, pk: int) -> Assessment:
    """The assessment with what its pages show; 404 when missing or outside the user's scope."""
    try:
        return assessment_detail_for_user(request.user, pk)
    except Assessment.DoesNotExist:
        raise Http404(_("No such assessment.")) from None


def result_or_404(request: HttpRequest, pk: int) -> CriterionResult:
    """One criterion result; 404 when missing or outside the user's scope."""
    try:
        return result_for_user(request.user, pk)
    except CriterionResult.DoesNotExist:
        raise Http404(_("No such criterion.")) from None
