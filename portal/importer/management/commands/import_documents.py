from pathlib import Path
from urllib.parse import unquote

from django.core.management.base import BaseCommand, CommandError

from portal.importer.forms import IMPORT_PERIODS
from portal.importer.importing import PAGE_TYPES, ImportFailed, choose_type, import_path, resolve_parent


class Command(BaseCommand):
    help = "把 .docx/.txt/.md 文件导入为页面：每个文件一个页面，放在 --parent 指定网址的页面下面（默认存为草稿）。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=".docx、.txt 或 .md 文件")
        parser.add_argument("--parent", required=True, metavar="URL_PATH", help="上级页面的网址，例如 /news/")
        parser.add_argument("--type", choices=sorted(PAGE_TYPES), help="页面类型；不写则按上级页面推断")
        parser.add_argument("--publish", action="store_true", help="导入后直接发布（默认只存草稿）")
        parser.add_argument("--year", type=int, help="经验交流材料所属年度，如 2025（和 --period 一起用）")
        parser.add_argument(
            "--period", choices=[key for key, _label in IMPORT_PERIODS], help="经验交流材料的时段：year、h1 或 h2"
        )

    def handle(self, *args, files, parent, type, publish, year, period, **options):
        try:
            parent_page = resolve_parent(parent)
            type_key = choose_type(parent_page, type)
        except ImportFailed as error:
            raise CommandError(str(error)) from None
        if (year is None) != (period is None):
            raise CommandError("--year 和 --period 要一起写，如 --year 2025 --period h1")
        failures = 0
        for name in files:
            filed = (year, period) if year is not None else None
            result = import_path(Path(name), parent_page, type_key=type_key, publish=publish, period=filed)
            if not result.ok:
                failures += 1
                self.stderr.write(f"失败\t{name}\t{result.error}")
                continue
            page = result.page
            flags = " ".join(flag.message for flag in result.flags) or "无"
            status = ("已发布" if page.live else "草稿") if result.created else "已存在"
            self.stdout.write(
                f"{page.pk}\t{unquote(page.url or page.url_path)}\t{page.title}\t{status}\t"
                f"数字{result.figure_count}个，占位符{result.placeholder_count}处\t提示：{flags}"
            )
        if failures:
            raise CommandError(f"{failures} 个文件导入失败（见上）。")
