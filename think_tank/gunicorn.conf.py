"""Gunicorn settings for ``make serve``: ``gunicorn -c think_tank/gunicorn.conf.py``.

Read from the environment, as the Django settings are: ``HOST`` and ``PORT`` (default
127.0.0.1:8000), ``WEB_CONCURRENCY`` (worker processes, default two per CPU plus one)
and ``FORWARDED_ALLOW_IPS`` (the addresses of the TLS-terminating proxy, default
loopback).

Every worker serves what is current whatever cache it uses: the page cache's stamp is a
database row (articles/pagecache/). The default cache (files under .cache/) is shared
by the workers of one machine; several machines share Redis (``CACHE_URL=redis://…``).
"""

import multiprocessing
import os

wsgi_app = "think_tank.wsgi:application"

bind = [f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"]
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)

# The proxy whose X-Forwarded-* headers are believed. Django reads X-Forwarded-Proto
# itself (SECURE_PROXY_SSL_HEADER), so the app server must be reachable only through
# that proxy, which sets the header and never passes on a client's own. The login
# throttling reads the same variable, with the same default (settings.FORWARDED_ALLOW_IPS):
# from these addresses only, it takes the client's address from X-Forwarded-For, to which
# the proxy must append the address it saw (nginx: $proxy_add_x_forwarded_for).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"

# Requests and errors to the process's output, for whatever runs it to collect.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# A slow request is killed after 30 s rather than holding a worker for good.
timeout = 30
graceful_timeout = 20

# No control socket: it defaults to one path per user, which a second server on the same
# machine (another port, the two-server test) would fight over, and nothing here uses it.
control_socket_disable = True
