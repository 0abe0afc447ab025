"""Bad input everywhere: random query parameters on every public URL and on the API never cause a 500.

The CI run is short and derandomized (FUZZ_EXAMPLES, default 25 per test); `make fuzz` runs 400.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.demo import DemoSiteTestCase
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

from .site import public_urls

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
ALLOWED = {200, 301, 302, 400, 404}
PUBLIC_PARAMS = ["page", "year", "tag", "q", "period", "format", "orgunit", "sort"]
API_PARAMS = ["type", "fields", "order", "search", "limit", "offset", "child_of", "descendant_of", "search_operator"]
NASTY = [
    "",
    "0",
    "-1",
    "1e9",
    "99999999999999999999999",
    "2026",
    "2026-H1",
    "2026-H3",
    "csv",
    "xlsx",
    "json",
    "rss",
    "atom",
    "*",
    "-title",
    "title,-id",
    "_,id",
    "random",
    "-first_published_at",
    "wagtailcore.Page",
    "home.HomePage",
    "news.NewsPage",
    "no.SuchPage",
    "qingxi-baishui",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\x00",
    "a\x00b",
    "计生协",
    "5·29",
    "　",
    "%",
    "\\",
    "or",
    "and",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60),
)
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 50,
    suppress_health_check=[HealthCheck.too_slow],
)


def assert_handled(response, url, params):
    assert response.status_code in ALLOWED, (url, params, response.status_code)


def nasty_values_for(position):
    """All of NASTY in `make fuzz`; in CI a rotating handful, so each value still meets every parameter name."""
    if EXAMPLES > 50:
        return NASTY
    return [NASTY[(position * 3 + offset) % len(NASTY)] for offset in range(3)]


API_URLS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]


class FuzzTheDemoSite(DemoSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.urls = public_urls()

    def test_public_urls_survive_random_query_parameters(self):
        @fuzz
        @given(
            url=st.sampled_from(self.urls), params=st.dictionaries(st.sampled_from(PUBLIC_PARAMS), values, max_size=4)
        )
        def check(url, params):
            assert_handled(self.client.get(url, params), url, params)

        check()

    def test_every_public_url_takes_nasty_values(self):
        for position, (url, name) in enumerate((url, name) for url in self.urls for name in PUBLIC_PARAMS):
            for value in nasty_values_for(position):
                assert_handled(self.client.get(url, {name: value}), url, {name: value})

    def test_api_survives_random_parameters(self):
        @fuzz
        @given(url=st.sampled_from(API_URLS), params=st.dictionaries(st.sampled_from(API_PARAMS), values, max_size=4))
        def check(url, params):
            assert_handled(self.client.get(url, params), url, params)

        check()

    def test_api_takes_every_nasty_value(self):
        for name in API_PARAMS:
            for value in NASTY:
                url = "/api/v2/pages/"
                assert_handled(self.client.get(url, {name: value}), url, {name: value})


@pytest.mark.parametrize("path", ["/api/v2/pages/0/", "/api/v2/pages/abc/", "/api/v2/pages/99999999999999999999/"])
def test_api_detail_with_bad_ids(client, home, path):
    assert client.get(path).status_code == 404


def test_errors_are_in_chinese(client, home):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "页面不存在" in missing.content.decode()
    bad = client.get("/", HTTP_HOST="bad host name")
    assert bad.status_code == 400
    assert "请求有误" in bad.content.decode()


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v2/pages/", {"search": "计生", "search_operator": "xor"}),
        ("/api/v2/pages/", {"search": "　"}),
        ("/api/v2/pages/", {"offset": "9223372036854775808"}),
        ("/api/v2/images/", {"offset": str(10**30)}),
        ("/search/", {"q": "a\x00b"}),
        ("/", {"page": "\x00"}),
    ],
)
def test_inputs_that_used_to_raise_500_are_bad_requests(client, home, path, params):
    assert client.get(path, params).status_code == 400


def test_an_edit_form_posted_without_its_fields_is_a_bad_request_not_a_500(home, admin_client):
    page = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="原来的标题")
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {"action-publish": "1", "title": "x"})
    assert response.status_code == 400
    assert "请求有误（400）" in response.content.decode()
    page.refresh_from_db()
    assert page.title == "原来的标题"
