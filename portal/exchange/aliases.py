"""Learning 原文指标 → 统计指标 from reviewers (MetricAlias), and the figures nobody has assigned yet.

When an experience page with figures is published, every row whose metric a person chose (it differs from
what the matcher proposes for that row now, or the matcher proposes nothing) becomes an alias of its
原文指标: later imports propose that metric for figures labelled the same way (portal.importer.metrics: aliases
win over the rules, the unit and role filters still apply). A later decision for the same wording replaces
an earlier one. Rows without 原文指标, placeholders and rows whose metric the matcher would propose anyway
teach nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

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
        if row.metric_id
        and row.metric_text.strip()
        and row.status != ExperienceFigure.Status.PLACEHOLDER
        and row.role != ExperienceFigure.Role.EARLIER
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


def awaiting_metric():
    """Figure rows that want a metric: none assigned, and neither a placeholder nor the earlier value of a change."""
    return (
        ExperienceFigure.objects.filter(metric__isnull=True)
        .exclude(status=ExperienceFigure.Status.PLACEHOLDER)
        .exclude(role=ExperienceFigure.Role.EARLIER)
    )


def unassigned_figures(period):
    """The figure rows of the period's current submissions that want a metric."""
    from .aggregation import current_submissions

    return awaiting_metric().filter(page__in=current_submissions().filter(**period.lookups()))


def unassigned_count(period) -> int:
    """How many figures of the period (current submissions) have no 统计指标 yet: one query."""
    return unassigned_figures(period).count()


# --------------------------------------------------------------------------------------------------
# 未归类数字: figures without a metric, grouped by their 原文指标, and assigning a group
# --------------------------------------------------------------------------------------------------


@dataclass
class UnassignedGroup:
    key: str  # the normalised 原文指标
    label: str  # its most frequent written form
    count: int
    pages: int
    units: list[str]
    example: str


def unassigned_groups(limit: int = 500) -> list[UnassignedGroup]:
    """Figure rows of all submissions that no metric is assigned to, grouped by 原文指标, largest groups first."""
    rows = awaiting_metric().exclude(metric_text="").values_list("metric_text", "unit", "page_id", "source_sentence")
    groups: dict[str, dict] = {}
    for text, unit, page_id, sentence in rows.iterator():
        key = normalise_label(text)
        if not key:
            continue
        group = groups.setdefault(key, {"labels": Counter(), "units": Counter(), "pages": set(), "example": ""})
        group["labels"][text] += 1
        group["units"][unit] += 1
        group["pages"].add(page_id)
        group["example"] = group["example"] or sentence
    found = [
        UnassignedGroup(
            key,
            group["labels"].most_common(1)[0][0],
            sum(group["labels"].values()),
            len(group["pages"]),
            [unit for unit, _count in group["units"].most_common()],
            group["example"],
        )
        for key, group in groups.items()
    ]
    found.sort(key=lambda group: (-group.count, group.label))
    return found[:limit]


@dataclass
class Assigned:
    rows: int = 0
    published: list = field(default_factory=list)  # pages whose new revision was published
    drafted: list = field(default_factory=list)  # pages left with the change in a new draft revision
    skipped_units: int = 0  # rows whose unit the metric does not allow
    locked: list = field(default_factory=list)


def assign_group(key: str, metric: MetricDefinition, user) -> Assigned:
    """Give every unassigned figure labelled ``key`` the metric, one new revision per page so history shows it.

    A page that is live and had no unpublished changes gets that revision published (its figures count at
    once, nothing else changes). A page with a pending draft, or not live, keeps the change in a new draft
    revision built on its latest one: publishing it is the editor's or the workflow's decision. Locked pages
    are left alone. The 原文指标 also becomes an alias, so later imports propose the metric."""
    from .models import ExperiencePage

    result = Assigned()
    units = set(metric.unit_list)
    page_ids = {
        page_id
        for text, page_id in awaiting_metric().values_list("metric_text", "page_id")
        if normalise_label(text) == key
    }
    for page in ExperiencePage.objects.filter(pk__in=page_ids).order_by("pk"):
        if page.locked:
            result.locked.append(page)
            continue
        had_draft = page.has_unpublished_changes
        latest = page.get_latest_revision_as_object()
        changed = 0
        rows = list(latest.figures.all())  # the revision's rows: change them, then hand the list back
        for row in rows:
            if row.metric_id is not None or normalise_label(row.metric_text) != key:
                continue
            if row.status == ExperienceFigure.Status.PLACEHOLDER or row.role == ExperienceFigure.Role.EARLIER:
                continue
            if row.unit not in units:
                result.skipped_units += 1
                continue
            row.metric = metric
            changed += 1
        if not changed:
            continue
        latest.figures = rows
        with transaction.atomic():
            revision = latest.save_revision(user=user, log_action=True)
            if page.live and not had_draft:
                revision.publish(user=user)
                result.published.append(page)
            else:
                result.drafted.append(page)
        result.rows += changed
    if result.rows:
        text = unassigned_label(key)
        alias = MetricAlias.objects.filter(normalised=key[:100]).first() or MetricAlias(text=text[:100])
        alias.metric = metric
        alias.save()
    return result


def unassigned_label(key: str) -> str:
    """The written form of a group's label (the most frequent one)."""
    texts = Counter(
        text
        for text in ExperienceFigure.objects.filter(metric_text__isnull=False).values_list("metric_text", flat=True)
        if normalise_label(text) == key
    )
    return texts.most_common(1)[0][0] if texts else key


def may_assign(user) -> bool:
    """City administrators (who may add and change 统计指标) see the report and assign groups."""
    if not user.is_active:
        return False
    return user.is_superuser or (
        user.has_perm("exchange.add_metricdefinition") and user.has_perm("exchange.change_metricdefinition")
    )
