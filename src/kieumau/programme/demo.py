"""A small demo round so the demo accounts have work to do; created only where absent."""

from datetime import date

from django.db import transaction

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.reference import current_map
from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.models import QuotaRule, Registration, Round
from kieumau.programme.services import registration_create, round_create

DEMO_YEAR = 2025
# Nghệ An's phường registered by its demo province officer: Trường Vinh (the demo ward),
# Thành Vinh and Vinh Phú. Its quota at 30% of 11 phường is 4: one place is left to fill.
DEMO_WARDS = ("16690", "16681", "16702")


@transaction.atomic
def demo_round_ensure(*, ministry: User, province: User) -> tuple[Round, bool]:
    """The 2025 demo round on the current map with three Nghệ An registrations.

    Side effects, only when no round of DEMO_YEAR exists: creates the round (quotas at 30% of
    each province's phường) as ``ministry`` and the registrations as ``province``.
    """
    existing = Round.objects.filter(year=DEMO_YEAR).first()
    if existing is not None:
        return existing, False
    admin_map = current_map()
    round_ = round_create(
        actor=ministry,
        year=DEMO_YEAR,
        name=f"Đợt đánh giá {DEMO_YEAR}",
        admin_map=admin_map,
        criteria_set=default_criteria_set_load().criteria_set,
        quota_rule=QuotaRule.SHARE_OF_WARDS,
        quota_parameters={"percent": 30},
        self_assessment_deadline=date(DEMO_YEAR, 10, 31),
        review_deadline=date(DEMO_YEAR, 11, 30),
        recognition_deadline=date(DEMO_YEAR, 12, 31),
    )
    for code in DEMO_WARDS:
        unit = AdminUnit.objects.get(admin_map=admin_map, code=code)
        if not Registration.objects.filter(round=round_, unit=unit).exists():
            registration_create(actor=province, round=round_, unit=unit)
    return round_, True
