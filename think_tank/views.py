from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from articles.editions import language_links
from core.site import site_name


@requires_csrf_token
def page_not_found(request, exception):
    """The 404 page; its language switcher leads to each edition's home page."""
    template = loader.get_template("404.html")
    context = {"language_links": language_links(request, url_for=lambda code: None)}
    return HttpResponseNotFound(template.render(context, request))


@requires_csrf_token
def server_error(request):
    """The 500 page with the site's navigation, rendered without touching the database.

    Context processors are skipped on purpose: the database may be the very
    thing that failed.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"site_name": site_name()}))
