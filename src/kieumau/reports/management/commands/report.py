"""kieumau report national|province CODE --round YEAR --format FORMAT [-o FILE]"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kieumau.programme.management.arguments import province_with_code, round_of_year
from kieumau.reports.narrative import national_report, province_report
from kieumau.reports.renderers import FORMATS, TEXT_FORMATS, UnknownFormat, renderer


class Command(BaseCommand):
    help = "Viết báo cáo sơ kết / write the summary report (docx, pdf, xlsx, md, txt)."

    def add_arguments(self, parser: CommandParser) -> None:
        scopes = parser.add_subparsers(dest="scope", required=True, parser_class=type(parser))
        for scope in ("national", "province"):
            sub = scopes.add_parser(
                scope,
                help="báo cáo toàn quốc" if scope == "national" else "báo cáo của một tỉnh",
            )
            if scope == "province":
                sub.add_argument("code", help="mã tỉnh (GSO) trên danh mục của đợt, ví dụ 40")
            sub.add_argument("--round", type=int, required=True, help="năm của đợt, ví dụ 2023")
            sub.add_argument(
                "--format", default="md", help=f"định dạng: {', '.join(FORMATS)} (mặc định md)"
            )
            sub.add_argument(
                "-o", "--output", default=None, help="tệp kết quả; «-» hoặc bỏ trống: màn hình"
            )

    def handle(self, *args, scope: str, **options) -> None:
        started = time.perf_counter()
        format = options["format"].lower()
        try:
            module = renderer(format)
        except UnknownFormat:
            raise CommandError(
                f"Không hỗ trợ định dạng «{format}» (chọn một trong: {', '.join(FORMATS)})."
            ) from None
        except ImportError as error:
            raise CommandError(f"Chưa cài được bộ xuất định dạng «{format}»: {error}.") from None
        output = options["output"]
        to_stdout = output in (None, "-")
        if to_stdout and format not in TEXT_FORMATS:
            raise CommandError(
                f"Định dạng «{format}» cần tệp kết quả: thêm -o TỆP.{module.EXTENSION}."
            )
        round_ = round_of_year(options["round"])
        if scope == "national":
            report = national_report(round_)
        else:
            report = province_report(round_, province_with_code(round_.admin_map, options["code"]))
        content = module.render(report)
        if to_stdout:
            self.stdout.write(content.decode(), ending="")
        else:
            try:
                Path(output).write_bytes(content)
            except OSError as error:
                raise CommandError(f"Không ghi được tệp «{output}»: {error.strerror}.") from None
        elapsed = time.perf_counter() - started
        where = "" if to_stdout else f" vào {output}"
        self.stderr.write(f"Đã viết báo cáo ({format}){where} trong {elapsed:.2f} giây.")
        sys.stderr.flush()
