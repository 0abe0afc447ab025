"""Queries and render time of the public pages as a visitor asks for them: the demo database, Host as the site
serves it, page cache off and fragment caches cleared before the first request of each page (a cold miss), then
warm (fragments kept). Run on a demo database: `python tests/perf/page_queries.py` (DJANGO_SETTINGS_MODULE dev)."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["PAGE_CACHE"] = "off"

import django

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "20"))


def visitor_urls():
    """Home, every section under it, and the newest page of each type below a section."""
    site = Site.objects.get(is_default_site=True)
    urls, seen = ["/"], set()
    for section in site.root_page.get_children().live().specific():
        urls.append(section.url)
        for page in Page.objects.live().descendant_of(section).specific().order_by("-depth", "-pk"):
            if type(page) not in seen:
                seen.add(type(page))
                urls.append(page.url)
    return urls + ["/search/?q=计生协会"]


def queries_for(client, url, host):
    """The number of queries a GET of `url` runs (counted as they execute: Django empties its query log on
    every request_started, which CaptureQueriesContext outside a test cannot see)."""
    executed = []
    with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
        assert client.get(url, HTTP_HOST=host).status_code == 200, url
    return len(executed)


def measure(client, url, host):
    for alias in ("default", "pages"):
        caches[alias].clear()
    cold = queries_for(client, url, host)
    warm = queries_for(client, url, host)
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(url, HTTP_HOST=host)
        timings.append((time.perf_counter() - started) * 1000)
    return cold, warm, statistics.median(timings)


def main():
    host = os.environ.get("HOST_HEADER", "localhost")
    client = Client()
    print(f"{'url':55} cold warm  ms(warm, median of {ROUNDS})")
    for url in visitor_urls():
        cold, warm, ms = measure(client, url, host)
        print(f"{url[:55]:55} {cold:4} {warm:4}  {ms:6.1f}")


if __name__ == "__main__":
    main()
