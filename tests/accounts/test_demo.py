from base64 import b32encode
from io import StringIO

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    DEMO_TOTP_SECRET,
    demo_accounts_ensure,
    demo_totp_secret,
)
from kieumau.accounts.models import Role, User


def test_demo_accounts_are_created_once_with_their_units(maps):
    first = demo_accounts_ensure()
    User.objects.filter(username="catinh.nghean").update(first_name="Đã sửa")

    second = demo_accounts_ensure()

    assert [created for _, created in first] == [True, True, True]
    assert [created for _, created in second] == [False, False, False]
    province = User.objects.get(username="catinh.nghean")
    ward = User.objects.get(username="caphuong.truongvinh")
    assert province.first_name == "Đã sửa"  # existing accounts are left as they are
    assert (province.role, province.unit.full_name, province.unit.admin_map.code) == (
        Role.PROVINCE,
        "Tỉnh Nghệ An",
        "2025-07",
    )
    assert (ward.role, ward.unit.full_name, ward.unit.province.name) == (
        Role.WARD,
        "Phường Trường Vinh",
        "Nghệ An",
    )
    assert ward.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="bocongan").is_superuser


def test_the_province_and_ministry_demo_accounts_sign_in_with_the_demo_authenticator(maps):
    demo_accounts_ensure()

    devices = TOTPDevice.objects.filter(confirmed=True).order_by("user__username")

    assert [(device.user.username, device.key) for device in devices] == [
        ("bocongan", DEMO_TOTP_KEY),
        ("catinh.nghean", DEMO_TOTP_KEY),
    ]
    assert b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode() == DEMO_TOTP_SECRET
    assert [demo_totp_secret(account) for account in DEMO_ACCOUNTS] == [
        DEMO_TOTP_SECRET,
        DEMO_TOTP_SECRET,
        None,
    ]


def test_setup_prints_the_authenticator_key_beside_the_password(maps):
    output = StringIO()

    call_command("setup", stdout=output)

    lines = output.getvalue().splitlines()
    start = lines.index("Tài khoản dùng thử / demo logins (http://127.0.0.1:8000):")
    assert [" ".join(line.split()) for line in lines[start + 1 : start + 7]] == [
        f"bocongan {DEMO_PASSWORD} Cán bộ Bộ Công an (mới tạo)",
        f"mã 2 bước / 2FA key: {DEMO_TOTP_SECRET}",
        f"catinh.nghean {DEMO_PASSWORD} Cán bộ Công an tỉnh (mới tạo)",
        f"mã 2 bước / 2FA key: {DEMO_TOTP_SECRET}",
        f"caphuong.truongvinh {DEMO_PASSWORD} Cán bộ Công an phường (mới tạo)",
        "Thêm khóa vào ứng dụng xác thực (Google Authenticator…) rồi nhập mã 6 số khi đăng nhập"
        " / add the key to an authenticator app and enter its 6-digit code.",
    ]
