"""The admin's 组织单位 list searches by name, short name and code (it used to be a 500 on `code`)."""

import pytest

from .factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/core/orgunit/"


@pytest.fixture
def units():
    city = OrgUnitFactory(name="云溪市计划生育协会", short_name="云溪", code="yunxi")
    return {
        "qingxi": OrgUnitFactory(
            parent=city, name="青溪县计划生育协会", short_name="青溪", code="qingxi", level="county"
        ),
        "baishui": OrgUnitFactory(
            parent=city, name="白水县计划生育协会", short_name="白水", code="baishui", level="county"
        ),
    }


@pytest.mark.parametrize("query", ["青溪县计划生育协会", "青溪", "qingxi"])
def test_admin_search_finds_a_unit_by_name_short_name_or_code(admin_client, units, query):
    response = admin_client.get(LIST_URL, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/snippets/core/orgunit/edit/{units['qingxi'].pk}/" in html
    assert f"/admin/snippets/core/orgunit/edit/{units['baishui'].pk}/" not in html


@pytest.mark.parametrize("query", ["青溪", "qingxi"])
def test_page_editor_chooser_finds_a_unit_by_name_or_code(admin_client, units, query):
    response = admin_client.get("/admin/snippets/choose/core/orgunit/results/", {"q": query})
    assert response.status_code == 200
    assert "青溪县计划生育协会" in response.content.decode()
    assert "白水县计划生育协会" not in response.content.decode()
