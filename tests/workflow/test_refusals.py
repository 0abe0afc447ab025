"""What a user who may not do something is told: a page in Chinese, with the reason when the portal gives one."""

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from portal.core.views import permission_denied


def test_a_submitter_adding_a_page_to_another_township_gets_a_chinese_403(site, login):
    other_township = site.page("experience_b1").get_parent()
    url = reverse("wagtailadmin_pages:add", args=("exchange", "experiencepage", other_township.pk))
    response = login("submitter_a1").get(url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "没有权限（403）" in html and "您没有权限进行这项操作" in html and "返回管理后台" in html
    assert "Forbidden" not in html


def test_the_portals_own_reason_is_shown_and_an_english_one_is_not(site):
    request = RequestFactory().get("/interaction/")
    ours = permission_denied(request, PermissionDenied("不能审核通过自己提交的内容")).content.decode()
    wagtails = permission_denied(request, PermissionDenied("You do not have permission to delete this page.")).content
    assert "不能审核通过自己提交的内容" in ours and "返回首页" in ours
    assert b"You do not have permission" not in wagtails and "您没有权限进行这项操作".encode() in wagtails
