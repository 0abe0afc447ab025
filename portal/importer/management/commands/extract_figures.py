import csv
import json
import os
import sys
import unicodedata
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from portal.importer.documents import MAX_DOCUMENT_BYTES, DocumentError, parse_document
from portal.importer.experience import metric_aliases, metric_terms
from portal.importer.metrics import propose_metric

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
        "jsonl 每行另有 metric_definition：建议的统计指标名称（数据库里的指标），没有则为 null。"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=".docx、.txt 或 .md 文件")
        parser.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl", help="输出格式")

    def handle(self, *args, files, format, **options):
        rows, failures = [], 0
        propose = self.proposer() if format == "jsonl" else None
        for name in files:
            try:
                rows.extend(figure_rows(Path(name), propose))
            except DocumentError as error:
                failures += 1
                self.stderr.write(f"失败\t{name}\t{error}")
        try:
            getattr(self, f"write_{format}")(rows)
            self.stdout.flush()
        except BrokenPipeError:
            # The reader went away (… | head): stop quietly, and keep the interpreter's final flush from failing too.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return
        if failures:
            raise CommandError(f"{failures} 个文件无法读取（见上）。")

    def proposer(self):
        """figure → label of the proposed MetricDefinition, or None (all None when the database has no metrics).
        The vocabulary is read on the first figure, so a run without figures needs no database."""
        loaded = {}

        def propose(figure):
            if not loaded:
                loaded.update(self.vocabulary())
            if loaded["terms"] is None:
                return None
            return loaded["labels"].get(propose_metric(figure, loaded["terms"], loaded["aliases"]))

        return propose

    def vocabulary(self) -> dict:
        metric_model = apps.get_model("exchange", "MetricDefinition")
        try:
            metrics = list(metric_model.objects.all())
            return {
                "labels": {m.pk: m.label for m in metrics},
                "terms": metric_terms(metrics),
                "aliases": metric_aliases(),
            }
        except DatabaseError as error:
            self.stderr.write(f"无法读取统计指标（{error}），metric_definition 均为 null。")
            return {"labels": {}, "terms": None, "aliases": {}}

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


def figure_rows(path: Path, propose=None) -> list[dict]:
    """One dict per figure of the file (FIELDS; with ``propose``, also metric_definition)."""
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise DocumentError(f"文件太大，上限 {MAX_DOCUMENT_BYTES // 1024 // 1024} MB。")
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"无法读取文件：{error.strerror or error}") from None
    document = parse_document(path.name, data)
    rows = []
    for figure in document.figures:
        row = {"file": path.name} | {key: figure.to_dict()[key] for key in FIELDS[1:]}
        if propose is not None:
            row["metric_definition"] = propose(figure)
        rows.append(row)
    return rows


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
