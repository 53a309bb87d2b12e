"""Set-ups run inside a real ``kieumau`` process (``python -m tests.faults.scenario STEP …``)
against the database named by ``DATABASE_URL``, so that the test process never opens it through
Django. Each step prints its result as JSON on stdout.

Steps:
  large-import DIR  — a TP HCM officer, round 2023 on the 2023-05 map with every phường of the
                      city registered, and DIR/tphcm.xlsx: the self-assessment template with
                      all 22 values of every phường filled in (as tests/workbooks does)
  self-values       — the stored self values of round 2023, by ward code and criterion code
  api-key USERNAME  — a new API key of the user
"""

import json
import sys
from pathlib import Path

import django


def large_import(directory: str) -> dict:
    from openpyxl import load_workbook

    from kieumau.adminunits.models import AdminMap
    from kieumau.criteria.types import Kind
    from kieumau.workbooks.kinds import self_assessment
    from tests.workbooks.helpers import template_save
    from tests.workbooks.test_large_province import KIND, ho_chi_minh_registered, value_for

    admin_map = AdminMap.objects.get(code="2023-05")
    officer, round_, city, wards, criteria = ho_chi_minh_registered(admin_map)
    path = template_save(
        Path(directory) / "tphcm.xlsx", actor=officer, kind=KIND, round=round_, province=city
    )
    workbook = load_workbook(path)
    sheet = workbook[self_assessment.SHEET]
    expected: dict[str, dict[str, str]] = {}
    for unit_index, row in enumerate(sheet.iter_rows(min_row=2)):
        expected[row[0].value] = {}
        for criterion_index, criterion in enumerate(criteria):
            value = value_for(criterion.kind, unit_index, criterion_index)
            cell = row[4 + criterion_index]
            cell.value = ("Có" if value else "Không") if criterion.kind == Kind.BOOL else value
            expected[row[0].value][criterion.code] = str(value)
    workbook.save(path)
    return {
        "file": str(path),
        "user": officer.username,
        "province": city.code,
        "wards": len(wards),
        "expected": expected,
    }


def self_values() -> dict:
    from kieumau.assessments.models import CriterionResult

    stored: dict[str, dict[str, str | None]] = {}
    rows = CriterionResult.objects.filter(assessment__registration__round__year=2023)
    for code, criterion, value in rows.values_list(
        "assessment__registration__unit__code", "criterion__code", "self_value"
    ):
        stored.setdefault(code, {})[criterion] = None if value is None else str(value)
    return stored


def api_key(username: str) -> dict:
    from kieumau.accounts.models import User
    from kieumau.api.tokens import token_create

    user = User.objects.get(username=username)
    return {"key": token_create(actor=user, name="fault tests").key}


STEPS = {"large-import": large_import, "self-values": self_values, "api-key": api_key}

if __name__ == "__main__":
    django.setup()
    step, *arguments = sys.argv[1:]
    print(json.dumps(STEPS[step](*arguments)))
