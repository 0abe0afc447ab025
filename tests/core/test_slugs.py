"""Page addresses: short pinyin instead of the percent-encoded title, a number instead of Wagtail's English error for
a duplicate, old addresses redirected, and an add form that leaves nothing behind until the editor saves."""

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from wagtail.models import Page

from portal.core.slugs import SLUG_MAX_LENGTH, pinyin_slug
from portal.news.models import NewsPage
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.workflow.editor import form_fields, open_editor, post_editor

TITLE = "云溪市计划生育协会召开2026年度全市计生协工作会议暨表彰大会"


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))


def open_add_form(client, parent):
    response = client.get(add_url(parent))
    assert response.status_code == 200
    return response, form_fields(response.content.decode())


def is_pinyin_of_start(slug, title):
    """The slug's letters are the pinyin of the title's first characters (the words depend on jieba's dictionary)."""
    return slug.isascii() and "".join(lazy_pinyin(title)).lower().startswith(slug.replace("-", ""))


def form_tag(response):
    form = BeautifulSoup(response.content.decode(), "html.parser").find("form", id="page-edit-form")
    return str(form.attrs)


def add_news(client, parent, title, slug=None, action="action-save"):
    """Fill the add form as a browser does: Wagtail's script copies the title into the slug field."""
    _response, data = open_add_form(client, parent)
    data.update(title=[title], slug=[slugify(title, allow_unicode=True) if slug is None else slug], lead=["导语"])
    data[action] = ["1"]
    return client.post(add_url(parent), data, follow=True)


def test_the_add_form_does_not_autosave_but_the_edit_form_does(admin_client, home):
    index = NewsIndexPageFactory(parent=home)
    response, _data = open_add_form(admin_client, index)
    assert "w-autosave" not in form_tag(response)
    assert Page.objects.child_of(index).count() == 0

    item = NewsPageFactory(parent=index)
    response, _data = open_editor(admin_client, item)
    assert "w-autosave" in form_tag(response)


def test_a_chinese_title_gets_a_short_pinyin_address(admin_client, home):
    index = NewsIndexPageFactory(parent=home)
    response = add_news(admin_client, index, TITLE)
    assert response.status_code == 200
    page = NewsPage.objects.child_of(index).get()
    assert is_pinyin_of_start(page.slug, TITLE)
    assert page.slug.startswith("yunxishi-") and page.slug.endswith("-2026-niandu")
    assert len(page.slug) <= SLUG_MAX_LENGTH


def test_the_same_title_twice_gets_a_number_and_a_chinese_message(admin_client, home):
    index = NewsIndexPageFactory(parent=home)
    add_news(admin_client, index, TITLE)
    first = NewsPage.objects.child_of(index).get().slug
    response = add_news(admin_client, index, TITLE, action="action-publish")
    text = response.content.decode()
    assert "already in use" not in text
    assert f"同一栏目下已有网址为“{first}”的页面，本页网址改为“{first}-2”。" in text
    assert sorted(NewsPage.objects.child_of(index).values_list("slug", flat=True)) == [first, f"{first}-2"]
    assert admin_client.get(f"/news/{first}-2/").status_code == 200


def test_a_typed_slug_is_kept_and_a_taken_one_gets_a_number(admin_client, home):
    index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=index, slug="huiyi")
    add_news(admin_client, index, "第一次会议", slug="huiyi")
    add_news(admin_client, index, "第二次会议", slug="huiyi-2")  # huiyi-2 is taken now too
    assert set(NewsPage.objects.child_of(index).values_list("slug", flat=True)) == {"huiyi", "huiyi-2", "huiyi-2-2"}


def test_a_published_page_keeps_its_old_address_when_edited(admin_client, home):
    index = NewsIndexPageFactory(parent=home)
    item = NewsPageFactory(parent=index, slug=slugify(TITLE, allow_unicode=True))
    item.save_revision().publish()
    _response, data = open_editor(admin_client, item)
    assert post_editor(admin_client, item, data, action="action-publish", summary="改了摘要").status_code == 302
    item.refresh_from_db()
    assert item.slug == slugify(TITLE, allow_unicode=True)


def test_renaming_a_published_page_redirects_its_old_address(
    admin_client, client, home, django_capture_on_commit_callbacks
):
    index = NewsIndexPageFactory(parent=home)
    item = NewsPageFactory(parent=index, slug=slugify(TITLE, allow_unicode=True))
    item.save_revision().publish()
    old_url = item.url
    _response, data = open_editor(admin_client, item)
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail creates the redirect once the change is committed
        post_editor(admin_client, item, data, action="action-publish", slug="gongzuo-huiyi")
    item.refresh_from_db()
    assert item.slug == "gongzuo-huiyi"

    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/news/gongzuo-huiyi/")


def test_a_page_saved_without_a_slug_by_code_gets_pinyin(home):
    index = NewsIndexPageFactory(parent=home)
    first = index.add_child(instance=NewsPage(title="生育关怀行动", lead="导语"))
    second = index.add_child(instance=NewsPage(title="生育关怀行动", lead="导语"))
    assert is_pinyin_of_start(first.slug, "生育关怀行动") and first.slug.replace("-", "") == "shengyuguanhuaixingdong"
    assert second.slug == f"{first.slug}-2"


def test_titles_with_nothing_readable_or_odd_characters():
    assert pinyin_slug("！！！……") == ""
    assert pinyin_slug("ＡＢＣ全角　２０２６") == "abc-quanjiao-2026"
    assert pinyin_slug("会议\x00\u200b记录🎉") == "huiyi-jilu"
    assert len(pinyin_slug("计划生育" * 100_000)) <= SLUG_MAX_LENGTH
    assert pinyin_slug("a" * 80) == "a" * SLUG_MAX_LENGTH
