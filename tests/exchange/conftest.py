from dataclasses import dataclass

import pytest

from portal.core.models import OrgUnit
from portal.exchange.models import MetricDefinition
from tests.core.factories import OrgUnitFactory

from .factories import (
    ExperienceIndexPageFactory,
    ExperiencePageFactory,
    ExperienceTownshipPageFactory,
    MetricDefinitionFactory,
    publish,
)


@dataclass
class World:
    """City → 甲县 (一镇, 二镇) and 乙县 (三镇), the dashboard, a folder per township and three metrics."""

    index: object
    units: dict
    folders: dict
    materials: MetricDefinition
    funds: MetricDefinition
    rate: MetricDefinition

    def submit(self, code, figures, *, year=2025, kind="year", live=True, **fields):
        page = ExperiencePageFactory(
            parent=self.folders[code], year=year, period_kind=kind, live=False, figures=figures, **fields
        )
        return publish(page) if live else page

    def submit_for(self, period, code, figures, *, live=True):
        """A submission for a Period (year, half-year or custom range)."""
        dates = {"period_start": period.start, "period_end": period.end} if period.is_custom else {}
        return self.submit(code, figures, year=period.year, kind=period.kind, live=live, **dates)


def make_world(home):
    city = OrgUnitFactory(name="测试市", code="ceshi", level=OrgUnit.Level.CITY)
    jia = OrgUnitFactory(parent=city, name="甲县计生协", short_name="甲县", code="jia", level=OrgUnit.Level.COUNTY)
    yi = OrgUnitFactory(parent=city, name="乙县计生协", short_name="乙县", code="yi", level=OrgUnit.Level.COUNTY)
    units = {"jia": jia, "yi": yi}
    for parent, code, name in ((jia, "jia-yi", "一镇"), (jia, "jia-er", "二镇"), (yi, "yi-san", "三镇")):
        units[code] = OrgUnitFactory(
            parent=parent, name=f"{name}计生协", short_name=name, code=code, level=OrgUnit.Level.TOWNSHIP
        )
    units["village"] = OrgUnitFactory(
        parent=units["jia-yi"], name="桃源村计生协会", short_name="桃源村", code="taoyuan", level=OrgUnit.Level.VILLAGE
    )
    index = publish(ExperienceIndexPageFactory(parent=home, live=False))
    folders = {
        code: publish(ExperienceTownshipPageFactory(parent=index, orgunit=units[code], live=False))
        for code in ("jia-yi", "jia-er", "yi-san")
    }
    return World(
        index=index,
        units=units,
        folders=folders,
        materials=MetricDefinitionFactory(label="宣传品发放", canonical_unit="份", allowed_units="份、万份"),
        funds=MetricDefinitionFactory(
            label="经费", family=MetricDefinition.Family.FUNDS, canonical_unit="元", allowed_units="元、万元"
        ),
        rate=MetricDefinitionFactory(
            label="知晓率",
            family=MetricDefinition.Family.RATES,
            canonical_unit="%",
            allowed_units="%",
            aggregation=MetricDefinition.Aggregation.AVERAGE,
        ),
    )


@pytest.fixture
def world(home):
    return make_world(home)
