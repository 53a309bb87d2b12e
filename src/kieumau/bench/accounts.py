"""The officers the benchmark signs in as: many of each role, so that no two simulated users
share an account (a one-time code is accepted once per authenticator).

Everyone has the password BENCH_PASSWORD; province and ministry officers also have a confirmed
authenticator with the key BENCH_TOTP_SECRET. Only for a throwaway benchmark database.
"""

from base64 import b32decode
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import Level

BENCH_PASSWORD = "Bench@kieumau-2030"
BENCH_TOTP_SECRET = "KIEUMAUBENCHTOTPKIEUMAUBENCHTOTP"
PROVINCE_OFFICERS_PER_PROVINCE = 8
MINISTRY_OFFICERS = 16


def ward_username(unit_code: str) -> str:
    return f"bench.ward.{unit_code}"


def province_username(province_code: str, number: int) -> str:
    return f"bench.province.{province_code}.{number}"


def ministry_username(number: int) -> str:
    return f"bench.ministry.{number}"


@dataclass(frozen=True)
class BenchAccounts:
    wards: int
    provinces: int
    ministry: int


@transaction.atomic
def bench_accounts_create(admin_map: AdminMap) -> BenchAccounts:
    """One ward officer per commune of ``admin_map``, PROVINCE_OFFICERS_PER_PROVINCE per
    province and MINISTRY_OFFICERS ministry officers, those two with an authenticator.

    Side effects: bulk inserts of users and TOTP devices (not audited: a benchmark fixture).
    One password hash serves every account, so that creating 3,000 of them takes a second.
    """
    password = make_password(BENCH_PASSWORD)
    units = AdminUnit.objects.filter(admin_map=admin_map)
    communes = units.filter(level=Level.COMMUNE).only("pk", "code")
    provinces = units.filter(level=Level.PROVINCE).only("pk", "code")
    wards = [
        User(username=ward_username(u.code), role=Role.WARD, unit=u, password=password)
        for u in communes
    ]
    province_officers = [
        User(username=province_username(p.code, n), role=Role.PROVINCE, unit=p, password=password)
        for p in provinces
        for n in range(1, PROVINCE_OFFICERS_PER_PROVINCE + 1)
    ]
    ministry = [
        User(username=ministry_username(n), role=Role.MINISTRY, password=password)
        for n in range(1, MINISTRY_OFFICERS + 1)
    ]
    User.objects.bulk_create([*wards, *province_officers, *ministry], batch_size=2000)
    key = b32decode(BENCH_TOTP_SECRET).hex()
    second_factor = User.objects.filter(
        username__in=[u.username for u in (*province_officers, *ministry)]
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="Bench authenticator", key=key, confirmed=True)
        for user in second_factor
    )
    return BenchAccounts(len(wards), len(province_officers), len(ministry))
