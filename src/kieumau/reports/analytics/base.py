"""What every analytics module shares: which states count as assessed, percentages, the
round's provinces."""

from decimal import Decimal

from django.db.models import Q

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level as AdminLevel
from kieumau.assessments.models import State
from kieumau.programme.models import Round

# Past the draft: the ward has submitted at least once.
ASSESSED_STATES = tuple(state.value for state in State if state != State.DRAFT)
ASSESSED = Q(assessment__state__in=ASSESSED_STATES)


def percent_of(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.01"))


def provinces_of(round: Round, province: AdminUnit | None = None) -> list[AdminUnit]:
    """The provinces of the round's map (or only ``province``), by code. One query."""
    provinces = AdminUnit.objects.filter(admin_map=round.admin_map, level=AdminLevel.PROVINCE)
    if province is not None:
        provinces = provinces.filter(pk=province.pk)
    return list(provinces.order_by("code"))
