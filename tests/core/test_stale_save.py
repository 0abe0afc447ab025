"""Two editors on one news item: the one who opened it first and saves last is stopped, not silently overwriting."""

from django.test import Client
from wagtail.models import Page

from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.workflow.editor import form_fields, open_editor, post_editor


def editor(django_user_model, username):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw-for-tests"))
    return client


def test_a_stale_save_of_a_news_item_is_refused_and_keeps_the_text(home, django_user_model):
    item = NewsPageFactory(parent=NewsIndexPageFactory(parent=home))
    item.save_revision()
    first, second = editor(django_user_model, "editor_one"), editor(django_user_model, "editor_two")
    _response, first_form = open_editor(first, item)
    _response, second_form = open_editor(second, item)
    assert post_editor(first, item, first_form, title="一号编辑改的标题").status_code == 302

    response = post_editor(second, item, second_form, title="二号编辑改的标题")
    assert response.status_code == 200
    assert "没有保存：你打开这个页面之后，editor_one于" in response.content.decode()
    assert Page.objects.get(pk=item.pk).get_latest_revision_as_object().title == "一号编辑改的标题"

    assert post_editor(second, item, form_fields(response.content.decode())).status_code == 302
    assert Page.objects.get(pk=item.pk).get_latest_revision_as_object().title == "二号编辑改的标题"
