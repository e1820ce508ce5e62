"""The site's own URLs plus the two yardsticks every page is measured against.

Both are ``HttpResponse("ok")``. ``TRIVIAL_PATH`` is stored by the page cache after
its first request, like any public page, so it measures a cache hit: the middleware
before the cache and one lookup. ``STACK_TRIVIAL_PATH`` is ``never_cache``, which the
page cache never stores (``private``, ``no-store``): every request runs every
middleware and the view, with the cache's lookup as on a page miss. Pages are divided
by the second, so a ratio says what a page costs beyond Django itself.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from think_tank.urls import handler404, handler500  # noqa: F401
from think_tank.urls import urlpatterns as site_urlpatterns

TRIVIAL_PATH = "/benchmark-trivial/"
STACK_TRIVIAL_PATH = "/benchmark-trivial-stack/"


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(TRIVIAL_PATH.strip("/") + "/", trivial),
    path(STACK_TRIVIAL_PATH.strip("/") + "/", never_cache(trivial)),
    *site_urlpatterns,
]
