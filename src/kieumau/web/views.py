"""Pages every user meets: the landing page, sign-in, password change and the round switch."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from kieumau.accounts.lockout import LOCKED_MESSAGE
from kieumau.accounts.models import Role
from kieumau.adminunits.selectors import map_summaries
from kieumau.web.ratelimits import rate_limit, rate_limited  # noqa: F401 (RATELIMIT_VIEW)
from kieumau.web.rounds import round_select

LANDING = {
    Role.WARD: "web:ward-assessment",
    Role.PROVINCE: "web:province-dashboard",
    Role.MINISTRY: "web:national-dashboard",
    Role.VIEWER: "web:national-dashboard",
}


@rate_limit("RATE_LIMIT_PUBLIC", anonymous_only=True)
def home(request: HttpRequest) -> HttpResponse:
    """Signed in: the role's first page. Otherwise the programme's public landing page."""
    if request.user.is_authenticated:
        return redirect(LANDING.get(request.user.role, "web:national-dashboard"))
    return render(request, "web/home.html", {"maps": map_summaries()})


@method_decorator(rate_limit("RATE_LIMIT_SIGN_IN", method="POST"), name="dispatch")
@method_decorator(rate_limit("RATE_LIMIT_PUBLIC", anonymous_only=True), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked account or address: the sign-in page with the reason.

    429 (django-axes' own choice), without Retry-After: waiting does not lift the lock, an
    administrator does. The API's JSON answers (already the lockout error) pass unchanged.
    """
    if original_response is not None and original_response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return original_response
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "locked_out": LOCKED_MESSAGE,
        "next": request.POST.get("next", ""),
    }
    return render(request, "web/login.html", context, status=429)


set_language = rate_limit("RATE_LIMIT_PUBLIC", anonymous_only=True)(i18n.set_language)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
@require_POST
def round_switch(request: HttpRequest) -> HttpResponse:
    """Show another round (e.g. 2023 on the 63-province map); back to the page it came from."""
    try:
        chosen = round_select(request, int(request.POST.get("year", "")))
    except ValueError:
        chosen = None
    if chosen is None:
        messages.error(request, _("There is no such round."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse_lazy("web:home")
    return redirect(target)
