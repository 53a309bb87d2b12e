"""Two-step verification pages: set-up (QR code), the second step of signing in, and the
account page (status, new recovery codes, turning it off where the role allows).

Recovery codes are rendered on the answer to the POST that made them, never redirected: they
must not pass through the session or a URL.
"""

from base64 import b32encode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.twofactor.selectors import (
    confirmed_device,
    has_confirmed_device,
    pending_device,
    recovery_codes_left,
    two_factor_required,
)
from kieumau.accounts.twofactor.services import (
    recovery_codes_renew,
    too_many_wrong_codes,
    totp_enrolment_confirm,
    totp_enrolment_start,
    two_factor_disable,
)
from kieumau.accounts.twofactor.verification import second_factor_check
from kieumau.web.refusals import refusal_text, refusal_to_form
from kieumau.web.twofactor.forms import EnrolForm, VerifyForm


@login_required
@never_cache
def account(request: HttpRequest) -> HttpResponse:
    """Whether two-step verification is on, how many recovery codes are left, what can be done."""
    context = {
        "device": confirmed_device(request.user),
        "required": two_factor_required(request.user),
        "codes_left": recovery_codes_left(request.user),
    }
    return render(request, "web/twofactor/account.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """GET: the QR code and secret of the pending authenticator. POST: confirm it with a code."""
    if has_confirmed_device(request.user):
        messages.info(request, _("Two-step verification is already on for your account."))
        return redirect("web:two-factor")
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = pending_device(request.user, form.cleaned_data["device"])
        if device is None:
            messages.error(
                request,
                _("This set-up is no longer valid. Scan the new QR code and enter its code."),
            )
            return redirect("web:two-factor-enrol")
        try:
            codes = totp_enrolment_confirm(
                user=request.user, device=device, code=form.cleaned_data["code"]
            )
        except ValidationError as refusal:
            refusal_to_form(form, refusal)
        else:
            device.refresh_from_db()
            _second_factor_passed(request, device)
            return render(request, "web/twofactor/recovery_codes.html", _codes_context(codes, True))
    device = totp_enrolment_start(user=request.user)
    if request.method == "GET":
        form = EnrolForm(initial={"device": device.pk})
    return render(request, "web/twofactor/enrol.html", _enrol_context(device, form))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app or a recovery code."""
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("web:home")
    if request.user.is_verified() or not has_confirmed_device(request.user):
        return redirect(next_url)
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = second_factor_check(user=request.user, code=form.cleaned_data["code"])
        if check.accepted:
            _second_factor_passed(request, check.device)
            if isinstance(check.device, StaticDevice):
                _recovery_code_used(request)
            return redirect(next_url)
        if check.wait_seconds:
            form.add_error("code", too_many_wrong_codes(check.wait_seconds))
        else:
            form.add_error(
                "code",
                _(
                    "The code is not right, has expired or was already used. Enter the code "
                    "the app shows now, or an unused recovery code."
                ),
            )
    return render(request, "web/twofactor/verify.html", {"form": form, "next": next_url})


@login_required
@never_cache
@require_POST
def recovery_renew(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown this once; the old ones stop working."""
    try:
        codes = recovery_codes_renew(user=request.user)
    except ValidationError as refusal:
        messages.error(request, refusal_text(refusal))
        return redirect("web:two-factor")
    return render(request, "web/twofactor/recovery_codes.html", _codes_context(codes, False))


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    """Turn two-step verification off, for the roles that may sign in without it."""
    try:
        two_factor_disable(user=request.user, actor=request.user)
    except ValidationError as refusal:
        messages.error(request, refusal_text(refusal))
    else:
        messages.success(request, _("Two-step verification is off."))
    return redirect("web:two-factor")


def _second_factor_passed(request: HttpRequest, device: Device) -> None:
    request.session.cycle_key()  # a session id seen before the second step is worth nothing
    django_otp.login(request, device)


def _recovery_code_used(request: HttpRequest) -> None:
    left = recovery_codes_left(request.user)
    messages.warning(
        request,
        ngettext(
            "You signed in with a recovery code; %(count)d code is left. Each code works once.",
            "You signed in with a recovery code; %(count)d codes are left. Each code works once.",
            left,
        )
        % {"count": left},
    )


def _enrol_context(device: TOTPDevice, form: EnrolForm) -> dict:
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4,
        border=2,
        svgclass="qr-code",
        lineclass=None,
        light="#fff",
        title=_("QR code to scan with the authenticator app"),
    )
    return {
        "form": form,
        "qr_svg": mark_safe(qr),  # drawn by segno from our own URL: no user markup inside
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def _codes_context(codes: list[str], first_time: bool) -> dict:
    return {"codes": codes, "first_time": first_time, "codes_text": "\r\n".join(codes) + "\r\n"}
