"""What the workbook commands share: the kind, round, province and user read from arguments."""

from django.core.management.base import CommandError, CommandParser

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminUnit
from kieumau.programme.management.arguments import province_with_code, round_of_year, user_named
from kieumau.programme.models import Round
from kieumau.workbooks.imports import WorkbookKind

KINDS = ", ".join(kind.value for kind in WorkbookKind)


def workbook_arguments(parser: CommandParser) -> None:
    parser.add_argument("kind", help=f"loại biểu mẫu / kind: {KINDS}")
    parser.add_argument("--round", dest="year", type=int, required=True, help="năm của đợt")
    parser.add_argument("--province", required=True, help="mã tỉnh (GSO), ví dụ 40")
    parser.add_argument(
        "--user", required=True, help="tên đăng nhập của người thực hiện (quyền, nhật ký)"
    )


def workbook_context(options: dict) -> tuple[WorkbookKind, Round, AdminUnit, User]:
    try:
        kind = WorkbookKind(options["kind"])
    except ValueError:
        raise CommandError(
            f"Không có loại biểu mẫu «{options['kind']}» (chọn một trong: {KINDS})."
        ) from None
    round_ = round_of_year(options["year"])
    province = province_with_code(round_.admin_map, options["province"])
    return kind, round_, province, user_named(options["user"])
