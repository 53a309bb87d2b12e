"""State changes of the programme: rounds, quotas, registrations, targets.

Every service checks the actor's right first, validates with ``full_clean()``, writes in one
transaction and records the actor in the audit trail. Refusals are ``Denied`` (scope) or
``ValidationError`` with a translatable message; either way nothing is written.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.assessments.models import Assessment, CriterionResult, Evidence, State
from kieumau.assessments.workflow import STATE_NAMES
from kieumau.core.audit import acting_as
from kieumau.core.concurrency import saved_once
from kieumau.core.files import stored_files_delete_on_commit
from kieumau.criteria.models import CriteriaSet
from kieumau.programme.models import Quota, Registration, Round, Target
from kieumau.programme.quotas import quota_parameters_clean, quotas_by_rule

# National targets (share of wards at model standard): 30–50% by 2025, all by 2030.
DEFAULT_TARGETS = ((2025, Decimal(30), Decimal(50)), (2030, Decimal(100), Decimal(100)))


@transaction.atomic
def round_create(
    *,
    actor: User,
    year: int,
    name: str,
    admin_map: AdminMap,
    criteria_set: CriteriaSet,
    quota_rule: str,
    quota_parameters: Mapping[str, object] | None = None,
    self_assessment_deadline: date,
    review_deadline: date,
    recognition_deadline: date,
) -> Round:
    """Open the programme round of ``year``.

    Side effects: creates the round (open) and one quota per province of ``admin_map``
    computed by ``quota_rule``; audit entries with the actor.
    """
    require(actor, Permission.CONFIGURE)
    parameters = quota_parameters_clean(quota_rule, quota_parameters or {})
    if Round.objects.filter(year=year).exists():
        raise ValidationError(
            {
                "year": ValidationError(
                    _("A round for %(year)s already exists."), params={"year": year}
                )
            }
        )
    if not criteria_set.criteria.exists():
        raise ValidationError(
            {
                "criteria_set": ValidationError(
                    _("The criteria set %(criteria_set)s has no criteria."),
                    params={"criteria_set": str(criteria_set)},
                )
            }
        )
    round_ = Round(
        year=year,
        name=name.strip(),
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=quota_rule,
        quota_parameters=parameters,
        self_assessment_deadline=self_assessment_deadline,
        review_deadline=review_deadline,
        recognition_deadline=recognition_deadline,
    )
    round_.full_clean()
    with acting_as(actor), saved_once():
        round_.save()
        _quotas_refresh(round_)
    return round_


@transaction.atomic
def quotas_compute(*, actor: User, round: Round) -> int:
    """Recompute the round's quotas by its rule; returns how many changed.

    Side effects: updates the computed value of quotas whose value changed (overrides and their
    reasons are kept), creates missing ones; audit entries with the actor.
    """
    require(actor, Permission.CONFIGURE)
    _ensure_open(round)
    with acting_as(actor):
        return _quotas_refresh(round)


@transaction.atomic
def quota_override(*, actor: User, quota: Quota, value: int | None, reason: str = "") -> Quota:
    """Set (or, with ``value`` None, clear) the override of a province's quota.

    Side effects: changes the quota's override and reason; audit entry with the actor.
    """
    require(actor, Permission.CONFIGURE, unit=quota.province)
    _ensure_open(quota.round)
    if value is None:
        quota.override, quota.override_reason = None, ""
    else:
        if value < 0:
            raise ValidationError({"override": _("The quota override may not be negative.")})
        if not reason.strip():
            raise ValidationError({"override_reason": _("Give the reason for the quota override.")})
        quota.override, quota.override_reason = value, reason.strip()
    quota.full_clean()
    with acting_as(actor):
        quota.save(update_fields=["override", "override_reason"])
    return quota


@transaction.atomic
def round_close(*, actor: User, round: Round) -> Round:
    """Close the round: no more registrations, withdrawals or quota changes.

    Side effects: the round's status becomes closed; audit entry with the actor.
    """
    require(actor, Permission.CONFIGURE)
    _ensure_open(round)
    round.status = Round.Status.CLOSED
    round.full_clean()
    with acting_as(actor):
        round.save(update_fields=["status"])
    return round


def registration_check(*, actor: User, round: Round, unit: AdminUnit) -> None:
    """Raise Denied or ValidationError unless ``actor`` may register ``unit`` in ``round``."""
    require(actor, Permission.REGISTER, unit=unit)
    _ensure_open(round)
    if unit.admin_map_id != round.admin_map_id:
        raise ValidationError(
            {
                "unit": ValidationError(
                    _(
                        "%(unit)s belongs to the map %(unit_map)s, not to the map %(round_map)s "
                        "of the %(year)s round."
                    ),
                    params={
                        "unit": str(unit),
                        "unit_map": unit.admin_map.code,
                        "round_map": round.admin_map.code,
                        "year": round.year,
                    },
                )
            }
        )
    if unit.type != UnitType.WARD:
        raise ValidationError(
            {
                "unit": ValidationError(
                    _("%(unit)s is not a ward (phường): only wards may be registered."),
                    params={"unit": str(unit)},
                )
            }
        )
    if Registration.objects.filter(round=round, unit=unit).exists():
        raise ValidationError({"unit": _already_registered(round, unit)})


@transaction.atomic
def registration_create(*, actor: User, round: Round, unit: AdminUnit) -> Registration:
    """Enrol the phường ``unit`` in ``round`` for its province (over the quota is allowed).

    Side effects: creates the registration, its assessment (draft) and an empty result for
    each criterion of the round's criteria set; audit entries with the actor.
    """
    registration_check(actor=actor, round=round, unit=unit)
    registration = Registration(round=round, unit=unit, registered_by=actor)
    registration.full_clean()
    with acting_as(actor):
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # registered by someone else since the check
            raise ValidationError({"unit": _already_registered(round, unit)}) from None
        assessment = Assessment(registration=registration)
        assessment.full_clean()
        assessment.save()
        for criterion in round.criteria_set.criteria.order_by("position"):
            result = CriterionResult(assessment=assessment, criterion=criterion)
            # The assessment is new: no result can clash, so skip one query per criterion.
            result.full_clean(validate_unique=False, validate_constraints=False)
            result.save()
    return registration


@transaction.atomic
def registration_withdraw(*, actor: User, registration: Registration) -> None:
    """Withdraw a registration whose assessment is still a draft.

    Side effects: deletes the registration, its assessment with results, action items and
    evidence records (evidence files are removed from storage after the commit); audit
    entries with the actor.
    """
    require(actor, Permission.REGISTER, unit=registration.unit)
    _ensure_open(registration.round)
    assessment = Assessment.objects.select_for_update().filter(registration=registration).first()
    if assessment is not None and assessment.state != State.DRAFT:
        raise ValidationError(
            _(
                "The registration of %(unit)s cannot be withdrawn: its assessment is in state "
                "«%(state)s»; only a draft can be withdrawn."
            ),
            params={"unit": str(registration.unit), "state": STATE_NAMES[assessment.state]},
        )
    with acting_as(actor):
        if assessment is not None:
            storage = Evidence._meta.get_field("file").storage
            names = Evidence.objects.filter(result__assessment=assessment).values_list(
                "file", flat=True
            )
            stored_files_delete_on_commit([(storage, name) for name in names])
            assessment.delete()
        registration.delete()


@transaction.atomic
def targets_ensure_defaults() -> list[tuple[Target, bool]]:
    """Create the national default targets that are missing; each with whether it was created.

    Side effects: creates national targets (province empty); existing ones are left untouched.
    """
    results = []
    for year, minimum, stretch in DEFAULT_TARGETS:
        results.append(
            Target.objects.get_or_create(
                year=year,
                province=None,
                defaults={"minimum_percent": minimum, "stretch_percent": stretch},
            )
        )
    return results


@transaction.atomic
def target_set(
    *,
    actor: User,
    year: int,
    province: AdminUnit | None,
    minimum: Decimal | int,
    stretch: Decimal | int,
) -> Target:
    """Set the target of ``province`` for ``year`` (no province: the national default).

    Side effects: creates or updates the target; audit entry with the actor.
    """
    require(actor, Permission.CONFIGURE, unit=province)
    if province is not None and province.level != Level.PROVINCE:
        raise ValidationError(
            {
                "province": ValidationError(
                    _("%(province)s is not a province-level unit."),
                    params={"province": str(province)},
                )
            }
        )
    target = Target.objects.filter(year=year, province=province).first() or Target(
        year=year, province=province
    )
    target.minimum_percent, target.stretch_percent = Decimal(minimum), Decimal(stretch)
    target.full_clean()
    with acting_as(actor), saved_once():
        target.save()
    return target


def _quotas_refresh(round: Round) -> int:
    computed = quotas_by_rule(round.quota_rule, round.admin_map, round.quota_parameters)
    existing = {quota.province_id: quota for quota in Quota.objects.filter(round=round)}
    changed = 0
    for province, value in computed.items():
        quota = existing.get(province.pk)
        if quota is not None and quota.computed == value:
            continue
        if quota is None:
            quota = Quota(round=round, province=province)
        quota.computed = value
        # One quota per province by construction; the database constraint backs it up.
        quota.full_clean(validate_unique=False, validate_constraints=False)
        quota.save()
        changed += 1
    return changed


def _ensure_open(round: Round) -> None:
    # Inside a service's transaction the round's row stays locked, so a round closed at the
    # same moment cannot let this change in.
    rounds = Round.objects.filter(pk=round.pk)
    if transaction.get_connection().in_atomic_block:
        rounds = rounds.select_for_update()
    if rounds.filter(status=Round.Status.CLOSED).exists():
        raise ValidationError(
            _("The %(year)s round is closed: nothing can be changed any more."),
            params={"year": round.year},
        )


def _already_registered(round: Round, unit: AdminUnit) -> ValidationError:
    return ValidationError(
        _("%(unit)s is already registered in the %(year)s round."),
        params={"unit": str(unit), "year": round.year},
    )
