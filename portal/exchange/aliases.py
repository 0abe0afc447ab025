"""Learning 原文指标 → 统计指标 from reviewers (MetricAlias), and the figures nobody has assigned yet.

When an experience page with figures is published, every row whose metric a person chose (it differs from
what the matcher proposes for that row now, or the matcher proposes nothing) becomes an alias of its
原文指标: later imports propose that metric for figures labelled the same way (portal.importer.metrics: aliases
win over the rules, the unit and role filters still apply). A later decision for the same wording replaces
an earlier one. Rows without 原文指标, placeholders and rows whose metric the matcher would propose anyway
teach nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from portal.importer.experience import metric_aliases, metric_terms
from portal.importer.figures import extract_figures
from portal.importer.metrics import normalise_label, propose_metric

from .models import ExperienceFigure, MetricAlias, MetricDefinition


def proposal_for(row: ExperienceFigure, terms, aliases) -> int | None:
    """The metric the matcher proposes for a saved row, read again from its source sentence (None if none)."""
    if not row.source_sentence:
        return None
    written = row.value_as_written
    for figure in extract_figures(row.source_sentence):
        same_value = written is not None and figure.value is not None and float(figure.value) == float(written)
        if figure.unit == row.unit and same_value:
            return propose_metric(figure, terms, aliases)
    return None


def learn_aliases(page) -> list[MetricAlias]:
    """Record the person-chosen metrics of the page's figure rows as aliases; returns those created or changed."""
    rows = [
        row
        for row in page.figures.select_related("metric").all()
        if row.metric_id and row.metric_text.strip() and row.status != ExperienceFigure.Status.PLACEHOLDER
    ]
    if not rows:
        return []
    terms = metric_terms(MetricDefinition.objects.all())
    aliases = metric_aliases()
    learnt = {}
    for row in rows:
        key = normalise_label(row.metric_text)
        if not key or proposal_for(row, terms, aliases) == row.metric_id:
            continue
        learnt[key] = row
    changed = []
    with transaction.atomic():
        for key, row in learnt.items():
            alias = MetricAlias.objects.filter(normalised=key[:100]).first()
            if alias is not None and alias.metric_id == row.metric_id:
                continue
            alias = alias or MetricAlias(text=row.metric_text[:100])
            alias.metric_id, alias.source_page_id = row.metric_id, page.pk
            alias.save()
            changed.append(alias)
    return changed


def record_aliases_on_publish(sender, instance, **kwargs):
    """page_published receiver for ExperiencePage (connected in ExchangeConfig.ready)."""
    learn_aliases(instance)


def unassigned_figures(period):
    """The figure rows of the period's current submissions that no metric is assigned to (placeholders excluded)."""
    from .aggregation import current_submissions

    return ExperienceFigure.objects.filter(
        Q(metric__isnull=True) & ~Q(status=ExperienceFigure.Status.PLACEHOLDER),
        page__in=current_submissions().filter(**period.lookups()),
    )


def unassigned_count(period) -> int:
    """How many figures of the period (current submissions) have no 统计指标 yet: one query."""
    return unassigned_figures(period).count()
