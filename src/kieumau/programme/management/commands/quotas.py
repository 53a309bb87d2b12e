from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kieumau.accounts.scopes import Denied
from kieumau.programme.management.arguments import (
    province_with_code,
    refused,
    round_of_year,
    user_named,
)
from kieumau.programme.selectors import quota_totals, quotas_for_round
from kieumau.programme.services import quota_override, quotas_compute


class Command(BaseCommand):
    help = "Chỉ tiêu / quotas: show, override, compute."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        show = actions.add_parser("show", help="chỉ tiêu từng tỉnh / quotas by province")
        show.add_argument("--round", dest="year", type=int, required=True, help="năm của đợt")
        override = actions.add_parser("override", help="điều chỉnh chỉ tiêu / override a quota")
        override.add_argument("--round", dest="year", type=int, required=True)
        override.add_argument("--province", required=True, help="mã tỉnh, ví dụ 01")
        value = override.add_mutually_exclusive_group(required=True)
        value.add_argument("--value", type=int, help="chỉ tiêu điều chỉnh")
        value.add_argument("--clear", action="store_true", help="bỏ điều chỉnh")
        override.add_argument("--reason", default="", help="lý do (bắt buộc khi điều chỉnh)")
        override.add_argument("--as", dest="username", required=True, help="cán bộ Bộ Công an")
        compute = actions.add_parser("compute", help="tính lại theo quy tắc / recompute")
        compute.add_argument("--round", dest="year", type=int, required=True)
        compute.add_argument("--as", dest="username", required=True, help="cán bộ Bộ Công an")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_show(self, *, year: int, **options) -> None:
        round_ = round_of_year(year)
        self.stdout.write(
            f"Chỉ tiêu đợt {round_.year} — {round_.name} (quy tắc {round_.quota_rule})"
        )
        self.stdout.write(
            f"{'Mã':<3} {'Tỉnh':<20} {'Theo QT':>7} {'Đ.chỉnh':>7} {'Áp dụng':>7} "
            f"{'Đã ĐK':>6} {'Vượt':>5}  Lý do điều chỉnh"
        )
        for q in quotas_for_round(round_):
            override = "" if q.override is None else q.override
            self.stdout.write(
                f"{q.province.code:<3} {q.province.name:<20} {q.computed:>7} {override:>7} "
                f"{q.effective_quota:>7} {q.registered:>6} {q.over:>5}  {q.override_reason}"
            )
        totals = quota_totals(round_)
        self.stdout.write(
            f"Tổng: {totals.effective} (theo quy tắc {totals.computed}); "
            f"đã đăng ký {totals.registered}, vượt chỉ tiêu {totals.over}."
        )

    def handle_override(self, *, year, province, value, clear, reason, username, **options):
        actor = user_named(username)
        round_ = round_of_year(year)
        unit = province_with_code(round_.admin_map, province)
        quota = quotas_for_round(round_).filter(province=unit).first()
        if quota is None:
            raise CommandError(f"Đợt {year} chưa có chỉ tiêu của {unit}.")
        try:
            quota = quota_override(
                actor=actor, quota=quota, value=None if clear else value, reason=reason
            )
        except (ValidationError, Denied) as error:
            raise refused(error) from None
        if quota.override is None:
            self.stdout.write(f"{unit}: bỏ điều chỉnh; chỉ tiêu theo quy tắc {quota.computed}.")
        else:
            self.stdout.write(
                f"{unit}: chỉ tiêu {quota.override} (theo quy tắc {quota.computed}); "
                f"lý do: {quota.override_reason}"
            )

    def handle_compute(self, *, year: int, username: str, **options) -> None:
        try:
            changed = quotas_compute(actor=user_named(username), round=round_of_year(year))
        except (ValidationError, Denied) as error:
            raise refused(error) from None
        totals = quota_totals(round_of_year(year))
        self.stdout.write(
            f"Đã tính lại: {changed} tỉnh thay đổi; tổng chỉ tiêu {totals.effective} "
            "(giữ các điều chỉnh)."
        )
