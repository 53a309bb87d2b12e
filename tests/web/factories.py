"""Test data for the web pages: a 2025 round on the 2025-07 map with the default 22 criteria.

People come from the assessments factories: the ward officer of Phường Trường Vinh (Nghệ An), a
neighbour ward's officer, Nghệ An's and Hà Nội's province officers, a ministry officer and a
national viewer. ``wards_register`` adds more registrations, to show a page's query count does
not grow with the number of units.
"""

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import UnitType
from kieumau.assessments.models import Assessment, State
from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.models import Round
from tests.assessments.factories import (
    PROVINCE_CODE,
    WARD_CODE,
    People,
    assessment_create,
    people_create,
    round_create,
    unit_get,
)

__all__ = [
    "PROVINCE_CODE",
    "WARD_CODE",
    "People",
    "people_create",
    "programme_round_create",
    "unit_get",
    "wards_register",
]


def programme_round_create(admin_map: AdminMap) -> Round:
    """The 2025 round (30% of wards) with the shipped default criteria set."""
    return round_create(admin_map, default_criteria_set_load().criteria_set)


def wards_register(
    round: Round,
    registered_by: User,
    count: int,
    *,
    province: AdminUnit | None = None,
    state: State = State.DRAFT,
) -> list[Assessment]:
    """Register ``count`` more phường (of ``province``, else of any province) in ``round``."""
    wards = AdminUnit.objects.filter(admin_map=round.admin_map, type=UnitType.WARD).exclude(
        code=WARD_CODE
    )
    if province is not None:
        wards = wards.filter(province=province)
    wards = wards.exclude(pk__in=round.registrations.values("unit")).order_by("code")[:count]
    return [assessment_create(round, ward, registered_by, state=state) for ward in wards]
