"""The public site's page cache: whole responses in the shared cache, never stale.

Anonymous ``GET`` requests for public pages and feeds are answered from the
cache (the database's cache table by default, Redis through ``CACHE_URL``) with
one query (the site's stamp) and one round trip to the cache. Every cached page
carries the stamp it was rendered for, and is served only while that stamp is
current; the stamp is a database row (``stamp.py``):

* any change an editor saves to the content (articles, their authors,
  references, read-also links and tags, sections, authors) makes a new stamp,
  in the same transaction, so every page shows it on the next request, on every
  server and process;
* the stamp also knows when the next scheduled article is due, and is
  replaced at that moment: a scheduled article appears on cached pages at its
  time, without a cron job.

The cache is an accelerator, never a dependency: a cache that fails answers as
a miss (``core.cache``), and the page is rendered from the database. Pages are
filed by address with only the query parameters a page reads
(``PAGE_CACHE_QUERY_PARAMS``: made-up tracking parameters make no new entries),
and an entry larger than ``PAGE_CACHE_MAX_ENTRY_BYTES`` is not kept.

Requests carrying a session cookie (editors, previews, the admin) are neither
served from nor stored in the cache, and neither is any response that is
private, sets a cookie or is not a ``200``. A conditional request answered from
the cache gets its ``304`` without rendering anything.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from .stamp import read_stamp, stamp_used

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


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def cache_key(request):
    """One entry per address (scheme, host, path, the query parameters pages read) and
    language.

    The entry holds the stamp it was rendered for: a page of an older stamp is a
    miss (and is replaced, not left behind).
    """
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in settings.PAGE_CACHE_QUERY_PARAMS
        for value in values
    )
    address = "\n".join(
        (
            request.scheme,
            request.get_host(),
            get_language_from_request(request, check_path=True),
            request.path,
            urlencode(query),
        )
    )
    return f"pages:{hashlib.sha256(address.encode()).hexdigest()}"


def storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or len(response.content) > settings.PAGE_CACHE_MAX_ENTRY_BYTES:
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
        found = read_stamp()
        stamp = found.token if found else None
        # What the section menu is kept under (``articles.context_processors``).
        request.sections_version = found.sections if found else None
        entry = page_cache().get(key)
        # No stamp: the database does not answer and this process has read none. The
        # page as last cached is served rather than none (it cannot be rendered now).
        if entry is not None and (stamp is None or entry[0] == stamp):
            response = thaw(entry[1])
            response["X-Cache"] = "hit"
            return self.conditional(request, response)

        # Render the whole page, whatever the client already has, so it can be stored.
        conditions = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        response = self.get_response(request)
        request.META.update(conditions)
        if stamp is None or not storable(request, response):
            # Not kept (too large, private, a file…): the client's 304 all the same.
            return self.conditional(request, response)

        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        if settings.PAGE_CACHE_MAX_AGE == 0:
            patch_cache_control(response, must_revalidate=True)
        # Filed under the stamp the request began with: an editor's change made
        # while it rendered leaves this copy already out of date, as it should be.
        page_cache().set(key, (stamp, freeze(response)), settings.PAGE_CACHE_TIMEOUT)
        stamp_used()
        response["X-Cache"] = "miss"
        return self.conditional(request, response)

    def conditional(self, request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
