"""工作动态 and 通知公告: two news sections (news.toml, notices.toml)."""

from portal.news.models import NewsPageRelatedLink
from tests.core.factories import paragraphs
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

from .build import demo_image, publish_child, read


def load_news(home, units, campaigns):
    """Every third item credits its author for the photos; every fourth links to the one before it."""
    data = read("news")
    editors = data["editors"]
    index = publish_child(NewsIndexPageFactory, home, **data["index"])
    previous = None
    for number, item in enumerate(data["items"], start=1):
        unit = units.get(item["unit"])
        previous = publish_child(
            NewsPageFactory,
            index,
            title=item["title"],
            slug=f"news-{number:03d}",
            date=item["date"],
            summary=item["lead"][:120],
            lead=item["lead"],
            body=paragraphs(item["lead"], item["detail"]),
            author=item["author"],
            photographer=item["author"] if number % 3 == 0 else "",
            source=unit.label if unit else "",
            responsible_editor=editors[number % len(editors)],
            orgunit=unit,
            campaign=campaigns.get(item.get("campaign")),
            listing_image=demo_image(f"工作动态配图{number % 8 + 1}（演示）", size=(960, 640)),
            related_links=[NewsPageRelatedLink(related_page=previous)] if number % 4 == 0 else [],
            tags=item["tags"],
        )
    return index


def load_notices(home):
    """Each notice's title, date and text, under the byline every notice shares."""
    data = read("notices")
    index = publish_child(NewsIndexPageFactory, home, **data["index"])
    for number, item in enumerate(data["items"], start=1):
        text = item.pop("text")
        publish_child(
            NewsPageFactory,
            index,
            slug=f"notice-{number:03d}",
            summary=text[:120],
            lead="",
            body=paragraphs(text),
            **item,
            **data["byline"],
        )
    return index
