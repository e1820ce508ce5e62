"""Cache backends that fail soft: a cache that is down or slow answers as a miss.

The site's cache is an accelerator, never a dependency of correctness or of being up.
Each backend here is Django's own with every call guarded: an error (Redis stopped,
a read that times out, a full disk) is logged once, opens a circuit breaker for
``RETRY_AFTER`` seconds (a top-level key of the ``CACHES`` entry, default 5) during
which calls return at once as misses, and is never raised to the page or to an
editor's save. Redis' connect and read timeouts are set short in the settings
(``CACHE_TIMEOUT_SECONDS``), so a paused server costs one short wait, not one per
request.
"""

import logging
import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

from .faults import CircuitBreaker

logger = logging.getLogger(__name__)

RETRY_AFTER = 5

_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(name, retry_after):
    """One breaker per cache and process: Django makes a backend instance per thread."""
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = CircuitBreaker(name, retry_after, logger)
        return _breakers[name]


class FailSoftMixin:
    #: the errors of this backend that mean "the cache is not there"
    failures = (OSError,)

    def __init__(self, location, params):
        super().__init__(location, params)
        name = f"Cache {type(self).__name__} at {location}"
        self.breaker = breaker_for(name, params.get("RETRY_AFTER", RETRY_AFTER))

    def _guarded(self, default, method, *args, **kwargs):
        if self.breaker.is_open:
            return default
        try:
            result = method(*args, **kwargs)
        except self.failures as error:
            self.breaker.failed(error)
            return default
        self.breaker.succeeded()
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        self._guarded(None, super().clear)


class FailSoftRedisCache(FailSoftMixin, RedisCache):
    def __init__(self, server, params):
        from redis.exceptions import RedisError

        self.failures = (RedisError, OSError)
        super().__init__(server, params)


class FailSoftFileCache(FailSoftMixin, FileBasedCache):
    """The embedded default: shared by every process on the machine (``make run``,
    several gunicorn workers, ``manage.py`` commands), unlike a per-process memory cache."""
