"""A Redis cache the site can live without. When Redis is unreachable every cache call misses at once, for
RETRY_AFTER seconds without a new connection attempt per call, and the site serves uncached pages."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
RETRY_AFTER = 10.0
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)


class _Outage:
    until = 0.0  # per process: every client talks to the same Redis


def fail_safe(on_outage):
    """Wrap a client method: during an outage answer on_outage(*args) instead of raising."""

    def decorator(method):
        def wrapper(self, *args):
            try:
                if time.monotonic() < _Outage.until:
                    raise RedisConnectionError("Redis 最近不可用")
                return method(self, *args)
            except OUTAGE_ERRORS as error:
                if time.monotonic() >= _Outage.until:
                    logger.warning("Redis 不可用，%s 秒内绕过缓存：%s", RETRY_AFTER, error)
                    _Outage.until = time.monotonic() + RETRY_AFTER
                return on_outage(*args)

        return wrapper

    return decorator


def nothing(*args):
    return None


def false(*args):
    return False


def missing_key(*args):
    raise ValueError("缓存不可用")  # what incr() raises for a key that is not there


class FailSafeRedisCacheClient(RedisCacheClient):
    add = fail_safe(false)(RedisCacheClient.add)
    get = fail_safe(lambda key, default: default)(RedisCacheClient.get)
    set = fail_safe(nothing)(RedisCacheClient.set)
    touch = fail_safe(false)(RedisCacheClient.touch)
    delete = fail_safe(false)(RedisCacheClient.delete)
    get_many = fail_safe(lambda keys: {})(RedisCacheClient.get_many)
    incr = fail_safe(missing_key)(RedisCacheClient.incr)
    set_many = fail_safe(lambda data, timeout: [])(RedisCacheClient.set_many)
    delete_many = fail_safe(nothing)(RedisCacheClient.delete_many)
    clear = fail_safe(false)(RedisCacheClient.clear)


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSafeRedisCacheClient
