"""Context fixtures: a 2025 round with three registered wards and an officer of every role.

Nghệ An (40) is "own": its ward Trường Vinh (16690) is the ward officer's, Thành Vinh (16681)
the other ward officer's. Hà Nội (01) is the other province, with Ba Đình (00004) registered.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level
from kieumau.criteria.models import CriteriaSet
from kieumau.programme.models import QuotaRule, Registration, Round

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 300

ROLES = ("province_own", "province_other", "ward_own", "ward_other", "ministry", "viewer")


def pdf(name: str = "nghi-quyet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG)


def exe(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXE)


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@dataclass
class World:
    admin_map: AdminMap
    nghe_an: AdminUnit
    hanoi: AdminUnit
    round: Round
    registration: Registration  # Trường Vinh, the own ward
    other_registration: Registration  # Thành Vinh, same province
    hanoi_registration: Registration  # Ba Đình
    users: dict[str, User]


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world(maps) -> World:
    admin_map = maps["2025-07"]

    def unit(level: Level, code: str) -> AdminUnit:
        return AdminUnit.objects.get(admin_map=admin_map, level=level, code=code)

    nghe_an, hanoi = unit(Level.PROVINCE, "40"), unit(Level.PROVINCE, "01")
    ward, other_ward = unit(Level.COMMUNE, "16690"), unit(Level.COMMUNE, "16681")
    homes = {
        "province_own": (Role.PROVINCE, nghe_an),
        "province_other": (Role.PROVINCE, hanoi),
        "ward_own": (Role.WARD, ward),
        "ward_other": (Role.WARD, other_ward),
        "ministry": (Role.MINISTRY, None),
        "viewer": (Role.VIEWER, nghe_an),
    }
    users = {
        name: User.objects.create_user(name, role=role, unit=home)
        for name, (role, home) in homes.items()
    }
    criteria_set = CriteriaSet.objects.create(
        code="thu-nghiem", version=1, name="Bộ tiêu chí thử nghiệm", basic_min_met=2
    )
    round = Round.objects.create(
        year=2025,
        name="Đợt 2025",
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=QuotaRule.SHARE_OF_WARDS,
        self_assessment_deadline=datetime.date(2025, 10, 31),
        review_deadline=datetime.date(2025, 11, 30),
        recognition_deadline=datetime.date(2025, 12, 31),
    )

    def register(ward: AdminUnit, by: User) -> Registration:
        return Registration.objects.create(round=round, unit=ward, registered_by=by)

    return World(
        admin_map=admin_map,
        nghe_an=nghe_an,
        hanoi=hanoi,
        round=round,
        registration=register(ward, users["province_own"]),
        other_registration=register(other_ward, users["province_own"]),
        hanoi_registration=register(unit(Level.COMMUNE, "00004"), users["province_other"]),
        users=users,
    )
