from django.core.management.base import BaseCommand, CommandError

from portal.core.backup import CHECKED_MODELS, BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "从 backup 命令生成的 .tar.gz 恢复数据库和媒体文件：先在暂存目录里检查整个备份，通过后才替换现有数据，"
        "被替换的数据保存在 var/backups/before-restore-<时间>/"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件路径")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库和媒体文件")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("恢复会覆盖当前的数据库和媒体文件；确认后请加 --yes 重新运行")
        try:
            manifest, kept = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"恢复失败：{error}") from None
        for label, summary in manifest["database"].items():
            self.stdout.write(f"{CHECKED_MODELS.get(label, label)}：{summary['count']} 条，已核对")
        self.stdout.write(f"媒体文件：{manifest['media']['files']} 个，已核对")
        self.stdout.write(f"恢复前的数据库和媒体文件保存在 {kept}（核对无误后可删除）")
        self.stdout.write(self.style.SUCCESS(f"已从 {archive} 恢复"))
