"""示范村 (villages.toml): one page per village OrgUnit, slugged by its code."""

from decimal import Decimal

from portal.core.models import OrgUnit
from portal.villages.models import VillageFacility, VillageFigure, VillageHonour, VillageImage
from tests.core.factories import paragraphs
from tests.villages.factories import ModelVillagePageFactory, VillageIndexPageFactory

from .build import demo_image, publish_child, read


def load_villages(home):
    data = read("villages")
    index = publish_child(VillageIndexPageFactory, home, **data["index"])
    units = OrgUnit.objects.in_bulk([item["unit"] for item in data["items"]], field_name="code")
    for item in data["items"]:
        if item["unit"] in units:
            publish_child(ModelVillagePageFactory, index, **village(item, units[item["unit"]], data["gallery"]))
    return index


def village(item, unit, gallery):
    year = item["figure_year"]
    return {
        "title": item["title"],
        "slug": unit.code,
        "date": item["date"],
        "orgunit": unit,
        "summary": item["summary"],
        "location": item["location"],
        "distance_to_township": Decimal(item["km"]),
        "practices": "<ol>" + "".join(f"<li>{point}</li>" for point in item["practices"]) + "</ol>",
        "body": paragraphs(item["story"]),
        "listing_image": demo_image(f"示范村配图·{unit.short_name}（演示）", size=(960, 640)),
        "profile_figures": [
            VillageFigure(item=name, value=value, unit=measure, year=year, sort_order=order)
            for order, (name, value, measure) in enumerate(item["figures"])
        ],
        "honours": [
            VillageHonour(name=name, level=level, year=awarded, awarded_by=by, sort_order=order)
            for order, (name, level, awarded, by) in enumerate(item["honours"])
        ],
        "facilities": [
            VillageFacility(kind=kind, description=description, sort_order=order)
            for order, (kind, description) in enumerate(item["facilities"])
        ],
        "gallery_images": [
            VillageImage(
                image=demo_image(f"{unit.short_name}{caption}（演示）", size=(800, 600)),
                caption=caption,
                sort_order=order,
            )
            for order, caption in enumerate(gallery)
        ],
    }
