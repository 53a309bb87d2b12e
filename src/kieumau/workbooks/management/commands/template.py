"""kieumau template KIND --round YEAR --province CODE --user USERNAME -o FILE"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kieumau.accounts.scopes import Denied
from kieumau.programme.management.arguments import refused
from kieumau.workbooks.imports import workbook_template
from kieumau.workbooks.management.arguments import workbook_arguments, workbook_context


class Command(BaseCommand):
    help = (
        "Tạo biểu mẫu Excel của một tỉnh, điền sẵn số liệu hiện có / write a province's "
        "xlsx template, filled with the current data (also its export)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        workbook_arguments(parser)
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx kết quả")

    def handle(self, *args, **options) -> None:
        kind, round_, province, user = workbook_context(options)
        try:
            content = workbook_template(actor=user, kind=kind, round=round_, province=province)
        except (ValidationError, Denied) as error:
            raise refused(error) from None
        output = options["output"]
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp «{output}»: {error.strerror}.") from None
        self.stdout.write(
            f"Đã ghi biểu mẫu «{kind.label}» của {province.full_name}, đợt {round_.year}, "
            f"vào {output}."
        )
