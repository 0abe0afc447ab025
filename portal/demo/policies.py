"""政策法规 (policies.toml): texts in order, each 解读 pointing to its text, each new text ending an older one."""

import datetime

from wagtail.rich_text import RichText

from portal.policies.models import PolicyAttachment
from tests.policies.factories import IssuingAgencyFactory, PolicyIndexPageFactory, PolicyPageFactory

from .build import demo_document, publish_child, read


def load_policies(home):
    data = read("policies")
    agencies = {key: IssuingAgencyFactory(**fields) for key, fields in data["agencies"].items()}
    index = publish_child(PolicyIndexPageFactory, home, **data["index"])
    pages = {}
    for serial, item in enumerate(data["items"], start=1):
        attachments = [
            demo_document(title, kind, data["attachment_text"][kind].format(title=title))
            for title, kind in item.get("attachments", [])
        ]
        page = publish_child(PolicyPageFactory, index, **policy(serial, item, agencies, pages, attachments))
        pages[item["key"]] = page
        if "replaces" in item:
            replaced(pages[item["replaces"]["key"]], page, item["replaces"])
    return index


def policy(serial, item, agencies, pages, attachments):
    return {
        "title": item["title"],
        "slug": f"policy-{item['key']}",
        "date": item["date"],
        "written_date": item["date"] - datetime.timedelta(days=2),
        "effective_date": item.get("effective"),
        "index_number": f"YXJSX-{item['date'].year}-{serial:05d}",
        "document_number": item["number"],
        "doc_type": item["doc_type"],
        "subject": item["subject"],
        "summary": item["overview"][:120],
        "overview": item["overview"],
        "body": [
            (
                "clause",
                {
                    "level": level,
                    "number": number,
                    "heading": heading,
                    "text": RichText(f"<p>{text}</p>" if text else ""),
                },
            )
            for level, number, heading, text in item["clauses"]
        ],
        "interprets": pages.get(item.get("interprets")),
        "issuers": [agencies[key] for key in item["issuers"]],
        "attachments": [
            PolicyAttachment(document=document, sort_order=order) for order, document in enumerate(attachments)
        ],
    }


def replaced(old, new, replacement):
    """The older text is amended, repealed or expired by `new`; republished once."""
    if old.replaced_by_id == new.pk:
        return
    old.validity = replacement["validity"]
    old.replaced_by = new
    old.repealed_date = replacement.get("on")
    old.save_revision().publish()
