"""Search statistics without a database write per request.

Wagtail's `Query.add_hit()` writes a row for every search; under load that turns a read-only page into a write
per request. Here each process counts searches in memory and writes the totals into Wagtail's own tables
(`Query`, `QueryDailyHits`, shown in the admin under 搜索推广/热门搜索) once every SEARCH_LOG_FLUSH_SECONDS
(default 60) or when MAX_BUFFERED_QUERIES distinct queries are waiting: at most one write per distinct query per
interval per process. The price: counts of the last interval are lost if a process is killed. Statistics can
afford that.
"""

import threading
import time
from collections import Counter

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

MAX_BUFFERED_QUERIES = 1000


class QueryLog:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.last_flush = time.monotonic()

    def record(self, query_string):
        query_string = normalise_query_string(query_string)
        if not query_string:
            return
        with self.lock:
            self.counts[query_string] += 1
            due = (
                time.monotonic() - self.last_flush >= settings.SEARCH_LOG_FLUSH_SECONDS
                or len(self.counts) >= MAX_BUFFERED_QUERIES
            )
        if due:
            self.flush()

    def flush(self):
        with self.lock:
            counts, self.counts = self.counts, Counter()
            self.last_flush = time.monotonic()
        today = timezone.localdate()
        for query_string, hits in counts.items():
            query, _ = Query.objects.get_or_create(query_string=query_string)
            daily, _ = QueryDailyHits.objects.get_or_create(query=query, date=today)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)


query_log = QueryLog()
