"""The page cache never keeps a form (its CSRF token belongs to one visitor), keeps 留言选登, and refreshes it when
a reply is published or withdrawn, but not when a visitor sends a message."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from portal.core.cache import current_generation, invalidate
from portal.interaction.models import Message

from .factories import MessageFactory, PublishedMessageFactory


@pytest.fixture
def page_cache(settings, home):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    invalidate()


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("url", ["/interaction/message/", "/interaction/report/?page=/"])
def test_a_form_is_never_cached_and_each_visitor_gets_their_own_token(page_cache, url):
    first, second = Client().get(url), Client().get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("BYPASS", "BYPASS")
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert csrf_token(first.content.decode()) != csrf_token(second.content.decode())
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_pages_that_link_to_the_forms_stay_cached_without_a_token(page_cache):
    first, second = Client().get("/"), Client().get("/")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    html = second.content.decode()
    assert 'href="/interaction/report/?page=/"' in html, html[html.find("<footer") :]
    assert "csrfmiddlewaretoken" not in html


def test_each_page_reports_errors_on_itself_though_the_footer_is_a_cached_fragment(page_cache):
    Client().get("/")
    html = Client().get("/interaction/replies/").content.decode()
    assert 'href="/interaction/report/?page=/interaction/replies/"' in html


def test_the_replies_page_is_cached_until_a_reply_is_published(page_cache):
    assert Client().get("/interaction/replies/")["X-Cache"] == "MISS"
    assert Client().get("/interaction/replies/")["X-Cache"] == "HIT"
    message = MessageFactory(consent_to_publish=True, status=Message.Status.ANSWERED, reply="答复")
    assert Client().get("/interaction/replies/")["X-Cache"] == "HIT"  # answered but not published: no change
    message.publish_reply = True
    message.save()
    response = Client().get("/interaction/replies/")
    assert response["X-Cache"] == "MISS" and message.subject in response.content.decode()


def test_withdrawing_or_deleting_a_published_reply_refreshes_the_page(page_cache):
    withdrawn, deleted = PublishedMessageFactory(subject="撤下的一条"), PublishedMessageFactory(subject="删除的一条")
    assert "撤下的一条" in Client().get("/interaction/replies/").content.decode()
    withdrawn.publish_reply = False
    withdrawn.save()
    deleted.delete()
    html = Client().get("/interaction/replies/").content.decode()
    assert "撤下的一条" not in html and "删除的一条" not in html


def test_a_visitors_message_does_not_empty_the_page_cache(page_cache):
    before = current_generation()
    response = Client().post("/interaction/message/", {"subject": "主题", "body": "内容", "name": "王"})
    assert response.status_code == 302
    assert current_generation() == before
    assert Message.objects.get().submitted_at <= timezone.now()
