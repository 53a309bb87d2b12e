"""Quota rules: named strategies that turn a map (and parameters) into units per province.

Each strategy counts with one aggregate query over the map, never a loop over its units, and
returns every province of the map with its quota. ``STRATEGIES`` maps the ``QuotaRule`` stored
on a round to its strategy; ``quota_parameters_clean`` refuses parameters a rule does not take.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.programme.models import QuotaRule

Quotas = dict[AdminUnit, int]


@dataclass(frozen=True)
class Strategy:
    compute: Callable[..., Quotas]
    # Parameter name → parser returning a JSON-storable value or raising ValueError.
    parameters: Mapping[str, Callable[[object], object]]


def pilot_2023(admin_map: AdminMap) -> Quotas:
    """One per province; a centrally-run city gets one per district-level unit with a phường."""
    districts_with_wards = (
        AdminUnit.objects.filter(
            province=OuterRef("pk"), type=UnitType.WARD, parent__level=Level.DISTRICT
        )
        .order_by()
        .values("province")
        .annotate(count=Count("parent", distinct=True))
        .values("count")
    )
    provinces = _provinces(admin_map).annotate(
        quota=Case(
            When(
                type=UnitType.CENTRAL_CITY,
                then=Coalesce(Subquery(districts_with_wards), Value(0)),
            ),
            default=Value(1),
            output_field=IntegerField(),
        ),
        map_has_districts=Exists(
            AdminUnit.objects.filter(admin_map=admin_map, level=Level.DISTRICT)
        ),
    )
    quotas = {province: province.quota for province in provinces}
    if quotas and not next(iter(quotas)).map_has_districts:
        raise ValidationError(
            _("The rule %(rule)s needs a map with a district level; the map %(map)s has none."),
            params={"rule": QuotaRule.PILOT_2023.value, "map": admin_map.code},
        )
    return quotas


def share_of_wards(admin_map: AdminMap, *, percent: float) -> Quotas:
    """``percent`` of the province's phường, rounded up (any map depth)."""
    wards = (
        AdminUnit.objects.filter(province=OuterRef("pk"), type=UnitType.WARD)
        .order_by()
        .values("province")
        .annotate(count=Count("id"))
        .values("count")
    )
    provinces = _provinces(admin_map).annotate(wards=Coalesce(Subquery(wards), Value(0)))
    share = Decimal(str(percent))
    return {province: math.ceil(share * province.wards / 100) for province in provinces}


def _percent(value: object) -> float | int:
    if isinstance(value, bool):
        raise ValueError
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite() or not 0 < number <= 100:
        raise ValueError
    return int(number) if number == number.to_integral_value() else float(number)


STRATEGIES: dict[QuotaRule, Strategy] = {
    QuotaRule.PILOT_2023: Strategy(pilot_2023, parameters={}),
    QuotaRule.SHARE_OF_WARDS: Strategy(share_of_wards, parameters={"percent": _percent}),
}

PARAMETER_HINTS = {"percent": _("a number greater than 0 and at most 100")}


def quota_parameters_clean(rule: str, parameters: Mapping[str, object]) -> dict[str, object]:
    """The parameters of ``rule``, parsed; ValidationError naming every problem."""
    try:
        strategy = STRATEGIES[QuotaRule(rule)]
    except ValueError:
        known = ", ".join(QuotaRule.values)
        raise ValidationError(
            _("There is no quota rule «%(rule)s» (known: %(known)s)."),
            params={"rule": rule, "known": known},
        ) from None
    errors: list[ValidationError] = []
    cleaned = {}
    for name in parameters:
        if name not in strategy.parameters:
            accepted = ", ".join(strategy.parameters) or _("no parameters")
            errors.append(
                ValidationError(
                    _("The rule %(rule)s takes no parameter «%(name)s» (takes: %(accepted)s)."),
                    params={"rule": rule, "name": name, "accepted": accepted},
                )
            )
    for name, parse in strategy.parameters.items():
        if name not in parameters:
            errors.append(
                ValidationError(
                    _("The rule %(rule)s needs the parameter «%(name)s»."),
                    params={"rule": rule, "name": name},
                )
            )
            continue
        try:
            cleaned[name] = parse(parameters[name])
        except ValueError:
            errors.append(
                ValidationError(
                    _("The parameter «%(name)s» = «%(value)s» is not valid: it needs %(hint)s."),
                    params={
                        "name": name,
                        "value": parameters[name],
                        "hint": PARAMETER_HINTS.get(name, _("another value")),
                    },
                )
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def quotas_by_rule(rule: str, admin_map: AdminMap, parameters: Mapping[str, object]) -> Quotas:
    """Every province of ``admin_map`` with the quota ``rule`` gives it."""
    cleaned = quota_parameters_clean(rule, parameters)
    return STRATEGIES[QuotaRule(rule)].compute(admin_map, **cleaned)


def _provinces(admin_map: AdminMap) -> QuerySet[AdminUnit]:
    return AdminUnit.objects.filter(admin_map=admin_map, level=Level.PROVINCE).order_by("code")
