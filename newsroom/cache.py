"""A Redis cache that fails open.

The cache only ever saves work: when Redis is unreachable or slow, every read
is a miss and every write is dropped, so pages are built from the database
instead of failing. Errors are logged, at most once per LOG_INTERVAL per
process, and after a failure Redis is left alone for RETRY_AFTER seconds so a
slow server does not add its timeout to every cache call of every page.

settings.py selects this backend whenever CACHE_URL is redis://.
"""

# Not django-redis's IGNORE_EXCEPTIONS: it fails open too, but waits out the
# timeout on every call while Redis is down, and logs every failure or none.

import functools
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_INTERVAL = 60.0
RETRY_AFTER = 5.0
DEFAULT_SOCKET_TIMEOUT = 0.25


def _fail_open(fallback):
    """Run the cache operation; on a Redis failure return `fallback(args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._is_resting():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._record_failure(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _miss(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _no_keys(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _incr_missing(key, *args, **kwargs):
    # What BaseCache.incr does for a key it does not hold.
    raise ValueError(f"Key {key!r} not found (cache unavailable)")


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_connect_timeout", options["socket_timeout"])
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._resting_until = 0.0
        self._last_logged = 0.0
        self._unlogged_failures = 0

    def _is_resting(self):
        return time.monotonic() < self._resting_until

    def _record_failure(self, operation, error):
        now = time.monotonic()
        with self._lock:
            self._resting_until = now + RETRY_AFTER
            if now - self._last_logged < LOG_INTERVAL and self._last_logged:
                self._unlogged_failures += 1
                return
            skipped, self._unlogged_failures = self._unlogged_failures, 0
            self._last_logged = now
        logger.error(
            "Cache unavailable (%s: %s); serving without it. %d similar "
            "errors since the last report.",
            operation,
            error,
            skipped,
        )

    def ping(self):
        """Raise unless Redis answers now (for /healthz; never fails open)."""
        self._cache.get_client(write=True).ping()

    add = _fail_open(_false)(RedisCache.add)
    get = _fail_open(_miss)(RedisCache.get)
    set = _fail_open(_nothing)(RedisCache.set)
    touch = _fail_open(_false)(RedisCache.touch)
    delete = _fail_open(_false)(RedisCache.delete)
    get_many = _fail_open(_no_keys)(RedisCache.get_many)
    has_key = _fail_open(_false)(RedisCache.has_key)
    incr = _fail_open(_incr_missing)(RedisCache.incr)
    set_many = _fail_open(_all_failed)(RedisCache.set_many)
    delete_many = _fail_open(_nothing)(RedisCache.delete_many)
    clear = _fail_open(_false)(RedisCache.clear)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        # BaseCache's version re-reads after `add`, which is a miss while
        # Redis is down; compute the value once instead.
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self.add(key, value, timeout=timeout, version=version)
        return value
