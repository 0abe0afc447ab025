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

from portal.exchange.numbers import base_unit

from .figures import Figure
from .metrics import MetricTerms, normalise_label, propose_metric
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
    since a row the editor cannot save would help nobody)."""
    figure_model, metric_model = _models()
    metrics = {metric.pk: metric for metric in metric_model.objects.all()}
    terms = metric_terms(metrics.values())
    aliases = metric_aliases() if figures else {}
    rows = []
    for figure in figures:
        row = figure_model(
            metric=metrics.get(propose_metric(figure, terms, aliases)),
            metric_text=figure.metric[:100],
            value_as_written=_decimal(figure.value),
            value_max_as_written=_decimal(figure.value_max),
            unit=figure.unit[:12],
            qualifier=figure.qualifier,
            role=figure.role,
            source_sentence=figure.sentence,
            status=figure_model.Status.PLACEHOLDER if figure.placeholder else figure_model.Status.EXTRACTED,
        )
        row.derive_values()
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
    for row in rows:
        if not _take(unmatched, _same_figure(row)):
            continue
        corrected = next((old for old in merge.confirmed_missing if _same_place(old) == _same_place(row)), None)
        if corrected is None:
            added.append(row)
        else:  # the sentence is the file's own, so only a person changed the value: the figure is on the page
            merge.confirmed_missing.remove(corrected)
    setattr(page, relation, kept + added)
    merge.added, merge.kept = len(added), len(kept)
    return merge


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
