"""The API's refusals are in Chinese, as the site's are (the parameter and field names stay as typed)."""

import pytest

from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home):
    return NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="会员活动日")


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("pages/?fields=zz", 400, "没有这些字段：zz"),
        ("pages/?fields=title(x)", 400, "“title”没有下级字段"),
        ("pages/?limit=-1", 400, "limit 必须是正整数"),
        ("pages/?limit=500", 400, "limit 不能大于 100"),
        ("pages/?offset=x", 400, "offset 必须是正整数"),
        ("pages/?type=nosuch.Page", 400, "type 指定的页面类型不存在"),
        ("pages/?child_of=x", 400, "child_of 必须是正整数"),
        ("pages/?child_of=999999", 400, "child_of 指定的页面不存在"),
        ("pages/?descendant_of=999999", 400, "descendant_of 指定的页面不存在"),
        ("pages/?ancestor_of=999999", 400, "ancestor_of 指定的页面不存在"),
        ("pages/?order=zz", 400, "不能按“zz”排序"),
        ("pages/?order=random&offset=5", 400, "order=random 不能和 offset 一起用"),
        ("pages/?zz=1", 400, "不认识的参数：zz"),
        ("pages/999999/", 404, "没有找到"),
        ("images/999999/", 404, "没有找到"),
        ("documents/999999/", 404, "没有找到"),
    ],
)
def test_a_bad_api_request_is_told_why_in_chinese(client, news, query, status, message):
    response = client.get(f"/api/v2/{query}")
    assert (response.status_code, response.json()["message"]) == (status, message)
