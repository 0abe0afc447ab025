"""A material that will replace a township's published material for the same period says so to its editor and to
every reviewer, in the editor and in the review email."""

from django.core import mail
from wagtail.models import Page

from tests.exchange.factories import ExperiencePageFactory, publish

from .editor import open_editor
from .site import act, submit

NOTICE = "将替换《一镇2025年经验材料》在2025年全年的数字"


def published_material(site):
    """一镇's published material for 2025 全年, which the draft experience_a1 (also 2025 全年) would replace."""
    folder = site.folder("exchange", "jia-yi")
    page = ExperiencePageFactory(parent=folder, title="一镇2025年经验材料", orgunit=site.units["jia-yi"], live=False)
    return publish(page)


def test_the_editor_and_each_reviewer_are_told_what_the_material_replaces(site, login):
    published_material(site)
    page = site.page("experience_a1")
    assert NOTICE in open_editor(login("submitter_a1"), page)[0].content.decode()

    mail.outbox.clear()
    submit(page, site.users["submitter_a1"])
    assert [message.to for message in mail.outbox] == [["reviewer_jia@example.org"]]
    assert NOTICE in mail.outbox[0].body
    assert NOTICE in open_editor(login("reviewer_jia"), page)[0].content.decode()

    mail.outbox.clear()
    act(login("reviewer_jia"), page, "approve")
    assert NOTICE in mail.outbox[0].body
    assert NOTICE in open_editor(login("city_reviewer"), page)[0].content.decode()


def test_nothing_is_announced_for_another_period_or_the_published_material_itself(site, login):
    current = published_material(site)
    page = site.page("experience_a1")
    page.period_kind = "h1"
    page.save_revision()
    assert "将替换" not in open_editor(login("submitter_a1"), page)[0].content.decode()
    current = Page.objects.get(pk=current.pk).specific
    assert "将替换" not in open_editor(login("submitter_a1"), current)[0].content.decode()
