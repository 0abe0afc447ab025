"""Query counting for render budgets: warm up first (renditions are created on the first render), then count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url):
    """The number of queries a warm GET of `url` takes; fails if the page is not a 200."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)
