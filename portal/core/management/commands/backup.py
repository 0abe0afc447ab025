from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "备份数据库和媒体文件到一个带时间戳的 .tar.gz（SQLite 或 PostgreSQL）"

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.VAR_DIR / "backups"), help="备份目录（默认 var/backups）")

    def handle(self, *args, output, **options):
        try:
            path = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
