"""The signed-in officer's personal API keys ("Khóa API"): list, create (the key is shown once,
on the answer to the POST, and kept nowhere but as its hash), revoke. Only one's own keys: any
other id is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kieumau.api.tokens import token_create, token_revoke, tokens_for_user
from kieumau.web.refusals import refusal_to_form
from kieumau.web.tokens.forms import KeyCreateForm


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The user's keys and the form for a new one; POST creates it and shows it this once."""
    form = KeyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = token_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as refusal:
            refusal_to_form(form, refusal)
        else:
            # Rendered, not redirected: the key must not pass through the session or a URL.
            return render(request, "web/tokens/created.html", {"issued": issued})
    keys = tokens_for_user(request.user)
    return render(request, "web/tokens/keys.html", {"form": form, "keys": keys})


@login_required
@require_POST
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's keys (asked to confirm first); it stops working at once."""
    token = tokens_for_user(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404(_("No such API key."))
    was_active = token.active
    token_revoke(actor=request.user, token=token)
    if was_active:
        messages.success(request, _("The key “%(name)s” is revoked.") % {"name": token.name})
    return redirect("web:api-keys")
