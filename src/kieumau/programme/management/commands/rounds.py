from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from kieumau.accounts.scopes import Denied
from kieumau.programme.management.arguments import (
    criteria_set_named,
    iso_date,
    key_values,
    map_with_code,
    refused,
    round_of_year,
    user_named,
)
from kieumau.programme.models import QuotaRule
from kieumau.programme.selectors import quota_totals, rounds_for_listing
from kieumau.programme.services import round_close, round_create


class Command(BaseCommand):
    help = "Đợt đánh giá / programme rounds: create, list, close."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        create = actions.add_parser("create", help="mở đợt đánh giá / open a round")
        create.add_argument("--year", type=int, required=True)
        create.add_argument("--name", required=True, help="tên đợt")
        create.add_argument(
            "--map", dest="map_code", required=True, help="mã danh mục, ví dụ 2023-05"
        )
        create.add_argument("--criteria", required=True, help="bộ tiêu chí CODE[:VERSION]")
        create.add_argument("--quota-rule", required=True, choices=QuotaRule.values)
        create.add_argument(
            "--quota-param", action="append", default=[], help="tham số quy tắc, ví dụ percent=30"
        )
        create.add_argument("--self-assessment-deadline", type=iso_date, required=True)
        create.add_argument("--review-deadline", type=iso_date, required=True)
        create.add_argument("--recognition-deadline", type=iso_date, required=True)
        create.add_argument("--as", dest="username", required=True, help="cán bộ Bộ Công an")
        actions.add_parser("list", help="liệt kê các đợt / list rounds")
        close = actions.add_parser("close", help="đóng đợt / close a round")
        close.add_argument("--year", type=int, required=True)
        close.add_argument("--as", dest="username", required=True, help="cán bộ Bộ Công an")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_create(self, **options) -> None:
        actor = user_named(options["username"])
        try:
            round_ = round_create(
                actor=actor,
                year=options["year"],
                name=options["name"],
                admin_map=map_with_code(options["map_code"]),
                criteria_set=criteria_set_named(options["criteria"]),
                quota_rule=options["quota_rule"],
                quota_parameters=key_values(options["quota_param"]),
                self_assessment_deadline=options["self_assessment_deadline"],
                review_deadline=options["review_deadline"],
                recognition_deadline=options["recognition_deadline"],
            )
        except (ValidationError, Denied) as error:
            raise refused(error) from None
        totals = quota_totals(round_)
        self.stdout.write(
            f"Đã mở đợt {round_.year} «{round_.name}»: danh mục {round_.admin_map.code}, "
            f"bộ tiêu chí {round_.criteria_set.code}:{round_.criteria_set.version}, "
            f"quy tắc {round_.quota_rule}; tổng chỉ tiêu {totals.effective}."
        )

    def handle_list(self, **options) -> None:
        self.stdout.write(
            f"{'Năm':<5} {'Danh mục':<9} {'Bộ tiêu chí':<20} {'Quy tắc':<15} {'Chỉ tiêu':>8} "
            f"{'Đăng ký':>8}  {'Hạn tự ĐG':<10} {'Trạng thái':<10} Tên"
        )
        for r in rounds_for_listing():
            criteria = f"{r.criteria_set.code}:{r.criteria_set.version}"
            self.stdout.write(
                f"{r.year:<5} {r.admin_map.code:<9} {criteria:<20} {r.quota_rule:<15} "
                f"{r.quota_total:>8} {r.registered:>8}  {r.self_assessment_deadline:%d/%m/%Y} "
                f"{'đang mở' if r.status == r.Status.OPEN else 'đã đóng':<10} {r.name}"
            )

    def handle_close(self, *, year: int, username: str, **options) -> None:
        try:
            round_close(actor=user_named(username), round=round_of_year(year))
        except (ValidationError, Denied) as error:
            raise refused(error) from None
        self.stdout.write(f"Đã đóng đợt {year}.")
