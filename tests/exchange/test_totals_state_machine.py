"""No sequence of import, re-import, edit, confirm, approve (publish), unpublish and superseding changes a total
except by the confirmed figures of current materials (hypothesis RuleBasedStateMachine).

The machine drives the importer and the pages as the admin does (import_file for 导入Word文档, attach_figures and a
revision for 从Word提取数字, revisions for edits and 全部确认, publish_blockers before a revision is published) and
keeps, by hand, what each material's draft and live version hold. After every step the dashboard's totals
(portal/exchange/aggregation.py) must equal the oracle: per metric, the sum (rates: the average) of the confirmed actual
figures of the live version of each township's current material, the one first published last."""

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from portal.core.models import OrgUnit
from portal.exchange import aggregation
from portal.exchange.models import ExperienceFigure, ExperiencePage
from portal.exchange.numbers import LOWER_BOUND_QUALIFIERS, format_number, multiplier_for
from portal.exchange.periods import Period
from portal.importer.documents import parse_document
from portal.importer.experience import attach_figures
from portal.importer.importing import import_file
from portal.workflow.guards import publish_blockers
from portal.workflow.templatetags.workflow_notices import superseded_notice
from tests.core.factories import OrgUnitFactory

from .factories import ExperienceIndexPageFactory, ExperienceTownshipPageFactory, publish

CONFIRMED, EXTRACTED = ExperienceFigure.Status.CONFIRMED, ExperienceFigure.Status.EXTRACTED
PERIODS = {"year": Period(2025), "h1": Period(2025, ExperiencePage.PeriodKind.FIRST_HALF)}
TOWNSHIPS = {"jia-yi": "一镇", "jia-er": "二镇"}

# How each kind of sentence is written, and the row the importer must make of it: (统计指标 or None, unit, 性质).
# 户均 amounts and targets get no metric, so they never count.
SENTENCES = {
    "materials": ("全镇发放宣传品{value}{qualifier}份。", ("宣传品", "份", "actual")),
    "funds": ("投入经费{value}万元。", ("投入经费", "万元", "actual")),
    "rate": ("政策知晓率达{value}%{qualifier}。", ("政策知晓率", "%", "actual")),
    "per_household": ("户均慰问金{value}元。", (None, "元", "actual")),
    "target": ("计划新建企业计生协会{value}个。", (None, "个", "target")),
}
QUALIFIERS = {"materials": "余", "rate": "以上"}
COUNTED_METRICS = ("宣传品", "投入经费", "政策知晓率")
AVERAGED = {"政策知晓率"}

HALVES = st.integers(1, 20_000).map(lambda n: Decimal(n) / 2)
PERCENT = st.integers(0, 200).map(lambda n: Decimal(n) / 2)


@dataclass(frozen=True)
class Row:
    metric: str | None
    written: Decimal
    unit: str
    qualifier: str
    role: str
    status: str
    sentence: str

    @property
    def key(self):
        """What makes two rows one figure when extracting again: sentence, value and unit."""
        return self.sentence, self.written * multiplier_for(self.unit), self.unit

    @property
    def place(self):
        return self.sentence, self.unit.removeprefix("万")

    @property
    def counts(self):
        return self.metric is not None and self.role == "actual" and self.status == CONFIRMED


def counted_once(rows):
    """The rows that count, each figure once: a material that states the same value of a metric again (with the same
    限定词) states one figure."""
    figures = {(row.metric, row.written * multiplier_for(row.unit), row.qualifier): row for row in rows if row.counts}
    return list(figures.values())


@dataclass
class Material:
    pk: int
    township: str
    draft_period: str  # the period of the latest revision
    figures: tuple
    text: str
    draft: list[Row]
    live: list[Row] | None = None
    is_live: bool = False
    first_published: int | None = None
    period: str | None = None  # the period of the live version


def figure(kind, value, lower):
    return kind, value, QUALIFIERS.get(kind, "") if lower else ""


DOCUMENT = st.dictionaries(
    st.sampled_from(list(SENTENCES)),
    st.tuples(st.booleans(), st.booleans()),  # (value drawn later, lower bound)
    min_size=1,
    max_size=len(SENTENCES),
).flatmap(
    lambda kinds: st.tuples(
        *[
            (PERCENT if kind == "rate" else HALVES).map(lambda v, k=kind, low=low: figure(k, v, low))
            for kind, (_, low) in kinds.items()
        ]
    )
)


def rendered(township, period, figures):
    """The material as a text file: a title line, then one sentence per line; and the rows it must become."""
    title = f"{TOWNSHIPS[township]}2025年{PERIODS[period].kind_label}计生协工作经验交流材料"
    lines, rows = [title], []
    for kind, value, qualifier in figures:
        template, (metric, unit, role) = SENTENCES[kind]
        sentence = template.format(value=format_number(value, 1, grouping=False), qualifier=qualifier)
        lines.append(sentence)
        rows.append(Row(metric, value, unit, qualifier, role, EXTRACTED, sentence))
    return "\n".join(lines) + "\n", rows


def merged(draft, rows):
    """attach_figures by hand: a row of the page that is a figure of the file stays as it is; confirmed rows the file
    lacks stay; other rows the file lacks go; the file's figures not on the page are added, to confirm, unless a
    confirmed row has the figure's sentence and unit (份 or 万份): a person corrected that figure's value."""
    wanted = [row.key for row in rows]
    kept, missing = [], []
    for row in draft:
        if row.key in wanted:
            wanted.remove(row.key)
            kept.append(row)
        elif row.status == CONFIRMED:
            kept.append(row)
            missing.append(row)
    added = []
    for row in rows:
        if row.key not in wanted:
            continue
        wanted.remove(row.key)
        corrected = next((old for old in missing if old.place == row.place), None)
        if corrected is None:
            added.append(row)
        else:
            missing.remove(corrected)
    return kept + added


def stored(rows):
    return [
        Row(
            row.metric.label if row.metric_id else None,
            Decimal(row.value_as_written).normalize(),
            row.unit,
            row.qualifier,
            row.role,
            row.status,
            row.source_sentence,
        )
        for row in rows
    ]


def normalised(rows):
    return [replace(row, written=row.written.normalize()) for row in rows]


class TotalsMachine(RuleBasedStateMachine):
    materials = Bundle("materials")

    def __init__(self, home):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        city = OrgUnitFactory(name="测试市", code="ceshi", level=OrgUnit.Level.CITY)
        county = OrgUnitFactory(
            parent=city, name="甲县计生协", short_name="甲县", code="jia", level=OrgUnit.Level.COUNTY
        )
        index = publish(ExperienceIndexPageFactory(parent=home, live=False))
        self.folders = {}
        for code, name in TOWNSHIPS.items():
            unit = OrgUnitFactory(
                parent=county, name=f"{name}计生协", short_name=name, code=code, level=OrgUnit.Level.TOWNSHIP
            )
            self.folders[code] = publish(ExperienceTownshipPageFactory(parent=index, orgunit=unit, live=False))
        self.all: list[Material] = []
        self.publications = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- Rules ------------------------------------------------------------------------------------------------------

    @rule(
        target=materials,
        township=st.sampled_from(list(TOWNSHIPS)),
        period=st.sampled_from(list(PERIODS)),
        figures=DOCUMENT,
    )
    def import_material(self, township, period, figures):
        """导入Word文档 into the township's folder for the period (a second one for the same period supersedes)."""
        return self._import(township, period, figures)

    @rule(target=materials, material=materials, figures=DOCUMENT)
    def supersede(self, material, figures):
        """A new material for the same township and period as an existing one."""
        return self._import(material.township, material.draft_period, figures)

    def _import(self, township, period, figures):
        text, rows = rendered(township, period, figures)
        year, kind = PERIODS[period].year, PERIODS[period].kind
        result = import_file(
            self.folders[township], "材料.txt", text.encode(), type_key="experience", period=(year, kind)
        )
        assert result.ok, result.error
        same = next((m for m in self.all if m.township == township and m.text == text), None)
        if same is not None:
            assert not result.created and result.page.pk == same.pk, "the same file imported twice into one folder"
            return multiple()
        assert result.created
        material = Material(result.page.pk, township, period, figures, text, rows)
        self.all.append(material)
        return material

    @rule(material=materials, again=st.sampled_from([True, True, False]), figures=DOCUMENT)
    def extract_again(self, material, again, figures):
        """从Word提取数字 on the material: its own file again, or a changed one."""
        text, rows = rendered(material.township, material.draft_period, material.figures if again else figures)
        if again:
            text = material.text  # as imported, whatever the period is now
        draft = self._draft(material)
        attach_figures(draft, parse_document("材料.txt", text.encode()).figures)
        draft.save_revision()
        material.draft = merged(material.draft, rows)

    @rule(material=materials, data=st.data())
    def edit_figure(self, material, data):
        """Change one row's value (and for 宣传品 maybe 份 ↔ 万份), and maybe tick it as checked, in 核对数字: a new
        draft revision."""
        if not material.draft:
            return
        number = data.draw(st.integers(0, len(material.draft) - 1))
        old = material.draft[number]
        value = data.draw(PERCENT if old.unit == "%" else HALVES)
        unit = data.draw(st.sampled_from(["份", "万份"])) if old.metric == "宣传品" else old.unit
        draft = self._draft(material)
        figures = list(draft.figures.all())
        figures[number].value_as_written, figures[number].unit = value, unit
        figures[number].clean()  # as the editor's form does
        status = CONFIRMED if data.draw(st.booleans()) else old.status
        figures[number].status = status
        draft.figures = figures
        draft.save_revision()
        material.draft[number] = replace(old, written=value, unit=unit, status=status)

    @rule(material=materials, data=st.data())
    def confirm(self, material, data):
        """核对数字: tick some rows, 全部确认."""
        if not material.draft:
            return
        ticked = data.draw(st.sets(st.integers(0, len(material.draft) - 1), min_size=1))
        draft = self._draft(material)
        figures = list(draft.figures.all())
        for number in ticked:
            figures[number].status = CONFIRMED
            material.draft[number] = replace(material.draft[number], status=CONFIRMED)
        draft.figures = figures
        draft.save_revision()

    @rule(material=materials)
    def approve(self, material):
        """The last review step: refused while a row is unconfirmed, else the latest revision is published."""
        page = ExperiencePage.objects.get(pk=material.pk)
        blockers = publish_blockers(page)
        unconfirmed = [row for row in material.draft if row.status != CONFIRMED]
        assert len(blockers) == len(unconfirmed), blockers
        if blockers:
            return
        page.get_latest_revision().publish()
        material.live, material.is_live, material.period = list(material.draft), True, material.draft_period
        if material.first_published is None:
            self.publications += 1
            material.first_published = self.publications

    @rule(material=materials, period=st.sampled_from(list(PERIODS)))
    def change_period(self, material, period):
        """The editor files the material under another period (a draft revision until it is published)."""
        draft = self._draft(material)
        draft.period_kind = PERIODS[period].kind
        draft.save_revision()
        material.draft_period = period

    @precondition(lambda self: any(material.is_live for material in self.all))
    @rule(data=st.data())
    def unpublish(self, data):
        material = data.draw(st.sampled_from([material for material in self.all if material.is_live]))
        ExperiencePage.objects.get(pk=material.pk).unpublish()
        material.is_live = False

    def _draft(self, material):
        return ExperiencePage.objects.get(pk=material.pk).get_latest_revision_as_object()

    # --- The oracle -------------------------------------------------------------------------------------------------

    def current(self, period):
        """Per township, the live material of the period first published last."""
        latest = {}
        for material in self.all:
            if material.is_live and material.period == period:
                best = latest.get(material.township)
                if best is None or material.first_published > best.first_published:
                    latest[material.township] = material
        return list(latest.values())

    @invariant()
    def drafts_hold_what_was_done(self):
        for material in self.all:
            draft = self._draft(material)
            assert stored(draft.figures.all()) == normalised(material.draft), material.pk
            assert draft.period_kind == PERIODS[material.draft_period].kind
            if material.live is not None:
                rows = ExperienceFigure.objects.filter(page_id=material.pk).select_related("metric")
                assert stored(rows) == normalised(material.live), material.pk

    @invariant()
    def the_replaced_material_is_announced(self):
        """Each material's notice names the current material of its township and (draft) period it would replace."""
        for material in self.all:
            others = [m for m in self.current(material.draft_period) if m.township == material.township]
            replaced = next((m for m in others if m is not material), None)
            if replaced is not None and material.first_published is not None:
                replaced = replaced if material.first_published > replaced.first_published else None
            notice = superseded_notice(ExperiencePage.objects.get(pk=material.pk))
            if replaced is None:
                assert notice == "", (material.pk, notice)
            else:
                title = ExperiencePage.objects.get(pk=replaced.pk).title
                assert f"将替换《{title}》在{PERIODS[material.draft_period].label}的数字" in notice, notice

    @invariant()
    def totals_are_the_confirmed_figures_of_current_materials(self):
        for name, period in PERIODS.items():
            materials = self.current(name)
            counted = [(material, row) for material in materials for row in counted_once(material.live)]
            expected = {}
            for label in COUNTED_METRICS:
                parts = [(material, row) for material, row in counted if row.metric == label]
                if not parts:
                    continue
                values = [row.written * multiplier_for(row.unit) for _material, row in parts]
                lower = any(row.qualifier in LOWER_BOUND_QUALIFIERS for _material, row in parts)
                total = sum(values) / len(values) if label in AVERAGED else sum(values)
                expected[label] = (total, "≥" if lower else "", len({material.township for material, _row in parts}))
            actual = {
                total.label: (total.cell.value, total.cell.sign, total.townships_reported)
                for total in aggregation.totals(period)
            }
            assert set(actual) == set(expected), (name, actual, expected)
            for label, (value, sign, townships) in expected.items():
                assert abs(actual[label][0] - value) < Decimal("0.0001"), (name, label, actual[label], value)
                assert actual[label][1:] == (sign, townships), (name, label)
            assert len(aggregation.figure_rows(period)) == len(counted)
            assert sorted(
                source
                for source in aggregation.current_submissions().filter(**period.lookups()).values_list("pk", flat=True)
            ) == sorted(m.pk for m in materials)


@pytest.mark.django_db
def test_totals_change_only_by_the_confirmed_figures_of_current_materials(home):
    run_state_machine_as_test(
        lambda: TotalsMachine(home),
        settings=settings(
            max_examples=8,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


@pytest.mark.django_db
def test_a_corrected_figure_is_not_counted_again_when_its_file_is_extracted_again(home):
    """696 corrected to 700 and confirmed; the same file extracted again must not bring 696 back as a second row
    (which 全选 + 全部确认 would then count: 1,396)."""
    machine = TotalsMachine(home)
    try:
        material = machine.import_material("jia-yi", "year", (("materials", Decimal(696), ""),))
        draft = machine._draft(material)
        (row,) = draft.figures.all()
        row.value_as_written, row.status = Decimal(700), CONFIRMED
        row.clean()  # as 核对数字's form does
        draft.figures = [row]
        draft.save_revision()
        material.draft = [replace(material.draft[0], written=Decimal(700), status=CONFIRMED)]
        machine.extract_again(material, again=True, figures=())
        machine.drafts_hold_what_was_done()
        machine.approve(material)
        (total,) = aggregation.totals(PERIODS["year"])
        assert (total.label, total.cell.value) == ("宣传品", 700)
        machine.totals_are_the_confirmed_figures_of_current_materials()
    finally:
        machine.teardown()
