"""Public pages, feeds, search and the sitemap answer reading only: POST, PUT, PATCH and DELETE are 405."""

from tests.demo import DemoSiteTestCase

from .site import public_urls

WRITING = ("post", "put", "patch", "delete")


class ReadOnlyPublicURLs(DemoSiteTestCase):
    def test_every_public_url_answers_reading_and_refuses_writing(self):
        for url in [*public_urls(), "/search/suggest/?q=ji"]:
            for read in (self.client.get, self.client.head):  # 200, or 400 for /exchange/export/ without a format
                assert read(url).status_code in (200, 400), url
            for method in WRITING:
                response = getattr(self.client, method)(url)
                assert response.status_code == 405, (method, url, response.status_code)

    def test_a_page_says_what_it_answers(self):
        response = self.client.options("/")
        assert response.status_code == 200 and response["Allow"] == "GET, HEAD, OPTIONS"
