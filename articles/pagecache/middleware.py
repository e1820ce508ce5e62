"""The public site's page cache: whole responses in the shared cache, never stale.

Anonymous ``GET`` requests for public pages and feeds are answered from the
cache (local memory by default, Redis through ``CACHE_URL``) with no database
query at all, and one round trip to the cache. Every cached page carries the
site's *stamp* it was rendered for, and is served only while that stamp is
current (the stamp is kept in the same cache beside the pages, ``stamp.py``):

* any change an editor saves to the content (articles, their authors,
  references, read-also links and tags, sections, authors) makes a new stamp,
  so every page shows it on the next request, on every server sharing the
  cache;
* the stamp also knows when the next scheduled article is due, and is
  replaced at that moment: a scheduled article appears on cached pages at its
  time, without a cron job.

Requests carrying a session cookie (editors, previews, the admin) are neither
served from nor stored in the cache, and neither is any response that is
private, sets a cookie or is not a ``200``. A conditional request answered from
the cache gets its ``304`` without rendering anything.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from .stamp import STAMP_KEY, page_cache, valid_stamp

# Left to the view: a request that depends on one of these is not the same page.
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# Headers that belong to one response, not to a page served again from the cache.
NOT_STORED = {"set-cookie", "date", "x-cache"}


def is_public_page(request):
    """Not the admin, the health check or files: those are never kept here."""
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE)


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def cache_key(request):
    """One entry per address (scheme, host, path and query) and language.

    The entry holds the stamp it was rendered for: a page and the site's stamp
    come back from the cache in one round trip, and a page of an older stamp is
    a miss (and is replaced, not left behind).
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
        stamp = valid_stamp(found.get(STAMP_KEY))
        entry = found.get(key)
        if entry is not None and entry[0] == stamp:
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
        # Filed under the stamp the request began with: an editor's change made
        # while it rendered leaves this copy already out of date, as it should be.
        page_cache().set(key, (stamp, freeze(response)), settings.PAGE_CACHE_TIMEOUT)
        response["X-Cache"] = "miss"
        return self.conditional(request, response)

    def conditional(self, request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
