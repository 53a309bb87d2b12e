"""Every phường of TP Hồ Chí Minh on the 2023-05 map, all 22 values each, in one workbook."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import pytest
from openpyxl import load_workbook

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import UnitType
from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.criteria.models import Criterion
from kieumau.criteria.services import default_criteria_set_load
from kieumau.criteria.types import Kind
from kieumau.programme.models import QuotaRule, Registration, Round
from kieumau.workbooks.imports import WorkbookKind
from kieumau.workbooks.kinds import self_assessment

from .helpers import file_import, template_save

KIND = WorkbookKind.SELF_ASSESSMENT
HO_CHI_MINH = "79"


def value_for(kind: str, unit_index: int, criterion_index: int) -> Decimal:
    """A value that fits the criterion's kind and differs from unit to unit."""
    if kind == Kind.BOOL:
        return Decimal((unit_index + criterion_index) % 2)
    if kind == Kind.PCT:
        return Decimal((unit_index * 7 + criterion_index) % 100) + Decimal("0.25")
    return Decimal(unit_index % 40 + criterion_index)


class Registered(NamedTuple):
    officer: User
    round: Round
    city: AdminUnit
    wards: list[AdminUnit]
    criteria: list[Criterion]


def ho_chi_minh_registered(admin_map: AdminMap) -> Registered:
    """Every phường of TP Hồ Chí Minh registered in a 2023 round with empty results, in bulk."""
    city = AdminUnit.objects.get(admin_map=admin_map, level="province", code=HO_CHI_MINH)
    officer = User.objects.create_user("cong-an-tphcm", role=Role.PROVINCE, unit=city)
    round_ = Round.objects.create(
        year=2023,
        name="Đợt đánh giá 2023",
        admin_map=admin_map,
        criteria_set=default_criteria_set_load().criteria_set,
        quota_rule=QuotaRule.PILOT_2023,
        self_assessment_deadline=date(2023, 10, 31),
        review_deadline=date(2023, 11, 30),
        recognition_deadline=date(2023, 12, 31),
    )
    wards = list(AdminUnit.objects.filter(admin_map=admin_map, province=city, type=UnitType.WARD))
    registrations = Registration.objects.bulk_create(
        Registration(round=round_, unit=ward, registered_by=officer) for ward in wards
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(registration=registration) for registration in registrations
    )
    criteria = list(round_.criteria_set.criteria.order_by("position"))
    CriterionResult.objects.bulk_create(
        CriterionResult(assessment=assessment, criterion=criterion)
        for assessment in assessments
        for criterion in criteria
    )
    return Registered(officer, round_, city, wards, criteria)


@pytest.mark.slow
def test_every_phuong_of_ho_chi_minh_city_is_imported(maps, tmp_path):
    admin_map = maps["2023-05"]
    officer, round_, city, wards, criteria = ho_chi_minh_registered(admin_map)
    path = template_save(
        tmp_path / "tphcm.xlsx", actor=officer, kind=KIND, round=round_, province=city
    )
    workbook = load_workbook(path)
    sheet = workbook[self_assessment.SHEET]
    expected: dict[str, dict[str, Decimal]] = {}
    for unit_index, row in enumerate(sheet.iter_rows(min_row=2), start=0):
        code = row[0].value
        expected[code] = {}
        for criterion_index, criterion in enumerate(criteria):
            value = value_for(criterion.kind, unit_index, criterion_index)
            cell = row[4 + criterion_index]
            cell.value = ("Có" if value else "Không") if criterion.kind == Kind.BOOL else value
            expected[code][criterion.code] = value
    workbook.save(path)

    outcome = file_import(path, actor=officer, kind=KIND, round=round_, province=city)

    assert len(wards) > 200
    assert outcome.problems == []
    assert (outcome.rows, outcome.updated, outcome.unchanged) == (len(wards), len(wards), 0)
    stored: dict[str, dict[str, Decimal]] = {}
    for code, criterion, value in CriterionResult.objects.filter(
        assessment__registration__round=round_
    ).values_list("assessment__registration__unit__code", "criterion__code", "self_value"):
        stored.setdefault(code, {})[criterion] = value
    assert stored == expected
    again = file_import(path, actor=officer, kind=KIND, round=round_, province=city)
    assert (again.changed, again.unchanged) == (0, len(wards))
