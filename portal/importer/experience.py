"""Figures of an experience material (经验交流材料) → ExperienceFigure rows for the editor to confirm.

Every extracted figure becomes a row with status "extracted" and its source sentence; a placeholder
(XX个, 余万元) becomes a "placeholder" row, which keeps the page from being published until it is fixed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.apps import apps

from .figures import Figure
from .metrics import MetricTerms, match_metric

SYNONYM_SPLIT_RE = re.compile(r"[,，、;；/\s]+")


def _models():
    return apps.get_model("exchange", "ExperienceFigure"), apps.get_model("exchange", "MetricDefinition")


def metric_terms(metric_model) -> list[MetricTerms]:
    terms = []
    for metric in metric_model.objects.all():
        synonyms = (
            metric.synonyms
            if isinstance(metric.synonyms, list | tuple)
            else SYNONYM_SPLIT_RE.split(metric.synonyms or "")
        )
        terms.append(MetricTerms(metric.pk, (metric.label, *synonyms)))
    return terms


def figure_rows(figures: list[Figure]) -> list:
    """Unsaved ExperienceFigure rows, values multiplied out (4300万元 → 43000000, multiplier 10000)."""
    figure_model, metric_model = _models()
    terms = metric_terms(metric_model)
    metrics = metric_model.objects.in_bulk([term.key for term in terms])
    rows = []
    for figure in figures:
        metric_key = match_metric(figure, terms)
        rows.append(
            figure_model(
                metric=metrics.get(metric_key),
                metric_text=figure.metric[:100],
                value=_multiplied(figure.value, figure.multiplier),
                value_max=_multiplied(figure.value_max, figure.multiplier),
                unit=figure.unit,
                multiplier=figure.multiplier,
                qualifier=figure.qualifier,
                role=figure.role,
                source_sentence=figure.sentence,
                status="placeholder" if figure.placeholder else "extracted",
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
