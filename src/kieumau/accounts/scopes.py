"""Who may do what, where: the one place roles and scopes are decided.

A ministry officer's scope is the whole country; a province officer's, their province; a ward
officer's, their ward. A leader/viewer reads the scope of the unit attached to them (none = the
country) and writes nothing. Scopes cross map versions through the successions: a 2025 Lào Cai
officer also sees what the 2023 Lào Cai and Yên Bái did.

Selectors narrow querysets with ``unit_filter``; services call ``require`` before any change.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.selectors import corresponding_unit_ids
from kieumau.adminunits.types import Level


class Permission(StrEnum):
    VIEW = "view"
    CONFIGURE = "configure"  # criteria sets, rounds, quotas, targets
    REGISTER = "register"  # enrol or withdraw a ward of the province
    ASSESS = "assess"  # self values, evidence, action plan, resources, good practices
    # A province enters its wards' self values and resources from a workbook it collected.
    COLLECT = "collect"
    SUBMIT = "submit"
    REVIEW = "review"  # review values, return, approve, reject
    RECOGNISE = "recognise"
    DOCUMENT = "document"  # the province's directive documents


ROLE_PERMISSIONS = {
    Role.MINISTRY: {Permission.VIEW, Permission.CONFIGURE, Permission.RECOGNISE},
    Role.PROVINCE: {
        Permission.VIEW,
        Permission.REGISTER,
        Permission.REVIEW,
        Permission.DOCUMENT,
        Permission.COLLECT,
    },
    Role.WARD: {Permission.VIEW, Permission.ASSESS, Permission.SUBMIT},
    Role.VIEWER: {Permission.VIEW},
}

MESSAGES = {
    Permission.VIEW: _("You may not see the data of this unit."),
    Permission.CONFIGURE: _(
        "Only officers of the Ministry of Public Security may configure the programme."
    ),
    Permission.REGISTER: _("Only the province police may register units of their own province."),
    Permission.ASSESS: _("Only the ward police may enter the self-assessment of their own unit."),
    Permission.COLLECT: _(
        "Only the province police may enter the figures of the wards of their own province."
    ),
    Permission.SUBMIT: _("Only the ward police may submit the self-assessment of their own unit."),
    Permission.REVIEW: _("Only the province police may review units of their own province."),
    Permission.RECOGNISE: _(
        "Only officers of the Ministry of Public Security may recognise model units."
    ),
    Permission.DOCUMENT: _(
        "Only the province police may update the directive documents of their own province."
    ),
}


class Denied(PermissionDenied):
    """Refused: ``str()`` is the message to show, in the language active when it is read."""


def has_permission(user: User, permission: Permission) -> bool:
    return bool(user.is_active) and permission in ROLE_PERMISSIONS.get(user.role, set())


def require(user: User, permission: Permission, *, unit: AdminUnit | None = None) -> None:
    """Raise Denied unless ``user`` may do ``permission`` on ``unit`` (a province or ward)."""
    if not has_permission(user, permission) or (unit is not None and not in_scope(user, unit)):
        raise Denied(MESSAGES[permission])


def require_any(
    user: User, permissions: Iterable[Permission], *, unit: AdminUnit | None = None
) -> None:
    """Like ``require``, passing when any one of ``permissions`` is granted (on ``unit``);
    refused with the message of the first."""
    refusal: Denied | None = None
    for permission in permissions:
        try:
            require(user, permission, unit=unit)
        except Denied as denied:
            refusal = refusal or denied
        else:
            return
    if refusal is not None:
        raise refusal


def in_scope(user: User, unit: AdminUnit) -> bool:
    """Whether ``unit`` (or, for a ward, its province) lies within the user's scope."""
    scope = _scope_ids(user, unit.admin_map)
    if scope is None:
        return True
    level, ids = scope
    if level == Level.PROVINCE:
        return (unit.id if unit.level == Level.PROVINCE else unit.province_id) in ids
    return unit.id in ids


def unit_filter(user: User, admin_map: AdminMap, field: str = "unit") -> Q:
    """A filter keeping rows whose ``field`` (a ward or province FK) lies in the user's scope."""
    if not user.is_active:
        return Q(pk__in=[])
    scope = _scope_ids(user, admin_map)
    if scope is None:
        return Q()
    level, ids = scope
    if level == Level.PROVINCE:
        return Q(**{f"{field}__in": ids}) | Q(**{f"{field}__province__in": ids})
    return Q(**{f"{field}__in": ids})


def _scope_ids(user: User, admin_map: AdminMap) -> tuple[Level, set[int]] | None:
    """None for the whole country, else the level and the ids of the user's units on the map."""
    if user.role == Role.MINISTRY or (user.role == Role.VIEWER and user.unit_id is None):
        return None
    home = user.unit
    if home is None:  # a province or ward officer without a unit sees nothing
        return Level.COMMUNE, set()
    if user.role == Role.PROVINCE or home.level == Level.PROVINCE:
        province = home if home.level == Level.PROVINCE else home.province
        return Level.PROVINCE, corresponding_unit_ids(province, admin_map)
    return Level.COMMUNE, corresponding_unit_ids(home, admin_map)
