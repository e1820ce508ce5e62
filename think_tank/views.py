from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .site import site_name


@requires_csrf_token
def server_error(request):
    """The 500 page with the site's navigation, rendered without touching the database.

    Context processors are skipped on purpose: the database may be the very
    thing that failed.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"site_name": site_name()}))
