from django.core.management.base import BaseCommand, CommandParser

from kieumau.assessments.workflow import STATE_NAMES
from kieumau.criteria.models import Level
from kieumau.programme.management.arguments import province_with_code, round_of_year
from kieumau.programme.selectors import registrations_for_round

# The glossary's verdict names (DESIGN.md); the model's labels are the translatable English ones.


class Command(BaseCommand):
    help = "Đăng ký / registrations: list."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        listing = actions.add_parser("list", help="các phường đã đăng ký / registered wards")
        listing.add_argument("--round", dest="year", type=int, required=True, help="năm của đợt")
        listing.add_argument("--province", help="mã tỉnh, ví dụ 40")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_list(self, *, year: int, province: str | None, **options) -> None:
        round_ = round_of_year(year)
        unit = province_with_code(round_.admin_map, province) if province else None
        registrations = list(registrations_for_round(round_, province=unit))
        self.stdout.write(f"{'Tỉnh':<16} {'Mã':<6} {'Phường':<24} {'Mức':<12} Trạng thái")
        for r in registrations:
            assessment = getattr(r, "assessment", None)
            level = Level(assessment.level).label if assessment else "—"
            state = STATE_NAMES[assessment.state] if assessment else "—"
            self.stdout.write(
                f"{r.unit.province.name:<16} {r.unit.code:<6} {r.unit.name:<24} {level:<12} {state}"
            )
        self.stdout.write(f"Tổng: {len(registrations)} phường đã đăng ký.")
