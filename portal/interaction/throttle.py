"""Submissions per client address and hour, counted in the cache every worker shares (settings.CACHES["counters"]:
Redis, or files under var/ on one server)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches

from portal.core.security import client_ip

logger = logging.getLogger(__name__)

SUBMISSIONS_PER_HOUR = 5  # default for settings.INTERACTION_SUBMISSIONS_PER_HOUR
WINDOW_SECONDS = 3600


def limit():
    return getattr(settings, "INTERACTION_SUBMISSIONS_PER_HOUR", SUBMISSIONS_PER_HOUR)


def counter_key(request):
    # the address is hashed: the cache holds no personal data
    address = client_ip(request) or "unknown"
    return "interaction-submissions:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def submissions_left(request):
    try:
        used = caches["counters"].get(counter_key(request), 0)
    except Exception as error:  # a broken cache must not stop a citizen's message
        logger.warning("留言限流计数不可用：%s", error)
        return limit()
    return max(limit() - used, 0)


def count_submission(request):
    """One more submission from this address in the current hour window (the window starts at the first one)."""
    key, cache = counter_key(request), caches["counters"]
    try:
        if not cache.add(key, 1, WINDOW_SECONDS):
            cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
    except Exception as error:
        logger.warning("留言限流计数不可用：%s", error)
