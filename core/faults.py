"""What the site does when something it depends on fails: say so once, and stop asking.

``warn_every`` logs a warning at most once per interval for one kind of fault (a
database that does not answer is logged every ten seconds, not on every request);
``CircuitBreaker`` remembers that a dependency failed, so the next requests skip it
for a few seconds instead of each waiting for its timeout.
"""

import logging
import threading
import time

_last_warned = {}
_lock = threading.Lock()


def warn_every(seconds, logger, key, message, *args):
    """``logger.warning(message, *args)``, unless ``key`` was warned of in ``seconds``."""
    now = time.monotonic()
    with _lock:
        if now - _last_warned.get(key, -seconds) < seconds:
            return
        _last_warned[key] = now
    logger.warning(message, *args)


class CircuitBreaker:
    """Open for ``retry_after`` seconds after a failure: calls are skipped meanwhile.

    One breaker per dependency and process, shared by its threads. After the pause the
    next call goes through; if it succeeds the breaker closes (and says so), if it
    fails the breaker opens again.
    """

    def __init__(self, name, retry_after, logger=None):
        self.name, self.retry_after = name, retry_after
        self.logger = logger or logging.getLogger(__name__)
        self._open_until = 0.0
        self._failed = False
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return time.monotonic() < self._open_until

    def failed(self, error):
        with self._lock:
            first = not self._failed
            self._failed = True
            self._open_until = time.monotonic() + self.retry_after
        if first:
            self.logger.warning(
                "%s failed (%s): skipped for %s s at a time until it answers again",
                self.name,
                error,
                self.retry_after,
            )

    def succeeded(self):
        if not self._failed:
            return
        with self._lock:
            was_failed, self._failed = self._failed, False
            self._open_until = 0.0
        if was_failed:
            self.logger.warning("%s answers again", self.name)
