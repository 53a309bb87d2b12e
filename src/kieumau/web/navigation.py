"""What the layout shows around every page: the role's menu and the round switch."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import Role
from kieumau.programme.models import Round
from kieumau.web.rounds import selected_round


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


# Per role: (URL name, label). Only what the role may use is listed.
MENUS = {
    Role.WARD: [
        ("web:ward-assessment", _("Unit assessment")),
        ("web:ward-actions", _("Action plan")),
        ("web:ward-resources", _("Resources")),
    ],
    Role.PROVINCE: [
        ("web:province-dashboard", _("Province overview")),
        ("web:province-registrations", _("Registrations")),
        ("web:province-reviews", _("Reviews")),
        ("web:province-documents", _("Directive documents")),
        ("web:imports", _("Import from Excel")),
    ],
    Role.MINISTRY: [
        ("web:national-dashboard", _("National overview")),
        ("web:ministry-recognitions", _("Recognition")),
    ],
    Role.VIEWER: [
        ("web:national-dashboard", _("National overview")),
    ],
}


def menu_for(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for name, label in MENUS.get(user.role, []):
        url = reverse(name)
        items.append(NavItem(label, url, request.path.startswith(url)))
    # Every officer may hand a system a key of their own.
    keys = reverse("web:api-keys")
    items.append(NavItem(_("API keys"), keys, request.path.startswith(keys)))
    if user.is_staff:
        items.append(NavItem(_("Configuration"), reverse("admin:index"), False))
    return items


def navigation(request: HttpRequest) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    if getattr(request, "second_factor_owed", False):
        return {}
    return {
        "menu": menu_for(request),
        "rounds": Round.objects.only("year", "name").order_by("-year"),
        "selected_round": selected_round(request),
    }
