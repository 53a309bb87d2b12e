"""The officers who act in the illustrative dataset.

The services check roles and scopes: only a ward officer of the unit enters its values and
submits, only a province officer of the province registers, reviews and records documents.
So the generator acts as such officers: the demo accounts where they fit (``catinh.nghean``,
``caphuong.truongvinh``, ``bocongan``), and otherwise one demo officer per province and per
registered phường of the round's map (``demo.ca.<map>.<code>``, ``demo.cp.<map>.<code>``),
created with unusable passwords: nobody can sign in as them, but every record and audit entry
names a plausible officer of the right unit.
"""

from collections.abc import Iterable

from kieumau.accounts.demo import DEMO_ACCOUNTS
from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.reference import current_map


def _username(role: Role, admin_map: AdminMap, unit: AdminUnit) -> str:
    prefix = "ca" if role == Role.PROVINCE else "cp"
    return f"demo.{prefix}.{admin_map.code}.{unit.code}"


def officers_ensure(role: Role, admin_map: AdminMap, units: Iterable[AdminUnit]) -> dict[int, User]:
    """An officer of ``role`` for each unit (by unit id): the demo account of that unit if
    there is one, else a demo officer, created when missing.

    Side effects: creates the missing demo officers in one bulk insert (unusable passwords;
    users are not audited and this saves one query per officer).
    """
    units = list(units)
    accounts = {
        account.unit_code: account.username
        for account in DEMO_ACCOUNTS
        if account.role == role and account.unit_code
    }
    on_current_map = admin_map == current_map()
    wanted: dict[int, str] = {}
    for unit in units:
        account = accounts.get(unit.code) if on_current_map else None
        wanted[unit.pk] = account or _username(role, admin_map, unit)
    existing = {u.username: u for u in User.objects.filter(username__in=wanted.values())}
    missing = []
    for unit in units:
        username = wanted[unit.pk]
        if username in existing:
            continue
        label = "Công an tỉnh" if role == Role.PROVINCE else "Công an"
        user = User(
            username=username,
            first_name=f"Cán bộ {label} {unit.full_name} (minh họa)",
            role=role,
            unit=unit,
        )
        user.set_unusable_password()
        missing.append(user)
        existing[username] = user
    if missing:
        User.objects.bulk_create(missing)
        existing.update({u.username: u for u in User.objects.filter(username__in=wanted.values())})
    return {unit_id: existing[username] for unit_id, username in wanted.items()}
