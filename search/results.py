"""The public search page's results: matches, facets (type, year, township), sorting, snippets with highlights.

Query budget, whatever the number of matches: the search (at most MAX_HITS live, public pages, ranked among the
backend's candidates: search/backends/base.py; with their dates, units and policy validity: ROW_FIELDS), one for
the units and townships, one for the sections, and one for those of the ten pages shown that this process has not
read since the last publish (page_facts: their links and stored texts). Facets and sorting work on the in-memory
hit list. A query this process has answered since the last publish (matches) needs no query for its pages.
"""

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import F, IntegerField, Q
from django.db.models.functions import Coalesce, TruncDate
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal.core.models import OrgUnit
from portal.core.pages import BasePage
from portal.policies.models import ENDED, PolicyPage, Validity

from .memo import KeptUntilPublish
from .query import squeeze
from .snippets import SNIPPET_CHARS, highlight, page_text, terms_pattern

MAX_HITS = 500
RESULTS_PER_PAGE = 10
SORTS = {"relevance": "按相关度", "date": "按日期"}
FACETS = ("section", "type", "year", "township")
ENDED_DEMOTION = RESULTS_PER_PAGE
SECTION_DEPTH = 3  # the site root (home) is depth 2; its children are the sections (工作动态, 政策法规…)


class PageType(NamedTuple):
    key: str  # app_label.model, the type facet's key
    model: type | None  # None for a content type whose model is gone
    label: str


def page_type(content_type_id):
    """A content type's facet key, model and label: the hits ask for them 500 times per query."""
    content_type = ContentType.objects.get_for_id(content_type_id)  # cached per process (and cleared by Django)
    return described_type(content_type.app_label, content_type.model)


@functools.cache
def described_type(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)  # as ContentType.model_class()
    except LookupError:
        model = None
    return PageType(f"{app_label}.{model_name}", model, str(model._meta.verbose_name) if model else "页面")


def type_key(content_type_id):
    return page_type(content_type_id).key


class PageRow(NamedTuple):
    """What the hits need of a matched page, read with values_list (ROW_FIELDS): no Page objects for up to 500 hits."""

    pk: int
    content_type_id: int
    path: str
    depth: int
    date: object  # a BasePage's date, else the day it was first published (local time)
    orgunit: int | None  # a BasePage's OrgUnit id
    document_number: str | None  # a policy text's 发文字号
    validity: str | None  # a policy text's 有效性

    @property
    def ended(self):  # a policy text that is 已废止 or 失效
        return self.validity in ENDED


def dated_pages():
    """The reverse one-to-one names from Page to the tables of BasePage's concrete types (newspage, policypage…),
    which hold its date and OrgUnit."""
    return [
        model._meta.parents[Page].related_query_name()
        for model in apps.get_models()
        if issubclass(model, BasePage) and Page in model._meta.parents
    ]


def row_fields(dated):
    """ROW_FIELDS: Page columns and, through LEFT JOINs to the `dated` tables, the date, OrgUnit and a policy text's
    发文字号 and 有效性, in the query that ranks the matches."""
    date = Coalesce(*[F(f"{name}__date") for name in dated], TruncDate("first_published_at"))
    orgunit = Coalesce(*[F(f"{name}__orgunit") for name in dated], output_field=IntegerField())
    policy = PolicyPage._meta.parents[Page].related_query_name()
    return (
        "pk",
        "content_type_id",
        "path",
        "depth",
        date,
        orgunit,
        f"{policy}__document_number",
        f"{policy}__validity",
    )


ROW_FIELDS = row_fields(dated_pages())


@dataclass
class Hit:
    page: PageRow
    rank: int
    date: object = None
    orgunit: OrgUnit | None = None
    township: OrgUnit | None = None
    section: Page | None = None
    ended: bool = False  # a policy text that is 已废止 or 失效

    @cached_property
    def facet_keys(self):  # read once the hit is described (date, township and section are set)
        return {
            "section": str(self.section.pk) if self.section else "",
            "type": type_key(self.page.content_type_id),
            "year": str(self.date.year) if self.date else "",
            "township": self.township.code if self.township else "",
        }


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool
    url: str = ""


def find_hits(parsed):
    """Live, public pages matching all terms (and phrases); if none, those matching any term.
    Returns (pages, partial)."""
    hits = matching_rows(parsed.backend_query("and"))
    if not hits and len(parsed.terms) > 1:
        return containing_phrases(matching_rows(parsed.backend_query("or")), parsed), True
    return containing_phrases(hits, parsed), False


def matching_rows(query):
    """The best MAX_HITS live, public matches as PageRows, most relevant first. The database backends
    (search/backends) read them with values_list; another backend (Elasticsearch) returns pages, read again here."""
    pages = Page.objects.live().public()  # the search backends take plain filters only, not public_pages' subquery
    results = get_search_backend().search(query, pages)[:MAX_HITS]
    if hasattr(results, "rows"):
        return [PageRow(*row) for row in results.rows(ROW_FIELDS)]
    pks = [page.pk for page in results]
    rows = {row[0]: row for row in Page.objects.filter(pk__in=pks).values_list(*ROW_FIELDS)}
    return [PageRow(*rows[pk]) for pk in pks if pk in rows]


def containing_phrases(pages, parsed):
    """The pages whose own text has every quoted phrase, as typed (their texts: page_facts)."""
    if not parsed.phrases:
        return pages
    facts = page_facts([Hit(page=page, rank=0) for page in pages])
    return [
        page
        for page in pages
        if page.pk in facts
        and all(phrase in squeeze(facts[page.pk].title + facts[page.pk].text) for phrase in parsed.phrases)
    ]


def pks_by_model(hits):
    """The hits' page ids grouped by their specific page class (content types are cached per process)."""
    by_type = defaultdict(list)
    for hit in hits:
        by_type[hit.page.content_type_id].append(hit.page.pk)
    grouped = defaultdict(list)
    for content_type_id, pks in by_type.items():
        grouped[page_type(content_type_id).model] += pks
    return grouped


def describe_hits(pages):
    """Hits with date, OrgUnit, township and whether a policy text has ended (read with the rows: ROW_FIELDS), plus
    one query for the units and one for the sections."""
    hits = [Hit(page=page, rank=rank, date=page.date, ended=page.ended) for rank, page in enumerate(pages)]
    attach_units(hits, {page.pk: page.orgunit for page in pages})
    attach_sections(hits)
    return hits


_sections = KeptUntilPublish(size=10000)  # path → the section page (title, path), None if there is none
_units = KeptUntilPublish(size=20000)  # pk → OrgUnit, and TOWNSHIPS → {path: township}


def section_path(page):
    return page.path[: Page.steplen * SECTION_DEPTH] if page.depth >= SECTION_DEPTH else None


def attach_sections(hits):
    """Each hit's section: its ancestor (or itself) just below the site root, in one query for the sections this
    process has not read since the last publish."""
    sections = _sections.current()
    paths = {section_path(hit.page) for hit in hits} - {None} - sections.keys()
    if paths:
        found = {section.path: section for section in Page.objects.filter(path__in=paths).only("title", "path")}
        sections.update({path: found.get(path) for path in paths})
    for hit in hits:
        hit.section = sections.get(section_path(hit.page))


TOWNSHIPS = "townships"


def attach_units(hits, orgunit_ids):
    """Each hit's OrgUnit and township: one query for the units (and the townships) this process has not read since
    the last publish (OrgUnit is a snippet: saving one invalidates)."""
    ids = {unit_id for unit_id in orgunit_ids.values() if unit_id}
    if not ids:
        return
    units = _units.current()
    missing = ids - units.keys()
    if missing or TOWNSHIPS not in units:
        wanted = Q(pk__in=missing)
        if TOWNSHIPS not in units:
            wanted |= Q(level=OrgUnit.Level.TOWNSHIP)
        rows = list(OrgUnit.objects.filter(wanted))
        units.update({unit.pk: unit for unit in rows})
        if TOWNSHIPS not in units:
            units[TOWNSHIPS] = {unit.path: unit for unit in rows if unit.level == OrgUnit.Level.TOWNSHIP}
    townships = units[TOWNSHIPS]
    for hit in hits:
        hit.orgunit = units.get(orgunit_ids.get(hit.page.pk))
        if hit.orgunit:
            hit.township = township_of(hit.orgunit, townships)


def township_of(unit, townships_by_path):
    """The township whose materialised path is a prefix of the unit's (treebeard MP paths)."""
    steplen = OrgUnit.steplen
    for length in range(steplen, len(unit.path) + 1, steplen):
        township = townships_by_path.get(unit.path[:length])
        if township:
            return township
    return None


def facet_values(hits, name, selected, labels):
    """Counts for one facet over the hits that match the other selected facets (so choices stay reachable)."""
    others = [(key, value) for key, value in selected.items() if key != name and value]
    keys = [hit.facet_keys for hit in hits]
    if others:
        keys = [facet_keys for facet_keys in keys if all(facet_keys[k] == v for k, v in others)]
    counts = Counter(facet_keys[name] for facet_keys in keys)
    counts.pop("", None)
    values = [FacetValue(key, labels[key], count, selected.get(name) == key) for key, count in counts.items()]
    if name == "year":
        return sorted(values, key=lambda value: value.key, reverse=True)
    return sorted(values, key=lambda value: (-value.count, value.label))


def facet_labels(hits):
    labels = {name: {} for name in FACETS}
    for hit in hits:
        if hit.section:
            labels["section"][str(hit.section.pk)] = hit.section.title
        kind = page_type(hit.page.content_type_id)
        labels["type"][kind.key] = kind.label
        if hit.date:
            labels["year"][str(hit.date.year)] = f"{hit.date.year}年"
        if hit.township:
            labels["township"][hit.township.code] = hit.township.label
    return labels


def select(hits, selected, sort, dates=(None, None)):
    """The hits with the selected facet values and in the date range (inclusive), in the order asked for."""
    first, last = dates
    chosen = [
        hit
        for hit in hits
        if all(hit.facet_keys[k] == v for k, v in selected.items() if v)
        and (first is None or (hit.date and hit.date >= first))
        and (last is None or (hit.date and hit.date <= last))
    ]
    if sort == "date":
        chosen.sort(key=lambda hit: (hit.date is not None, hit.date or 0, -hit.rank), reverse=True)
    else:  # a text no longer in force goes one results page down, below the texts that replaced it
        chosen.sort(key=lambda hit: hit.rank + (ENDED_DEMOTION if hit.ended else 0))
    return chosen


def specific_pages(hits):
    """(hit, specific page) for each hit, as Wagtail's `Page.objects.filter(pk__in=…).specific()` finds them, minus
    its first query: the hits already know their content types, so one query per page type."""
    by_model = pks_by_model(hits)
    pages = {page.pk: page for model, pks in by_model.items() if model for page in model.objects.filter(pk__in=pks)}
    return [(hit, pages[hit.page.pk]) for hit in hits if hit.page.pk in pages]


class PageFacts(NamedTuple):
    """What a result shows of its page besides the hit: read once per page and publish (page_facts)."""

    title: str
    text: str
    type_label: str
    link: Page  # the plain Page a result links to


@functools.cache
def page_columns():
    return [field.attname for field in Page._meta.concrete_fields]


def plain_page(page):
    """A specific page as the plain Page that Page.objects reads, from its own Page columns: no query."""
    names = page_columns()
    return Page.from_db(page._state.db, names, [getattr(page, name) for name in names])


_facts = KeptUntilPublish(size=5000)


def page_facts(hits):
    """pk → PageFacts of the hits, for the pages this process has not read since the last publish: one query for
    their Page rows and the texts stored when they were indexed (search.models.PageText). A page indexed without one
    (by another backend, or before there were stored texts) has its StreamField walked as the indexer would."""
    facts = _facts.current()
    wanted = {hit.page.pk for hit in hits} - facts.keys()
    if not wanted:
        return facts
    for page in Page.objects.filter(pk__in=wanted).annotate(stored_text=F("search_text__text")):
        if page.stored_text is not None:
            facts[page.pk] = PageFacts(page.title, page.stored_text, page_type(page.content_type_id).label, page)
    unstored = [hit for hit in hits if hit.page.pk in wanted - facts.keys()]
    for _hit, page in specific_pages(unstored):
        facts[page.pk] = PageFacts(page.title, page_text(page), str(page._meta.verbose_name), plain_page(page))
    return facts


@dataclass
class Result:
    page: Page
    type_label: str
    section: str
    date: object
    township: OrgUnit | None
    title_html: str
    snippet_html: str
    document_number: str = ""
    validity: str = ""  # only when a policy is no longer plainly valid (已修改, 已废止, 失效)


def build_results(hits, terms):
    """The results shown, from page_facts (their links too)."""
    pattern = terms_pattern(terms)
    facts = page_facts(hits)
    results = []
    for hit in hits:
        if hit.page.pk not in facts:
            continue
        fact = facts[hit.page.pk]
        page = fact.link
        results.append(
            Result(
                page=page,
                type_label=fact.type_label,
                section=hit.section.title if hit.section else "",
                date=hit.date,
                township=hit.township,
                title_html=highlight(page.title, pattern),
                snippet_html=highlight(fact.text, pattern, SNIPPET_CHARS) if fact.text else "",
                document_number=hit.page.document_number or "",
                validity="" if hit.page.validity in (None, "", Validity.有效) else hit.page.validity,
            )
        )
    return results


class Matches(NamedTuple):
    hits: list  # of Hit, most relevant first
    labels: dict  # facet → key → label
    partial: bool  # no page has all the terms: these have some
    truncated: bool  # more pages match than MAX_HITS


_matches = KeptUntilPublish(size=50)  # ~1 kB a hit (measured), up to 500 hits a query: at most ~25 MB per worker


def query_key(parsed):
    return tuple((term.word, *term.alternatives) for term in parsed.terms), tuple(parsed.phrases)


def matches(parsed):
    """The query's described hits and their facet labels. The same query finds the same pages until something is
    published, so this process keeps them (search/memo.py) for the next visitor, page, sort or filter."""

    def compute():
        pages, partial = find_hits(parsed)
        hits = describe_hits(pages)
        return Matches(hits, facet_labels(hits), partial, len(pages) >= MAX_HITS)

    return _matches.get(query_key(parsed), compute)


def run_search(parsed, selected, sort, page_number, per_page=RESULTS_PER_PAGE, dates=(None, None)):
    """Everything the results part of the search page (and its JSON) shows."""
    hits, labels, partial, truncated = matches(parsed)
    in_range = select(hits, {}, sort, dates)
    chosen = select(in_range, selected, sort)
    paginated = Paginator(chosen, per_page).get_page(page_number)
    return {
        "partial_match": partial,
        "total": len(chosen),
        "truncated": truncated,
        "page_obj": paginated,
        "results": build_results(paginated.object_list, parsed.words),
        "facets": {name: facet_values(in_range, name, selected, labels[name]) for name in FACETS},
    }
