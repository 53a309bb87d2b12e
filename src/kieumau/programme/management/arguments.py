"""What the programme commands share: reading arguments into objects, refusals as messages."""

import argparse
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Denied
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level
from kieumau.criteria.models import CriteriaSet
from kieumau.programme.models import Round
from kieumau.programme.selectors import round_by_year


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không hợp lệ (cần YYYY-MM-DD)") from None


def refused(error: ValidationError | Denied) -> CommandError:
    lines = error.messages if isinstance(error, ValidationError) else [str(error)]
    return CommandError("Không thực hiện được, không có gì thay đổi:\n  " + "\n  ".join(lines))


def user_named(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"Không có người dùng «{username}».") from None


def round_of_year(year: int) -> Round:
    round_ = round_by_year(year)
    if round_ is None:
        known = ", ".join(str(y) for y in Round.objects.values_list("year", flat=True)) or "chưa có"
        raise CommandError(f"Không có đợt đánh giá năm {year} (đã có: {known}).")
    return round_


def map_with_code(code: str) -> AdminMap:
    try:
        return AdminMap.objects.get(code=code)
    except AdminMap.DoesNotExist:
        known = ", ".join(AdminMap.objects.values_list("code", flat=True)) or "chưa có"
        raise CommandError(f"Không có danh mục {code} (đã có: {known}).") from None


def province_with_code(admin_map: AdminMap, code: str) -> AdminUnit:
    try:
        return AdminUnit.objects.get(admin_map=admin_map, level=Level.PROVINCE, code=code.zfill(2))
    except AdminUnit.DoesNotExist:
        raise CommandError(f"Danh mục {admin_map.code} không có tỉnh mã {code}.") from None


def criteria_set_named(spec: str) -> CriteriaSet:
    """``CODE`` (newest version) or ``CODE:VERSION``."""
    code, _, version = spec.partition(":")
    sets = CriteriaSet.objects.filter(code=code).order_by("-version")
    if version:
        if not version.isdigit():
            raise CommandError(f"Phiên bản «{version}» không hợp lệ (cần CODE:SỐ).")
        sets = sets.filter(version=int(version))
    found = sets.first()
    if found is None:
        known = ", ".join(f"{s.code}:{s.version}" for s in CriteriaSet.objects.all()) or "chưa có"
        raise CommandError(f"Không có bộ tiêu chí «{spec}» (đã có: {known}).")
    return found


def key_values(pairs: list[str]) -> dict[str, str]:
    """``["percent=30"]`` → ``{"percent": "30"}``."""
    parsed = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"Tham số «{pair}» không hợp lệ (cần TÊN=GIÁ_TRỊ).")
        parsed[key.strip()] = value.strip()
    return parsed
