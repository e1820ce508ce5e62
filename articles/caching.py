"""The public site's page cache: whole responses in the shared cache, never stale.

Anonymous ``GET`` requests for public pages and feeds are answered from the
cache (local memory by default, Redis through ``CACHE_URL``) with no database
query at all, and one round trip to the cache. Every cached page carries the
site's *version* it was rendered for, and is served only while that version is
current (the version is kept in the same cache beside the pages):

* any change an editor saves to the content (articles, their authors,
  references, read-also links and tags, sections, authors) makes a new version,
  so every page shows it on the next request, on every server sharing the
  cache;
* the version also knows when the next scheduled article is due, and is
  replaced at that moment: a scheduled article appears on cached pages at its
  time, without a cron job.

Requests carrying a session cookie (editors, previews, the admin) are neither
served from nor stored in the cache, and neither is any response that is
private, sets a cookie or is not a ``200``. A conditional request answered from
the cache gets its ``304`` without rendering anything.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

STAMP_KEY = "pages:stamp"
# The models whose changes show on public pages, by app.
CONTENT_APPS = {"articles", "authors"}
# Left to the view: a request that depends on one of these is not the same page.
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# Headers that belong to one response, not to a page served again from the cache.
NOT_STORED = {"set-cookie", "date", "x-cache"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_version():
    """A fresh version of the site, valid until the next scheduled article is due."""
    from .models import Article

    due = Article.objects.scheduled().aggregate(due=Min("published_at"))["due"]
    stamp = {"version": uuid.uuid4().hex, "until": due}
    page_cache().set(STAMP_KEY, stamp, None)
    return stamp["version"]


def valid_version(stamp):
    """The stamp's version, or a new one if there is none or its time is up."""
    if stamp is None or (stamp["until"] is not None and timezone.now() >= stamp["until"]):
        return new_version()
    return stamp["version"]


def content_changed(sender, using="default", **kwargs):
    """Signal receiver: a change to the content makes a new version of the site.

    The current version is dropped at once (no query), so no page of it is
    served again, and a new one is made when the transaction commits, once
    however many rows it saved, so that a page rendered from the old rows in
    between is not kept.
    """
    if sender._meta.app_label not in CONTENT_APPS:
        return
    page_cache().delete(STAMP_KEY)
    connection = transaction.get_connection(using)
    if not any(func is new_version for _ids, func, _robust in connection.run_on_commit):
        transaction.on_commit(new_version, using=using)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"pages-{id(signal)}")


def is_public_page(request):
    """Not the admin, the health check or files: those are never kept here."""
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE)


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def cache_key(request):
    """One entry per address (scheme, host, path and query) and language.

    The entry holds the version it was rendered for: a page and the site's
    version come back from the cache in one round trip, and a page of an older
    version is a miss (and is replaced, not left behind).
    """
    address = "\n".join(
        (
            request.scheme,
            request.get_host(),
            get_language_from_request(request, check_path=True),
            request.get_full_path(),
        )
    )
    return f"pages:{hashlib.sha256(address.encode()).hexdigest()}"


def storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def freeze(response):
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
    return (response.status_code, headers, response.content)


def thaw(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serves anonymous visitors their pages from the shared cache (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_page(request):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            response = self.get_response(request)
            if not is_anonymous(request) and "Cache-Control" not in response:
                # Pages an editor sees may differ from the public's: theirs alone.
                patch_cache_control(response, private=True)
            return response

        key = cache_key(request)
        found = page_cache().get_many([STAMP_KEY, key])
        version = valid_version(found.get(STAMP_KEY))
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            response = thaw(entry[1])
            response["X-Cache"] = "hit"
            return self.conditional(request, response)

        # Render the whole page, whatever the client already has, so it can be stored.
        conditions = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        response = self.get_response(request)
        request.META.update(conditions)
        if not storable(request, response):
            return response

        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        if settings.PAGE_CACHE_MAX_AGE == 0:
            patch_cache_control(response, must_revalidate=True)
        # Filed under the version the request began with: an editor's change made
        # while it rendered leaves this copy already out of date, as it should be.
        page_cache().set(key, (version, freeze(response)), settings.PAGE_CACHE_TIMEOUT)
        response["X-Cache"] = "miss"
        return self.conditional(request, response)

    def conditional(self, request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
