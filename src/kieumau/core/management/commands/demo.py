from django.core.management.base import BaseCommand, CommandError

from kieumau.adminunits.models import AdminMap
from kieumau.core.progress import progress_bar
from kieumau.demo.generate import demo_data_ensure


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa: đợt 2023 (khớp số liệu sơ kết của Bộ Công an) và đợt 2025; "
        "đợt đã có thì giữ nguyên. / Load the illustrative dataset (rounds 2023 and 2025); "
        "existing rounds are left alone."
    )

    def handle(self, *args, **options) -> None:
        if not AdminMap.objects.filter(code__in=("2023-05", "2025-07")).count() == 2:
            raise CommandError(
                "Chưa có danh mục 2023-05 và 2025-07: hãy chạy «kieumau setup» trước."
            )
        outcome = demo_data_ensure(echo=self.stdout.write, progress_for=progress_bar)
        if not any(created for _, created in outcome):
            self.stdout.write("Dữ liệu minh họa đã có: không thay đổi gì.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Dữ liệu minh họa: số liệu từng đơn vị là giả định, "
                    "khớp số liệu tổng hợp đã công bố."
                )
            )
