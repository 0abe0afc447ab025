import csv
import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.importer.documents import MAX_DOCUMENT_BYTES, DocumentError, parse_document

FIELDS = ["file", "sentence", "metric", "value", "unit", "qualifier", "value_max", "start", "end", "placeholder"]
TABLE_COLUMNS = [
    ("file", "文件"),
    ("metric", "指标"),
    ("value", "数值"),
    ("value_max", "上限"),
    ("unit", "单位"),
    ("qualifier", "限定"),
    ("sentence", "原句"),
]
SENTENCE_CHARS = 40


class Command(BaseCommand):
    help = (
        "列出文档中的数字指标（先清理网站附加内容）。数值按原文（4300余万元 → 4300，万元，余）；"
        "start/end 是清理后正文中的字符位置；占位符（XX份、余万元）placeholder 为 true。"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=".docx、.txt 或 .md 文件")
        parser.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl", help="输出格式")

    def handle(self, *args, files, format, **options):
        rows, failures = [], 0
        for name in files:
            try:
                rows.extend(figure_rows(Path(name)))
            except DocumentError as error:
                failures += 1
                self.stderr.write(f"失败\t{name}\t{error}")
        getattr(self, f"write_{format}")(rows)
        if failures:
            raise CommandError(f"{failures} 个文件无法读取（见上）。")

    def write_jsonl(self, rows):
        for row in rows:
            self.stdout.write(json.dumps(row, ensure_ascii=False))

    def write_csv(self, rows):
        writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def write_table(self, rows):
        cells = [[title for _key, title in TABLE_COLUMNS]]
        for row in rows:
            shown = dict(
                row, sentence=row["sentence"][:SENTENCE_CHARS], value="" if row["value"] is None else row["value"]
            )
            cells.append(["" if shown[key] is None else str(shown[key]) for key, _title in TABLE_COLUMNS])
        widths = [max(display_width(line[i]) for line in cells) for i in range(len(TABLE_COLUMNS))]
        for line in cells:
            self.stdout.write("  ".join(pad(cell, width) for cell, width in zip(line, widths, strict=True)).rstrip())
        self.stdout.write(f"共 {len(rows)} 个")


def figure_rows(path: Path) -> list[dict]:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise DocumentError(f"文件太大，上限 {MAX_DOCUMENT_BYTES // 1024 // 1024} MB。")
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"无法读取文件：{error.strerror or error}") from None
    document = parse_document(path.name, data)
    return [{"file": path.name} | {key: figure.to_dict()[key] for key in FIELDS[1:]} for figure in document.figures]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
