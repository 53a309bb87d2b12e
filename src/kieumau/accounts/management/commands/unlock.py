from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kieumau.accounts.lockout import account_unlock


class Command(BaseCommand):
    help = (
        "Mở khóa đăng nhập sau nhiều lần sai / unlock sign-in after too many failed attempts: "
        "kieumau unlock TÊN-ĐĂNG-NHẬP | kieumau unlock --address IP"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="tài khoản (mọi địa chỉ) / the account")
        parser.add_argument("--address", help="địa chỉ IP (mọi tài khoản, khóa API) / an address")

    def handle(self, *args, username: str | None, address: str | None, **options) -> None:
        try:
            removed = account_unlock(actor=None, username=username, address=address)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        target = f"tài khoản {username}" if username else f"địa chỉ {address}"
        if removed:
            self.stdout.write(f"Đã mở khóa {target} (xóa {removed} bản ghi đăng nhập sai).")
        else:
            self.stdout.write(f"Không có gì thay đổi: {target} không bị khóa.")
