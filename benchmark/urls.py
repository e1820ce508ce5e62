"""The site's own URLs plus a trivial view, the yardstick every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from think_tank.urls import handler404, handler500  # noqa: F401
from think_tank.urls import urlpatterns as site_urlpatterns

TRIVIAL_PATH = "/benchmark-trivial/"


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(TRIVIAL_PATH.strip("/") + "/", trivial), *site_urlpatterns]
