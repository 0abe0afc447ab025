"""The search view's per-process shortcuts answer exactly as the Django and Wagtail code they stand in for."""

import pytest
from django.forms.models import model_to_dict
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Site

from portal.core.models import PortalSettings
from search.views import known_site, link_query
from tests.home.factories import HomePageFactory

HOSTS = [
    ("localhost", "80"),
    ("localhost", "8000"),
    ("county.example", "80"),
    ("county.example", "8443"),
    ("unknown.example", "80"),
    ("127.0.0.1", "8000"),
]


@pytest.fixture
def sites(home, settings):
    settings.FRAGMENT_CACHE = True  # as in production: the memo keeps sites until the next publish
    settings.ALLOWED_HOSTS = ["*"]
    root = home.get_parent()
    county = Site.objects.create(
        hostname="county.example", port=80, root_page=HomePageFactory(parent=root, slug="county"), site_name="清溪县"
    )
    PortalSettings.objects.create(site=county, org_name="清溪县计划生育协会", phone="0790-1234567")
    preview = HomePageFactory(parent=root, slug="preview")
    Site.objects.create(hostname="county.example", port=8443, root_page=preview, site_name="清溪县（预览）")
    default = Site.objects.get(is_default_site=True)
    PortalSettings.objects.update_or_create(site=default, defaults={"org_name": "云溪市计生协"})
    return county


def visitor(host, port):
    return RequestFactory().get("/search/", {"q": "计生协"}, HTTP_HOST=f"{host}:{port}", SERVER_PORT=port)


def as_wagtail_answers(host, port):
    request = visitor(host, port)
    site = Site.find_for_request(request)
    return site, site and model_to_dict(PortalSettings.for_request(request))


def test_known_site_answers_as_wagtail_for_every_host(sites, django_assert_num_queries):
    expected = {host: as_wagtail_answers(*host) for host in HOSTS}
    for host in HOSTS * 2:  # first read, then kept: one host's answer must never be given to another
        request = visitor(*host)
        known_site(request)
        site, site_settings = expected[host]
        assert Site.find_for_request(request) == site
        if site:
            with django_assert_num_queries(0):  # the templates' settings read what known_site set
                portal = PortalSettings.for_request(request)
            assert model_to_dict(portal) == site_settings and portal._request is request


def test_each_request_gets_its_own_copy_of_the_settings(sites):
    first, second = visitor("county.example", "80"), visitor("county.example", "80")
    known_site(first)
    known_site(second)
    assert PortalSettings.for_request(first) is not PortalSettings.for_request(second)
    assert PortalSettings.for_request(second)._request is second


def test_known_site_follows_edits_to_sites_and_settings(sites, client):
    known_site(visitor("county.example", "80"))
    portal = PortalSettings.objects.get(site=sites)
    portal.org_name = "清溪县计生协会"
    portal.save()
    request = visitor("county.example", "80")
    known_site(request)
    assert PortalSettings.for_request(request).org_name == "清溪县计生协会"
    sites.hostname = "qingxi.example"
    sites.save()
    moved = visitor("county.example", "80")
    known_site(moved)
    assert Site.find_for_request(moved) == as_wagtail_answers("county.example", "80")[0]


def old_link_query(request, **changes):
    """What link_query replaced: a copy of the QueryDict for each link."""
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()


NAMES = st.sampled_from(["q", "page", "sort", "section", "type", "year", "township", "exact", "from", "名"])
VALUES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(st.tuples(NAMES, VALUES), max_size=8),
    changes=st.dictionaries(NAMES, st.none() | VALUES, max_size=4),
)
def test_link_query_is_what_copying_the_query_dict_gives(pairs, changes):
    request = RequestFactory().get("/search/")
    request.GET = QueryDict(mutable=True)
    for name, value in pairs:
        request.GET.appendlist(name, value)
    request.GET._mutable = False
    assert link_query(request, **changes) == old_link_query(request, **changes)
