"""kieumau import KIND FILE --round YEAR --province CODE --user USERNAME [--dry-run]"""

import io
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from kieumau.accounts.scopes import Denied
from kieumau.core.progress import progress_bar
from kieumau.programme.management.arguments import refused
from kieumau.workbooks.imports import ImportOutcome, workbook_import
from kieumau.workbooks.management.arguments import workbook_arguments, workbook_context


class Command(BaseCommand):
    help = (
        "Nhập biểu mẫu Excel: kiểm tra mọi dòng trước, rồi ghi tất cả hoặc không ghi gì / "
        "import an xlsx workbook: every row checked, then all applied or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        workbook_arguments(parser)
        parser.add_argument("file", help="tệp .xlsx cần nhập")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ kiểm tra và báo cáo, không ghi gì / check only, write nothing",
        )

    def handle(self, *args, **options) -> None:
        kind, round_, province, user = workbook_context(options)
        path = options["file"]
        started = time.perf_counter()
        try:
            with open(path, "rb") as file, progress_bar("Đang nhập / importing") as progress:
                outcome = workbook_import(
                    actor=user,
                    kind=kind,
                    file=file,
                    round=round_,
                    province=province,
                    progress=progress,
                    dry_run=options["dry_run"],
                )
        except OSError as error:
            raise CommandError(f"Không đọc được tệp «{path}»: {error.strerror}.") from None
        except (ValidationError, Denied) as error:
            raise refused(error) from None
        elapsed = time.perf_counter() - started
        if outcome.problems:
            self._problems_print(outcome)
            raise CommandError(
                f"{len(outcome.problems)} lỗi trong tệp: không có gì thay đổi. "
                "Sửa các ô trên rồi nhập lại.",
                returncode=1,
            )
        self._summary_print(outcome, elapsed)

    def _summary_print(self, outcome: ImportOutcome, elapsed: float) -> None:
        verb = "Kiểm tra xong (chạy thử, không ghi gì)" if outcome.dry_run else "Đã nhập"
        self.stdout.write(
            f"{verb} «{outcome.kind.label}» của {outcome.province.full_name}, "
            f"đợt {outcome.round.year}: {outcome.rows} dòng trong {elapsed:.1f} giây."
        )
        self.stdout.write(
            f"  thêm mới: {outcome.created}   cập nhật: {outcome.updated}   "
            f"rút/xóa: {outcome.removed}   giữ nguyên: {outcome.unchanged}"
        )

    def _problems_print(self, outcome: ImportOutcome) -> None:
        table = Table(title=f"Lỗi trong tệp {outcome.file_name}", show_lines=False)
        table.add_column("Trang tính / sheet")
        table.add_column("Ô / cell")
        table.add_column("Lý do / reason")
        for problem in outcome.problems:
            place = f"{problem.column or ''}{problem.row or ''}"
            table.add_row(problem.sheet or "—", place or "—", str(problem.message))
        buffer = io.StringIO()
        Console(file=buffer, width=140, force_terminal=False).print(table)
        self.stdout.write(buffer.getvalue(), ending="")
