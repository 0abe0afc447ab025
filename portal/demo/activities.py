"""活动报道 (activities.toml): a township's reports in its folder, a county's or the city's under the index."""

from decimal import Decimal

from portal.activities.models import ActivityImage, ActivityMaterial, ActivityOrganiser, ActivityService
from portal.core.models import OrgUnit
from tests.activities.factories import (
    ActivityIndexPageFactory,
    ActivityReportPageFactory,
    ActivityTownshipPageFactory,
)
from tests.core.factories import paragraphs

from .build import demo_image, publish_child, read


def load_activities(home, units, campaigns):
    data = read("activities")
    index = publish_child(ActivityIndexPageFactory, home, **data["index"])
    for number, item in enumerate(data["items"], start=1):
        unit = units[item["unit"]]
        parent = index
        if unit.level == OrgUnit.Level.TOWNSHIP:
            parent = publish_child(ActivityTownshipPageFactory, index, slug=unit.code, orgunit=unit, intro="")
        publish_child(ActivityReportPageFactory, parent, **report(number, item, unit, campaigns))
    return index


def report(number, item, unit, campaigns):
    image = demo_image(f"活动报道配图{number % 6 + 1}（演示）", size=(960, 640))
    return {
        "title": item["title"],
        "slug": f"report-{number:03d}",
        "date": item.get("end", item["start"]),
        "summary": item["text"][:120],
        "orgunit": unit,
        "listing_image": image,
        "activity_name": item["title"],
        "campaign": campaigns.get(item.get("campaign")),
        "start_date": item["start"],
        "end_date": item.get("end"),
        "place": item["place"],
        "participants": item["participants"],
        "participants_unit": item["participants_unit"],
        "funds": Decimal(item["funds"]) if "funds" in item else None,
        "body": paragraphs(item["text"]),
        "organisers": [ActivityOrganiser(name=name, role=role) for name, role in item["organisers"]],
        "services": [
            ActivityService(kind=kind, count=count, unit=measure) for kind, count, measure in item["services"]
        ],
        "materials": [
            ActivityMaterial(item=name, quantity=quantity, unit=measure)
            for name, quantity, measure in item["materials"]
        ],
        "gallery_images": [ActivityImage(image=image, caption=f"{item['place']}活动现场（演示图片）")],
    }
