from django.conf import settings

from core.site import site_name

from .editions import language_links
from .models import Section


def site(request):
    """What every public page's header and footer show."""
    return {
        "site_name": site_name(),
        "nav_sections": Section.objects.all(),
        "language_links": language_links(request),
        "default_language": settings.LANGUAGE_CODE,
    }
