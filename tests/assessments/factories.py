"""Test data for assessments, built directly with the ORM on the 2025-07 map.

The unit under test is Phường Trường Vinh (16690, Nghệ An); its neighbour ward, Nghệ An's and
Hà Nội's province officers, a ministry officer and a national viewer stand around it.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level
from kieumau.assessments.models import ActionItem, Assessment, CriterionResult, Evidence, State
from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup
from kieumau.criteria.types import Comparator, Kind
from kieumau.programme.models import QuotaRule, Registration, Round

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 300

WARD_CODE = "16690"  # Phường Trường Vinh, Nghệ An
PROVINCE_CODE = "40"  # Nghệ An
OTHER_PROVINCE_CODE = "01"  # Hà Nội


@dataclass(frozen=True)
class People:
    ward_own: User
    ward_other: User  # another ward of the same province
    province_own: User
    province_other: User
    ministry: User
    viewer: User  # national leader / viewer


def unit_get(admin_map: AdminMap, code: str) -> AdminUnit:
    return AdminUnit.objects.get(admin_map=admin_map, code=code)


def user_create(username: str, role: Role, unit: AdminUnit | None = None) -> User:
    return User.objects.create_user(username, role=role, unit=unit)


def people_create(admin_map: AdminMap) -> People:
    ward = unit_get(admin_map, WARD_CODE)
    neighbour = (
        AdminUnit.objects.filter(admin_map=admin_map, level=Level.COMMUNE, province=ward.province)
        .exclude(pk=ward.pk)
        .order_by("code")
        .first()
    )
    return People(
        ward_own=user_create("phuong", Role.WARD, ward),
        ward_other=user_create("phuong-khac", Role.WARD, neighbour),
        province_own=user_create("tinh", Role.PROVINCE, unit_get(admin_map, PROVINCE_CODE)),
        province_other=user_create(
            "tinh-khac", Role.PROVINCE, unit_get(admin_map, OTHER_PROVINCE_CODE)
        ),
        ministry=user_create("bo", Role.MINISTRY),
        viewer=user_create("lanh-dao", Role.VIEWER),
    )


def criteria_set_create() -> CriteriaSet:
    """Four criteria, one of each kind plus a mandatory one; the basic level needs three."""
    criteria_set = CriteriaSet.objects.create(
        code="thu-nghiem", version=1, name="Bộ tiêu chí thử nghiệm", basic_min_met=3
    )
    group = CriterionGroup.objects.create(
        criteria_set=criteria_set, code="I", title="An ninh, trật tự", position=1
    )
    for position, (code, kind, comparator, threshold, mandatory) in enumerate(
        [
            ("1", Kind.BOOL, "", None, True),
            ("2", Kind.BOOL, "", None, False),
            ("3", Kind.PCT, Comparator.GE, Decimal(80), False),
            ("4", Kind.NUM, Comparator.GE, Decimal(5), False),
        ],
        start=1,
    ):
        Criterion.objects.create(
            criteria_set=criteria_set,
            group=group,
            code=code,
            position=position,
            title=f"Tiêu chí {code}",
            kind=kind,
            comparator=comparator,
            threshold=threshold,
            mandatory=mandatory,
        )
    return criteria_set


def round_create(admin_map: AdminMap, criteria_set: CriteriaSet) -> Round:
    return Round.objects.create(
        year=2025,
        name="Đợt đánh giá 2025",
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=QuotaRule.SHARE_OF_WARDS,
        quota_parameters={"percent": 30},
        self_assessment_deadline=date(2025, 10, 31),
        review_deadline=date(2025, 11, 30),
        recognition_deadline=date(2025, 12, 31),
    )


def assessment_create(
    round: Round, unit: AdminUnit, registered_by: User, *, state: State = State.DRAFT
) -> Assessment:
    """A registration of ``unit`` and its assessment, one empty result per criterion."""
    registration = Registration.objects.create(round=round, unit=unit, registered_by=registered_by)
    assessment = Assessment.objects.create(registration=registration, state=state)
    for criterion in round.criteria_set.criteria.order_by("position"):
        CriterionResult.objects.create(assessment=assessment, criterion=criterion)
    return assessment


def result_of(assessment: Assessment, code: str) -> CriterionResult:
    return assessment.results.select_related("criterion").get(criterion__code=code)


def evidence_create(
    result: CriterionResult, uploaded_by: User, *, content: bytes = PDF, name: str = "bien-ban.pdf"
) -> Evidence:
    storage_name = f"{secrets.token_hex(16)}.pdf"
    evidence = Evidence(
        result=result,
        storage_name=storage_name,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=uploaded_by,
    )
    evidence.file.save(storage_name, ContentFile(content), save=True)
    return evidence


def action_item_create(result: CriterionResult) -> ActionItem:
    return ActionItem.objects.create(
        result=result, action="Lắp thêm camera", owner="Đội CSKV", due_date=date(2026, 6, 30)
    )
