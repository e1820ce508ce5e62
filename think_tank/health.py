"""``GET /healthz`` for a load balancer: is this app server able to serve pages?"""

import logging

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
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The reason is for the operator's log, not for whoever can reach the probe; one
        # line, as a probe every few seconds would bury the log in tracebacks.
        logger.warning("Health check: the database is unreachable: %s", error)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
