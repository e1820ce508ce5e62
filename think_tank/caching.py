"""The cache settings, from the environment: which cache, and how it fails soft.

One cache shared by every process: files under ``.cache/`` by default (every process of
this machine: ``make run``, gunicorn's workers, ``manage.py`` commands), Redis in
production (``CACHE_URL=redis://…``, every app server). Either fails soft
(``core/cache.py``): down, slow or full, it answers as a miss, and pages are rendered
from the database.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

FAIL_SOFT_BACKENDS = {
    "django.core.cache.backends.redis.RedisCache": "core.cache.FailSoftRedisCache",
    "django.core.cache.backends.filebased.FileBasedCache": "core.cache.FailSoftFileCache",
}


def cache_config(url):
    """A ``CACHES`` entry from a URL: ``filecache:///path``, ``redis://host:6379/0``, …

    django-environ would pick django-redis for redis:// if it happened to be installed;
    the site uses Django's own Redis backend, always.
    """
    scheme = url.partition("://")[0]
    if scheme.startswith("memcache") or scheme == "pylibmc":
        raise ImproperlyConfigured("CACHE_URL: Memcached is not supported, use redis://.")
    redis = scheme in {"redis", "rediss", "rediscache"}
    try:
        config = environ.Env.cache_url_config(
            url, backend="django.core.cache.backends.redis.RedisCache" if redis else None
        )
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: {error}") from None
    # django-environ lower-cases ?timeout=…&key_prefix=… for this backend; Django reads them
    # in capitals only.
    for option in ("timeout", "key_prefix", "version"):
        if option in config:
            config[option.upper()] = config.pop(option)
    return config


def caches(environment, default_folder):
    """``CACHES`` for ``environment`` (``os.environ``): ``CACHE_URL``, the timeouts."""
    config = cache_config(environment.get("CACHE_URL") or f"filecache://{default_folder}")
    config["BACKEND"] = FAIL_SOFT_BACKENDS.get(config["BACKEND"], config["BACKEND"])
    # A failed cache is skipped for this many seconds before it is tried again.
    config["RETRY_AFTER"] = float(environment.get("CACHE_RETRY_SECONDS", "5"))
    options = config.setdefault("OPTIONS", {})
    if config["BACKEND"].endswith("RedisCache"):
        # A stopped or paused Redis costs one short wait, not the client's default of none.
        timeout = float(environment.get("CACHE_TIMEOUT_SECONDS", "0.25"))
        options.setdefault("socket_connect_timeout", timeout)
        options.setdefault("socket_timeout", timeout)
    else:
        # Room for a busy day's pages (Django's default, 300, is a few minutes of crawling).
        options.setdefault("MAX_ENTRIES", 2000)
    return {"default": config}
