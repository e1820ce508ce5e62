import sys

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from articles.context_processors import site_links
from articles.editions import language_links
from core.site import site_name


@requires_csrf_token
def page_not_found(request, exception):
    """The 404 page; its language switcher leads to each edition's home page."""
    template = loader.get_template("404.html")
    context = {"language_links": language_links(request, url_for=lambda code: None)}
    return HttpResponseNotFound(template.render(context, request))


@requires_csrf_token
def bad_request(request, exception):
    """The 400 page in the site's language and design (a NUL in the address, a bad form)."""
    template = loader.get_template("400.html")
    context = {"site_name": site_name(), "site_links": site_links()}
    return HttpResponseBadRequest(template.render(context))


# Seconds a client is asked to wait when the database does not answer.
RETRY_AFTER = 30


@requires_csrf_token
def server_error(request):
    """The 500 page with the site's navigation, rendered without touching the database.

    Context processors are skipped on purpose: the database may be the very
    thing that failed. When it is (it refused or lost the connection), the answer is
    a 503 with ``Retry-After``: the site is temporarily unavailable, not broken, and
    an editor whose save met it is told that nothing was saved.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        context = {
            "site_name": site_name(),
            "site_links": site_links(),
            "saving": request.method == "POST",
        }
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    template = loader.get_template("500.html")
    context = {"site_name": site_name(), "site_links": site_links()}
    return HttpResponseServerError(template.render(context))


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" (/admin/r/…/), for objects the user may see in the admin.

    Django's own shortcut hands any staff member the address of any object by its id
    (a writer would learn another writer's draft slugs); this one answers 404 unless the
    object is in what the model's admin shows this user.
    """
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    try:
        model_admin = admin.site.get_model_admin(model)
    except NotRegistered:
        raise Http404 from None
    obj = model_admin.get_object(request, str(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)
