from django.core.management.base import BaseCommand

from kieumau.accounts.demo import DEMO_PASSWORD, demo_accounts_ensure, demo_totp_secret
from kieumau.adminunits.reference import reference_data_load
from kieumau.core.progress import progress_bar
from kieumau.criteria.services import default_criteria_set_load
from kieumau.programme.services import targets_ensure_defaults


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu tham chiếu (danh mục hành chính, kế thừa) và tạo tài khoản mẫu nếu chưa có. "
        "Chạy lại an toàn. / Load reference data and create missing demo accounts; safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="không tạo tài khoản mẫu")

    def handle(self, *args, no_demo: bool, **options) -> None:
        with progress_bar("Danh mục hành chính") as progress:
            reference_data_load(progress=progress, echo=self.stdout.write)
        targets_ensure_defaults()
        for line in default_criteria_set_load().lines():
            self.stdout.write(line)
        if no_demo:
            return
        accounts = demo_accounts_ensure()
        self.stdout.write("Dữ liệu minh họa (đợt 2023 và 2025): chạy «kieumau demo».")
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Tài khoản dùng thử / demo logins (http://127.0.0.1:8000):")
        )
        secrets = False
        for account, created in accounts:
            state = "mới tạo" if created else "đã có"
            self.stdout.write(
                f"  {account.username:<22} {DEMO_PASSWORD:<14} {account.role.label} ({state})"
            )
            if secret := demo_totp_secret(account):
                secrets = True
                self.stdout.write(f"  {'':<22} {'mã 2 bước / 2FA key:':<14} {secret}")
        if secrets:
            self.stdout.write(
                "  Thêm khóa vào ứng dụng xác thực (Google Authenticator…) rồi nhập mã 6 số khi "
                "đăng nhập / add the key to an authenticator app and enter its 6-digit code."
            )
        self.stdout.write("  Đăng nhập / sign in: http://127.0.0.1:8000/login/")
