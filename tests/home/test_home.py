import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import HomePage
from portal.core.models import OrgUnit, PortalSettings
from tests.demo import DemoSiteTestCase

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "units": sorted(OrgUnit.objects.values_list("code", "path")),
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "settings": list(PortalSettings.objects.values_list("org_name", "logo_id")),
    }


class DemoContent(DemoSiteTestCase):
    def test_loading_it_again_changes_nothing(self):
        first = snapshot()
        call_command("load_demo", verbosity=0)
        assert snapshot() == first
        assert OrgUnit.objects.filter(level=OrgUnit.Level.COUNTY).count() == 3
        assert OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP).count() == 12
        assert OrgUnit.objects.filter(level=OrgUnit.Level.VILLAGE).count() >= 12
        assert HomePage.objects.count() == 1

    def test_home_renders_it_in_chinese(self):
        response = self.client.get("/")
        content = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="zh-CN">' in content
        assert "云溪市计划生育协会" in content
        assert 'href="#main"' in content and 'id="main"' in content
        assert "演示ICP备00000000号-1" in content
        assert 'role="search"' in content


def test_home_without_sections_says_so(home, client):
    response = client.get("/")
    assert "栏目正在建设中" in response.content.decode()


def test_404_page_is_chinese(home, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_500_page_renders_without_a_request(rf):
    from portal.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "服务器暂时出错" in response.content.decode()
