"""kieumau restore PATH [--yes] [--prune-media]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from kieumau.core.backup import BackupError, RestoreOutcome, backup_restore, backup_verify
from kieumau.core.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu, sau khi kiểm tra mọi tệp "
        "/ restore the database and uploaded files from a backup, once every file is checked."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="thư mục sao lưu / the backup folder")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="thay thế cả cơ sở dữ liệu đang có dữ liệu / replace a database that holds data",
        )
        parser.add_argument(
            "--prune-media",
            action="store_true",
            help="xóa các tệp trong MEDIA_ROOT không có trong bản sao lưu / delete the files of "
            "MEDIA_ROOT that are not in the backup",
        )

    def handle(self, *args, path: Path, yes: bool, prune_media: bool, **options) -> None:
        try:
            with progress_bar("Kiểm tra / verifying") as progress:
                manifest = backup_verify(path=path, progress=progress)
            with progress_bar("Khôi phục / restoring") as progress:
                outcome = backup_restore(
                    path=path,
                    manifest=manifest,
                    overwrite=yes,
                    prune_media=prune_media,
                    progress=progress,
                )
        except (BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from None
        self._summary_print(outcome)

    def _summary_print(self, outcome: RestoreOutcome) -> None:
        self.stdout.write(
            _(
                "Restored the backup of %(created)s: the database (%(engine)s) and %(count)s media "
                "files; every file checked."
            )
            % {
                "created": outcome.manifest.created_at,
                "engine": outcome.manifest.engine,
                "count": outcome.media_files,
            }
        )
        if outcome.extra_media and outcome.extra_media_removed:
            self.stdout.write(
                _("%(count)s files of MEDIA_ROOT that were not in the backup were deleted.")
                % {"count": len(outcome.extra_media)}
            )
        elif outcome.extra_media:
            self.stdout.write(
                _(
                    "%(count)s files of MEDIA_ROOT are not in the backup and were kept "
                    "(--prune-media deletes them)."
                )
                % {"count": len(outcome.extra_media)}
            )
        if outcome.migrations_behind:
            self.stdout.write(
                _("The backup predates this version for %(apps)s: run «kieumau migrate» now.")
                % {"apps": ", ".join(outcome.migrations_behind)}
            )
