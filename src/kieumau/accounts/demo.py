"""Demo accounts for trying the system out; created only where absent."""

from base64 import b32decode
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import Role, User
from kieumau.accounts.twofactor.selectors import two_factor_required
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.reference import current_map
from kieumau.adminunits.types import Level

DEMO_PASSWORD = "KieuMau@2025"
# The authenticator key of the demo accounts that need two-step verification (base32, as an
# app takes it). Public, like the password: demo accounts only.
DEMO_TOTP_SECRET = "KIEUMAUDEMOTOTPKIEUMAUDEMOTOTPAA"
DEMO_TOTP_KEY = b32decode(DEMO_TOTP_SECRET).hex()


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_code: str = ""  # GSO code on the current map
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        "bocongan", "Cán bộ Văn phòng chương trình (Bộ Công an)", Role.MINISTRY, superuser=True
    ),
    DemoAccount("catinh.nghean", "Cán bộ Công an tỉnh Nghệ An", Role.PROVINCE, "40"),
    DemoAccount("caphuong.truongvinh", "Cán bộ Công an phường Trường Vinh", Role.WARD, "16690"),
]


@transaction.atomic
def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that do not exist yet; returns each with whether it was created.

    Side effects: creates users (password DEMO_PASSWORD); those whose role requires two-step
    verification get a confirmed authenticator with the key DEMO_TOTP_SECRET. Existing users
    are left untouched.
    """
    admin_map = current_map()
    results = []
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            results.append((account, False))
            continue
        unit = None
        if account.unit_code:
            level = Level.PROVINCE if len(account.unit_code) == 2 else Level.COMMUNE
            unit = AdminUnit.objects.get(admin_map=admin_map, level=level, code=account.unit_code)
        user = User(
            username=account.username,
            first_name=account.full_name,
            role=account.role,
            unit=unit,
            is_staff=account.superuser,
            is_superuser=account.superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        if two_factor_required(user):
            TOTPDevice.objects.create(
                user=user, name="Demo authenticator", key=DEMO_TOTP_KEY, confirmed=True
            )
        results.append((account, True))
    return results


def demo_user(role: Role) -> User:
    """The demo account of ``role`` (created by ``demo_accounts_ensure``)."""
    username = next(account.username for account in DEMO_ACCOUNTS if account.role == role)
    return User.objects.get(username=username)


def demo_totp_secret(account: DemoAccount) -> str | None:
    """DEMO_TOTP_SECRET when the account signs in with the demo authenticator, else None."""
    return (
        DEMO_TOTP_SECRET
        if TOTPDevice.objects.filter(
            user__username=account.username, confirmed=True, key=DEMO_TOTP_KEY
        ).exists()
        else None
    )
