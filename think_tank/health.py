"""``GET /healthz`` for a load balancer: is this app server able to serve pages?

``/healthz?deep=1`` is for operators: each dependency in turn (the database, the cache,
the media storage), with what failed. The status code stays the database's: the site
serves pages without its cache (slower), not without its database.
"""

import logging
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers ``SELECT 1``, 503 when it does not.

    Nothing else is touched (no session, no cache, no template), so the answer is about
    this process and its database only, and costs one query. ``never_cache`` keeps a
    proxy from answering for a server that has since gone down.
    """
    database = _database()
    status = 200 if database == "ok" else 503
    report = {"status": "ok" if status == 200 else "unavailable"}
    if request.GET.get("deep"):
        report |= {"database": database, "cache": _cache(), "storage": _storage()}
    return JsonResponse(report, status=status)


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The reason is for the operator's log, not for whoever can reach the probe; one
        # line, as a probe every few seconds would bury the log in tracebacks.
        logger.warning("Health check: the database is unreachable: %s", error)
        return "unavailable"
    return "ok"


def _cache():
    """A value written and read back: the fail-soft cache answers a miss when it is down."""
    key, value = "healthz:probe", uuid.uuid4().hex
    cache.set(key, value, 30)
    return "ok" if cache.get(key) == value else "unavailable"


def _storage():
    try:
        default_storage.exists("healthz-probe")
    except Exception as error:  # any backend's failure is the answer
        logger.warning("Health check: the media storage is unreachable: %s", error)
        return "unavailable"
    return "ok"
