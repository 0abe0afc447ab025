"""The home page's top: a headline story with its picture, and the association's logo sharp on a 2× screen."""

import re

import pytest
from django.core.cache import cache
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail_factories import ImageFactory

from portal.core.models import PortalSettings
from tests.core.budget import queries_for
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home):
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory.create_batch(3, parent=news)
    page = NewsPageFactory(parent=news, title="志愿服务队获评优秀团队")
    home.headline, home.headline_text = page, "县计生协评出年度优秀志愿服务团队。"
    home.headline_image = ImageFactory(file=get_test_image_file(size=(1200, 800)))
    home.save_revision().publish()
    return page


def test_home_leads_with_the_headline_story_and_its_picture(story, client):
    content = client.get("/").content.decode()
    headline = content[content.index('<section class="headline-story"') :]
    headline = headline[: headline.index("</section>")]
    assert f'<a href="{story.url}">志愿服务队获评优秀团队</a>' in headline
    assert "县计生协评出年度优秀志愿服务团队。" in headline
    assert re.search(r'<img class="headline-picture" src="[^"]+\.webp" width="960" height="540" alt="">', headline)
    assert queries_for(client, "/") <= 12


def test_an_unpublished_headline_is_not_shown(story, client):
    story.unpublish()
    assert "headline-story" not in client.get("/").content.decode()


def test_logo_is_drawn_at_twice_its_size(home, client):
    cache.clear()  # Wagtail caches renditions by image id, and an earlier test's image may have had this id
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = ImageFactory(file=get_test_image_file(size=(300, 300)))
    settings.save()
    content = client.get("/").content.decode()
    logo = re.search(r'<img class="brand-logo" src="([^"]+)" width="(\d+)" height="48" alt="">', content)
    assert logo and logo.group(1).endswith(".png") and logo.group(2) == "48"
    assert "height-96" in logo.group(1)


def test_notices_stand_beside_the_headline_and_are_not_listed_twice(story, home, client):
    notices = NewsIndexPageFactory(parent=home, title="通知公告", slug="notices")
    NewsPageFactory(parent=notices, title="关于报送年度工作总结的通知")
    home.refresh_from_db()
    home.notices = notices
    home.save_revision().publish()
    content = client.get("/").content.decode()
    top = content[content.index('<div class="home-top">') :]
    assert "关于报送年度工作总结的通知" in top[: top.index('<div class="home-sections">')]
    assert content.count(f'<h2 id="section-{notices.pk}">通知公告</h2>') == 1
