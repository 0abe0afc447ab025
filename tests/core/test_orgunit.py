import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.core.models import OrgUnit

from .factories import OrgUnitFactory, build_ladder

pytestmark = pytest.mark.django_db


def test_ladder_ancestry_and_lookup():
    units = build_ladder()
    village = OrgUnit.objects.get(pk=units["village"].pk)
    assert village.ancestor_at(OrgUnit.Level.COUNTY) == units["county"]
    assert village.ancestor_at(OrgUnit.Level.VILLAGE) == village
    assert units["county"].ancestor_at(OrgUnit.Level.VILLAGE) is None
    assert list(OrgUnit.objects.get(pk=units["city"].pk).get_descendants()) == [
        units["county"],
        units["township"],
        units["village"],
    ]


def test_moving_a_township_carries_its_villages():
    units = build_ladder()
    other_county = OrgUnitFactory(parent=OrgUnit.objects.get(pk=units["city"].pk), level=OrgUnit.Level.COUNTY)
    township = OrgUnit.objects.get(pk=units["township"].pk)
    township.move(OrgUnit.objects.get(pk=other_county.pk), pos="sorted-child")
    village = OrgUnit.objects.get(pk=units["village"].pk)
    assert village.ancestor_at(OrgUnit.Level.COUNTY) == other_county


@pytest.mark.parametrize(
    ("level", "parent_key"),
    [(OrgUnit.Level.VILLAGE, "county"), (OrgUnit.Level.COUNTY, None), (OrgUnit.Level.CITY, "city")],
)
def test_level_must_fit_its_parent(level, parent_key):
    units = build_ladder()
    parent = units[parent_key] if parent_key else None
    with pytest.raises(ValidationError, match="不能放在"):
        OrgUnit(level=level, name="错位").validate_parent(parent)


def test_enterprise_association_may_hang_off_a_township():
    units = build_ladder()
    OrgUnit(level=OrgUnit.Level.ENTERPRISE, name="某企业计生协").validate_parent(units["township"])


def test_admin_adds_unit_under_parent_and_rejects_wrong_level(admin_client):
    units = build_ladder()
    add_url = reverse("wagtailsnippets_core_orgunit:add")
    data = {
        "parent": units["township"].pk,
        "name": "新建村",
        "short_name": "新建",
        "code": "xinjian",
        "level": "village",
    }
    response = admin_client.post(add_url, data)
    assert response.status_code == 302
    created = OrgUnit.objects.get(code="xinjian")
    assert created.get_parent() == units["township"]

    bad = dict(data, code="cuowei", level="county")
    response = admin_client.post(add_url, bad)
    assert response.status_code == 200
    assert "不能放在" in response.content.decode()
    assert not OrgUnit.objects.filter(code="cuowei").exists()


def test_admin_moves_unit_and_refuses_cycles(admin_client):
    units = build_ladder()
    other_county = OrgUnitFactory(parent=units["city"], level=OrgUnit.Level.COUNTY, name="另一县", code="other")
    township = units["township"]
    edit_url = reverse("wagtailsnippets_core_orgunit:edit", args=[township.pk])
    data = {
        "parent": other_county.pk,
        "name": township.name,
        "short_name": "",
        "code": township.code,
        "level": "township",
    }
    assert admin_client.post(edit_url, data).status_code == 302
    assert OrgUnit.objects.get(pk=township.pk).get_parent() == other_county

    county_url = reverse("wagtailsnippets_core_orgunit:edit", args=[other_county.pk])
    cycle = {"parent": township.pk, "name": "另一县", "short_name": "", "code": "other", "level": "county"}
    assert admin_client.post(county_url, cycle).status_code == 200
    assert OrgUnit.objects.get(pk=other_county.pk).get_parent() == units["city"]


def test_admin_listing_is_in_chinese(admin_client):
    build_ladder()
    response = admin_client.get(reverse("wagtailsnippets_core_orgunit:list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "组织单位" in content
    assert "测试村" in content
