"""Figures of an experience material (经验交流材料) → ExperienceFigure rows for the editor to confirm.

Every extracted figure becomes a row with status "extracted" and its source sentence; a placeholder
(XX个, 余万元) becomes a "placeholder" row, which keeps the page from being published until it is fixed.
Extracting again merges: figures already on the page are not added twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps

from portal.exchange.numbers import Role, base_unit

from .figures import Figure
from .metrics import MetricTerms, is_earlier_value, normalise_label, propose_metric
from .parsed import DocumentError

# Figures one import may turn into rows. The largest real material (seed 004, a 合集 of 141 paragraphs) has 84, the
# others 11–56; 10,000 rows made the 核对数字 screen time out and the page editor take 21 s.
MAX_FIGURES = 400


def _models():
    return apps.get_model("exchange", "ExperienceFigure"), apps.get_model("exchange", "MetricDefinition")


def metric_terms(metrics) -> list[MetricTerms]:
    """The matcher's view of MetricDefinition rows (in their display order, which breaks ties)."""
    return [
        MetricTerms(
            metric.pk,
            (metric.label, *metric.synonym_list),
            tuple(metric.unit_list),
            metric.family,
            metric.canonical_unit,
        )
        for metric in metrics
    ]


def metric_aliases() -> dict[str, int]:
    """原文指标 → metric id, as reviewers assigned them (portal.exchange.aliases); empty before that app has them."""
    try:
        alias_model = apps.get_model("exchange", "MetricAlias")
    except LookupError:
        return {}
    return {normalise_label(text): metric_id for text, metric_id in alias_model.objects.values_list("text", "metric")}


def check_figure_count(figures: list[Figure]) -> None:
    """Refuse, before anything is stored, a material with more figures than rows one import may create."""
    if len(figures) > MAX_FIGURES:
        raise DocumentError(
            f"材料中找到 {len(figures):,} 个数字，超过一次导入的上限 {MAX_FIGURES:,} 个，没有导入。"
            "一份经验交流材料通常只有几十个数字：请确认选的是材料本身（不是统计表或汇编），"
            "或把材料拆分成几个文件分别导入。"
        )


def figure_rows(figures: list[Figure]) -> list:
    """Unsaved ExperienceFigure rows holding each figure as written (4300万元 → 4300 and 万元) and its value in the
    base unit derived from that (43000000). Each row gets the proposed metric
    (portal.importer.metrics: aliases first, then the rules; only a metric that accepts the figure's unit,
    since a row the editor cannot save would help nobody). A part of a 其中 breakdown (Figure.part_of) points at its
    total's row (part_of, 1-based, for these rows in this order) and never gets its total's metric: the total
    already counts it (发放宣传品3000份,其中宣传折页1000份 is 3000 份 of 宣传品, not 4000). The earlier value of a
    change is stored as 变化前 (Role.EARLIER), which no total takes, and gets no metric."""
    figure_model, metric_model = _models()
    metrics = {metric.pk: metric for metric in metric_model.objects.all()}
    terms = metric_terms(metrics.values())
    aliases = metric_aliases() if figures else {}
    rows = []
    for figure in figures:
        total = rows[figure.part_of] if figure.part_of is not None and figure.part_of < len(rows) else None
        metric = metrics.get(propose_metric(figure, terms, aliases))
        if total is not None and metric is not None and total.metric_id == metric.pk:
            metric = None
        row = figure_model(
            metric=metric,
            metric_text=figure.metric[:100],
            value_as_written=_decimal(figure.value),
            value_max_as_written=_decimal(figure.value_max),
            unit=figure.unit[:12],
            qualifier=figure.qualifier,
            role=Role.EARLIER if is_earlier_value(figure) else figure.role,
            source_sentence=figure.sentence,
            status=figure_model.Status.PLACEHOLDER if figure.placeholder else figure_model.Status.EXTRACTED,
            part_of=figure.part_of + 1 if total is not None else None,
        )
        row.derive_values()
        row.total_row = total  # which row part_of means, for attach_figures (the page's row numbers differ)
        rows.append(row)
    return rows


def _decimal(number):
    """12.5 → Decimal("12.5"), exactly as extracted (not the binary float's digits)."""
    return None if number is None else Decimal(str(number))


@dataclass
class FigureMerge:
    """What extracting a document did to a page's rows."""

    added: int = 0
    kept: int = 0
    removed: int = 0
    confirmed_missing: list = field(default_factory=list)  # confirmed rows the document no longer has, kept


def attach_figures(page, figures: list[Figure]) -> FigureMerge:
    """Merge a document's figures into the rows of the (unsaved or revision) page object; saving the page or a revision
    stores them. Extracting the same material again must not count a figure twice, so a row with the same sentence,
    value and unit as a figure *is* that figure: it stays as it is (status, chosen metric, edits) and gets no copy.
    Figures not on the page yet become rows to confirm, except one whose sentence and unit are a confirmed row's:
    a person corrected its value. Rows extracted earlier and never confirmed go when the document
    no longer has them; confirmed rows are someone's checked work and stay, reported in `confirmed_missing`."""
    figure_model, _metric_model = _models()
    relation = figure_model._meta.get_field("page").remote_field.related_name
    existing = list(getattr(page, relation).all())
    rows = figure_rows(figures)
    unmatched = Counter(_same_figure(row) for row in rows)
    merge = FigureMerge()
    kept = []
    for row in existing:
        if _take(unmatched, _same_figure(row)):
            kept.append(row)
        elif row.status == figure_model.Status.CONFIRMED:
            kept.append(row)
            merge.confirmed_missing.append(row)
        else:
            merge.removed += 1
    added = []
    on_page = {}  # id of a row of the file → the page's row that is that figure
    for row in rows:
        if not _take(unmatched, _same_figure(row)):
            continue
        corrected = next((old for old in merge.confirmed_missing if _same_place(old) == _same_place(row)), None)
        if corrected is None:
            added.append(row)
            on_page[id(row)] = row
        else:  # the sentence is the file's own, so only a person changed the value: the figure is on the page
            merge.confirmed_missing.remove(corrected)
            on_page[id(row)] = corrected
    final = kept + added
    for order, row in enumerate(final):  # the editor shows rows by sort_order: kept ones have theirs, added ones none
        row.sort_order = order
    _renumber_parts(existing, kept, added, final, rows, on_page)
    setattr(page, relation, final)
    merge.added, merge.kept = len(added), len(kept)
    return merge


def _renumber_parts(existing, kept, added, final, rows, on_page) -> None:
    """part_of numbers rows in display order, and the merge changes that order: a kept row keeps pointing at the
    same total (or at none when that row went), an added part points at its total wherever that row now is."""
    position = {id(row): number for number, row in enumerate(final, start=1)}
    for row in kept:
        if row.part_of is not None:
            total = existing[row.part_of - 1] if 0 < row.part_of <= len(existing) else None
            row.part_of = position.get(id(total)) if total is not None else None
    kept_for = _kept_rows_by_figure(kept, rows, on_page)
    for row in added:
        total = getattr(row, "total_row", None)
        if total is None:
            continue
        page_total = on_page.get(id(total)) or kept_for.get(id(total))
        is_part = page_total is not None and page_total.part_of is not None
        row.part_of = None if page_total is None or is_part else position[id(page_total)]


def _kept_rows_by_figure(kept, rows, on_page) -> dict:
    """id of a row of the file that was already on the page → that page row (the same sentence, value and unit)."""
    found, taken = {}, set()
    for row in rows:
        if id(row) in on_page:
            continue
        match = next((old for old in kept if id(old) not in taken and _same_figure(old) == _same_figure(row)), None)
        if match is not None:
            taken.add(id(match))
            found[id(row)] = match
    return found


def _same_figure(row) -> tuple:
    """Rows with this key are one figure of the material: the same sentence, value and unit (as written)."""
    return row.source_sentence, row.value_as_written, row.unit


def _same_place(row) -> tuple:
    """A confirmed row and a figure of the file with the same sentence and unit (份 and 万份 alike) but another value:
    the figure, as a person corrected it (adding the file's value again would count it twice)."""
    return row.source_sentence, base_unit(row.unit)


def _take(counter: Counter, key) -> bool:
    """Use up one of `key` in `counter`; False if none is left."""
    if counter[key] <= 0:
        return False
    counter[key] -= 1
    return True
