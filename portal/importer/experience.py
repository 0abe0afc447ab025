"""Figures of an experience material (经验交流材料) → ExperienceFigure rows for the editor to confirm.

Every extracted figure becomes a row with status "extracted" and its source sentence; a placeholder
(XX个, 余万元) becomes a "placeholder" row, which keeps the page from being published until it is fixed.
"""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps

from .figures import Figure
from .metrics import MetricTerms, normalise_label, propose_metric


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


def figure_rows(figures: list[Figure]) -> list:
    """Unsaved ExperienceFigure rows carrying the multiplied-out value (4300万元 → 43000000 with unit 万元);
    the exchange model derives the written value and the multiplier from them. Each row gets the proposed metric
    (portal.importer.metrics: aliases first, then the rules; only a metric that accepts the figure's unit,
    since a row the editor cannot save would help nobody)."""
    figure_model, metric_model = _models()
    metrics = {metric.pk: metric for metric in metric_model.objects.all()}
    terms = metric_terms(metrics.values())
    aliases = metric_aliases() if figures else {}
    rows = []
    for figure in figures:
        rows.append(
            figure_model(
                metric=metrics.get(propose_metric(figure, terms, aliases)),
                metric_text=figure.metric[:100],
                value=_multiplied(figure.value, figure.multiplier),
                value_max=_multiplied(figure.value_max, figure.multiplier),
                unit=figure.unit[:12],
                qualifier=figure.qualifier,
                role=figure.role,
                source_sentence=figure.sentence,
                status=figure_model.Status.PLACEHOLDER if figure.placeholder else figure_model.Status.EXTRACTED,
            )
        )
    return rows


def _multiplied(value, multiplier: int):
    return None if value is None else Decimal(str(value)) * multiplier


def attach_figures(page, figures: list[Figure], *, append: bool = False) -> int:
    """Put the rows on the (unsaved or revision) page object; saving the page or a revision stores them."""
    figure_model, _metric_model = _models()
    relation = figure_model._meta.get_field("page").remote_field.related_name
    rows = figure_rows(figures)
    existing = list(getattr(page, relation).all()) if append else []
    setattr(page, relation, existing + rows)
    return len(rows)
