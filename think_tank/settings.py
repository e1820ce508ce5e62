"""Settings for the think tank's publishing system.

Everything comes from ``DJANGO_*`` variables and ``DATABASE_URL``. With no
variables at all the site runs locally on SQLite with DEBUG on; production
(``DJANGO_DEBUG=false``) refuses to start without its secrets.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.jquery_ui
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from think_tank import caching, media

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    # Local development only: a key that is useless anywhere else.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "local-development-only-not-a-secret"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
else:
    missing = [
        name for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS") if not os.environ.get(name)
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production settings (DJANGO_DEBUG=false) need these variables: " + ", ".join(missing)
        )
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "easy_thumbnails",
    "think_tank.apps.AxesConfig",
    # Revisions of articles (history, restore, recover) and their comparison.
    "reversion",
    "reversion_compare",
    "core",
    "authors",
    "articles",
    "benchmark",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answered before sessions, CSRF or the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (settings below).
    "csp.middleware.CSPMiddleware",
    "core.csp.FormMediaNonceMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A NUL in the address, headers or cookies is a 400 before anything queries with it.
    "core.nul.RefuseNulMiddleware",
    # Anonymous visitors' pages from the shared cache, before sessions or the database.
    "articles.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in the language its user chose (the public site's is its address).
    "think_tank.admin_language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag and Last-Modified answered with 304 when the client already has the page.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "think_tank.urls"
WSGI_APPLICATION = "think_tank.wsgi.application"
ASGI_APPLICATION = "think_tank.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several editors saving at once: every transaction takes SQLite's write lock when it
    # begins (BEGIN IMMEDIATE), so a second writer waits up to `timeout` seconds for the
    # first instead of failing with "database is locked" when its read turns into a write.
    # Options in DATABASE_URL (?timeout=…) win.
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("timeout", 20)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles queries it guesses to be costly: 40 ms spent compiling to
    # save nothing on the article page's few-row queries. Off, as for most web workloads.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Shared by every process, failing soft (think_tank/caching.py, core/cache.py).
CACHES = caching.caches(os.environ, BASE_DIR / ".cache")

# Public pages and feeds, whole, in that cache (articles/pagecache/): a new stamp of the
# site on every change an editor saves, so never stale. Browsers and proxies revalidate
# (ETag/Last-Modified) after PAGE_CACHE_MAX_AGE seconds: 0 unless the site accepts staleness.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("DJANGO_PAGE_CACHE_TIMEOUT", str(60 * 60)))
PAGE_CACHE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_AGE", "0"))
PAGE_CACHE_EXCLUDE = ["/admin/", "/healthz", "/i18n/", "/static/", "/media/"]
# The query parameters pages read (pagination, search, sitemap pages): the only ones a
# cached page is filed under, so made-up ones (?utm_source=…, ?fbclid=…) make no entries.
PAGE_CACHE_QUERY_PARAMS = {"page", "q", "p"}
# A response larger than this is served but not kept.
PAGE_CACHE_MAX_ENTRY_BYTES = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_ENTRY_BYTES", "1048576"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first, English as the second edition.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The site's own date formats per language, before Django's (core/formats/ar/formats.py).
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Asia/Damascus"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar",)

# Tags typed in the admin may be separated by the Arabic comma as well.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.edit_string_for_tags"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # A local copy of jQuery UI for modeltranslation's tabs: nothing from a CDN.
    ("jquery-ui", xstatic.pkg.jquery_ui.BASE_DIR),
]
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"

# Production serves hashed, compressed copies made by collectstatic; WhiteNoise gives the
# hashed names far-future, immutable Cache-Control. With DEBUG (make run, the tests) files
# come straight from the finders, so nothing has to be collected first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "think_tank.storage.StaticFilesStorage"
        )
    },
}
# Decided here, not from settings.DEBUG at run time: the test runner turns DEBUG off,
# and the tests have no collected files either.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Where pages' images come from besides this site (Content-Security-Policy's img-src).
MEDIA_ORIGINS = []

# Uploads, their renditions and generated files live in one S3 bucket when
# AWS_STORAGE_BUCKET_NAME is set (django-storages' setting names), shared by every app
# server on any machine; otherwise under MEDIA_ROOT. Code reaches them only through the
# storage API (default_storage, FieldFile.open/.url/.size), never by a path.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # An S3-compatible service (MinIO, R2…), unset for AWS; unset keys leave boto3 its
    # own chain (an instance role, ~/.aws). A CDN in front: AWS_S3_CUSTOM_DOMAIN.
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Public media in cached pages: plain addresses, not signed ones that expire within
    # the hour. Reading is the bucket policy's (or the CDN's) to grant, not per-object ACLs.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    # A second cover.jpg is a second file, as on disk.
    AWS_S3_FILE_OVERWRITE = False
    MEDIA_URL = media.s3_media_url(
        AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN
    )
    MEDIA_ORIGINS = [media.origin(MEDIA_URL)]

# Uploads: refuse what no editor means to send.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SITE_NAME = os.environ.get("DJANGO_SITE_NAME", "")

# Document details of papers (articles/documents.py): the number a paper gets when first
# published, and the licence its details block and PDF state.
REPORT_NUMBER_PATTERN = os.environ.get("DJANGO_REPORT_NUMBER_PATTERN", "TT-{year}-{n:03d}")
SITE_LICENCE = {
    "name": os.environ.get("DJANGO_SITE_LICENCE", "CC BY 4.0"),
    "url": os.environ.get(
        "DJANGO_SITE_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
    ),
}

# Renditions of uploaded images for responsive srcset, made once and stored.
THUMBNAIL_ALIASES = {
    "": {
        "w480": {"size": (480, 0)},
        "w800": {"size": (800, 0)},
        "w1200": {"size": (1200, 0)},
    }
}
THUMBNAIL_SUBDIR = "renditions"
# Stored with the uploads: with no "easy_thumbnails" in STORAGES, easy-thumbnails uses
# default_storage, lazily (an alias of "default" would pin the instance found at import).
# Renditions are WebP (smaller than JPEG at the same quality), transparent or not.
THUMBNAIL_EXTENSION = "webp"
THUMBNAIL_TRANSPARENCY_EXTENSION = "webp"

# Image uploads (articles/images.py): checked by content, re-encoded, metadata dropped.
IMAGE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000

LOGIN_URL = "admin:login"
# Where a login goes when its "next" is missing or points to another site.
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling: after 5 failed attempts for one username from one address, further
# attempts, even with the right password, are refused for a while; so are all of an
# address's after 20 (by default) across usernames, against password spraying. Someone
# guessing an editor's password locks out only themselves (think_tank/logins.py).
LOGIN_USERNAME_FAILURE_LIMIT = 5
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_ADDRESS_LIMIT", "20"))
AXES_FAILURE_LIMIT = "think_tank.logins.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Behind the proxy every socket is the proxy's: the client's address is the one the proxy
# appended to X-Forwarded-For, believed only from the proxies gunicorn believes (the same
# variable, the same default as think_tank/gunicorn.conf.py).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS") or ["127.0.0.1", "::1"]
AXES_CLIENT_IP_CALLABLE = "think_tank.logins.client_ip"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Security headers, the same in every mode so that developers and the tests meet what
# readers get. Django adds X-Content-Type-Options, Referrer-Policy,
# Cross-Origin-Opener-Policy (same-origin) and X-Frame-Options (DENY) by default.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Share links to other sites still say which site sent the reader, never which page.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp), enforced in every mode. Scripts only from this
# site and never 'unsafe-inline': public pages have no inline script to run (their
# JSON-LD is a data block, which the policy does not govern), so their header is the
# same for every reader and whole pages may be cached. The only inline script is the
# import map of the admin's rich-text editor; core.csp gives it the request's
# nonce, and django-csp adds the nonce to the header of that response only.
# Styles: stylesheets from this site, no style attributes, on public pages and in the
# admin, and no 'unsafe-inline' either: the one inline stylesheet is the base style that
# Tiptap (inside django-prose-editor 0.28) adds to the admin's page as a <style> element,
# without a nonce, so it is allowed by its hash (ProseMirror needs it, white-space
# included). tests/think_tank/test_security_headers.py checks the hash against editor.js.
# The one style attribute, likewise: reversion-compare's history table hides a radio
# button with style="visibility:hidden".
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
HISTORY_STYLE_ATTRIBUTE_HASH = "'sha256-I/4Jcdrg5KNFrU0X4p2nNmjeGh9aI+9ac0cUllI5SwY='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, PROSE_EDITOR_STYLE_HASH],
        "style-src-attr": [UNSAFE_HASHES, HISTORY_STYLE_ATTRIBUTE_HASH],
        # Uploaded images and their renditions: this site, or the media bucket.
        "img-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Permissions-Policy (django-permissions-policy): the site uses none of these powers but
# one, share.js copying a link (its native share sheet, web-share, is allowed to the site
# by default; Chromium does not accept the name in this header yet).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "clipboard-write": ["self"],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # A load balancer probes the health check over plain HTTP, on the app server itself.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
