"""kieumau backup [--output DIR]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from kieumau.core.backup import BackupError, backup_create, backup_verify
from kieumau.core.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và mọi tệp đính kèm vào một thư mục mới có manifest.json "
        "(SHA-256) / back up the database and every uploaded file into a new folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            default=None,
            help="thư mục chứa các bản sao lưu / folder to write the backup into "
            "(mặc định / default: KIEUMAU_DATA_DIR/backups)",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        output_dir = output or Path(settings.DATA_DIR) / "backups"
        try:
            with progress_bar("Sao lưu / backing up") as progress:
                folder = backup_create(output_dir=output_dir, progress=progress)
            manifest = backup_verify(path=folder)
        except (BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from None
        size = sum(entry.size for entry in manifest.files)
        self.stdout.write(
            _(
                "Backup written to %(path)s: the database (%(engine)s) and %(count)s media files, "
                "%(size)s MB, checked."
            )
            % {
                "path": folder,
                "engine": manifest.engine,
                "count": len(manifest.media),
                "size": f"{size / 1_048_576:.1f}",
            }
        )
