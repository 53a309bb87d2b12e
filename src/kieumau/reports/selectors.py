"""Which dashboards a user may read, and the scoped reads behind them.

The ministry and national leaders read the national dashboard and every province's; a
province officer, or a leader attached to a province, reads their province's only (on an older
map: the provinces theirs came from). Ward officers have no dashboard.
"""

from enum import StrEnum

from django.db.models import QuerySet

from kieumau.accounts.models import Role, User
from kieumau.accounts.scopes import Permission, has_permission, in_scope
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.selectors import corresponding_unit_ids
from kieumau.adminunits.types import Level
from kieumau.assessments.models import Assessment
from kieumau.assessments.selectors import assessments_for_user
from kieumau.programme.models import Round


class DashboardScope(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"


def dashboard_scope(user: User) -> DashboardScope | None:
    """The widest dashboard the user may read, or None (ward officers and ward leaders)."""
    if not has_permission(user, Permission.VIEW):
        return None
    if user.role == Role.MINISTRY or (user.role == Role.VIEWER and user.unit_id is None):
        return DashboardScope.NATIONAL
    if user.role == Role.PROVINCE or (
        user.role == Role.VIEWER and user.unit.level == Level.PROVINCE
    ):
        return DashboardScope.PROVINCE
    return None


def home_provinces_for_user(user: User, round: Round) -> list[AdminUnit]:
    """The provinces of the round's map that the user's province is, became or came from.

    Usually one; a 2025 province merged from several reads each of them on the 2023 map.
    """
    home = user.unit
    if dashboard_scope(user) != DashboardScope.PROVINCE or home is None:
        return []
    province = home if home.level == Level.PROVINCE else home.province
    ids = corresponding_unit_ids(province, round.admin_map)
    return list(AdminUnit.objects.filter(pk__in=ids, level=Level.PROVINCE).order_by("code"))


def province_for_user(user: User, round: Round, code: str) -> AdminUnit:
    """The province ``code`` of the round's map, or AdminUnit.DoesNotExist when there is none
    or it lies outside the user's dashboards: out of scope looks exactly like missing."""
    province = AdminUnit.objects.select_related("admin_map").get(
        admin_map=round.admin_map, level=Level.PROVINCE, code=code
    )
    scope = dashboard_scope(user)
    if scope is None or (scope == DashboardScope.PROVINCE and not in_scope(user, province)):
        raise AdminUnit.DoesNotExist("AdminUnit matching query does not exist.")
    return province


def province_assessments_for_user(
    user: User, round: Round, province: AdminUnit, *, state: str | None = None
) -> QuerySet[Assessment]:
    """The round's assessments of the province's units in the user's scope, by unit code."""
    assessments = assessments_for_user(user, round).filter(registration__unit__province=province)
    if state:
        assessments = assessments.filter(state=state)
    return assessments
