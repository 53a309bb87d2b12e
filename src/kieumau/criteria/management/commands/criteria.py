from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kieumau.adminunits.errors import ImportRejected
from kieumau.criteria.display import requirement_text, verdict_rule_lines
from kieumau.criteria.models import CriteriaSet
from kieumau.criteria.selectors import (
    criteria_set_codes,
    criteria_set_versions,
    criteria_set_with_code,
    criteria_sets_for_listing,
    groups_with_criteria,
    round_names_using,
    verdict_rule_for,
)
from kieumau.criteria.services import criteria_set_load


class Command(BaseCommand):
    help = "Bộ tiêu chí / criteria sets: load, list, show."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        load = actions.add_parser("load", help="nạp tệp bộ tiêu chí (YAML) / load a criteria file")
        load.add_argument("file", type=Path, help="xem docs/criteria-format.md")
        actions.add_parser("list", help="liệt kê các bộ tiêu chí / list criteria sets")
        show = actions.add_parser("show", help="nhóm, tiêu chí, quy tắc đánh giá / show a set")
        show.add_argument("code", help="mã bộ tiêu chí, ví dụ mau-22-tieu-chi")
        show.add_argument("--version", type=int, help="phiên bản (mặc định: mới nhất)")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_load(self, *, file: Path, **options) -> None:
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        try:
            report = criteria_set_load(path=file)
        except ImportRejected as rejected:
            raise CommandError(f"Tệp bị từ chối, không có gì thay đổi:\n{rejected}") from None
        for line in report.lines():
            self.stdout.write(line)

    def handle_list(self, **options) -> None:
        sets = list(criteria_sets_for_listing())
        if not sets:
            self.stdout.write("Chưa có bộ tiêu chí nào (nạp: kieumau criteria load TỆP).")
            return
        width = max(len("Mã"), *(len(s.code) for s in sets))
        self.stdout.write(
            f"{'Mã':<{width}}  {'Phiên bản':>9}  {'Mẫu':<3}  {'Tiêu chí':>8}  {'Đợt':>3}  Tên"
        )
        for s in sets:
            template = "có" if s.is_template else ""
            self.stdout.write(
                f"{s.code:<{width}}  {s.version:>9}  {template:<3}  {s.criteria_count:>8}  "
                f"{s.rounds_count:>3}  {s.name}"
            )

    def handle_show(self, *, code: str, version: int | None, **options) -> None:
        criteria_set = _get_set(code, version)
        rule = verdict_rule_for(criteria_set)
        versions = ", ".join(map(str, criteria_set_versions(code)))
        self.stdout.write(criteria_set.name)
        self.stdout.write(
            f"Mã {criteria_set.code}, phiên bản {criteria_set.version} (các phiên bản: {versions})"
        )
        if criteria_set.is_template:
            self.stdout.write("Bộ mẫu: thay bằng bộ chính thức (kieumau criteria load TỆP).")
        if criteria_set.description:
            self.stdout.write(criteria_set.description)
        for group in groups_with_criteria(criteria_set):
            self.stdout.write(f"\n{group.code}. {group.title}")
            for criterion in group.criteria.all():
                requirement = requirement_text(
                    kind=criterion.kind,
                    comparator=criterion.comparator,
                    threshold=criterion.threshold,
                    unit=criterion.unit,
                )
                mark = " [bắt buộc]" if criterion.mandatory else ""
                self.stdout.write(f"  {criterion.code:<6} {requirement:<9} {criterion.title}{mark}")
        self.stdout.write("\nQuy tắc đánh giá:")
        for line in verdict_rule_lines(rule):
            self.stdout.write(f"  {line}")
        rounds = ", ".join(round_names_using(criteria_set)) or "(chưa có)"
        self.stdout.write(f"Đợt đánh giá dùng bộ này: {rounds}")


def _get_set(code: str, version: int | None) -> CriteriaSet:
    criteria_set = criteria_set_with_code(code, version=version)
    if criteria_set is not None:
        return criteria_set
    versions = criteria_set_versions(code)
    if versions:
        known = ", ".join(map(str, versions))
        raise CommandError(f"Bộ tiêu chí {code} không có phiên bản {version} (đã có: {known})")
    known = ", ".join(criteria_set_codes())
    raise CommandError(f"Không có bộ tiêu chí {code} (đã có: {known or 'chưa có'})")
