from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from core.site import site_name

from .editions import language_links
from .models import Section

# The site's own addresses every page links to, by name in the URLconf.
SITE_LINKS = ("home", "archive", "search", "feed", "feed_atom")
# The section menu of each sections token and language this process has shown.
_menus = {}
MENUS_KEPT = 8


def site(request):
    """What every public page's header and footer show.

    The language links are worked out only if the page does not bring its own (an
    article's lead to its translations); the menu is read once per sections token
    and language (the token comes with the page cache's stamp, new when a section
    changes) and the site's links once per language.
    """
    return {
        "site_name": site_name(),
        "nav_sections": section_menu(getattr(request, "sections_version", None)),
        "site_links": site_links(),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
        "default_language": settings.LANGUAGE_CODE,
    }


def section_menu(version):
    """The sections in menu order, each with its ``url``; from memory under ``version``."""
    key = (version, get_language())
    menu = _menus.get(key) if version is not None else None
    if menu is None:
        menu = list(Section.objects.all())
        for section in menu:
            section.url = section.get_absolute_url()
        if version is not None:
            if len(_menus) >= MENUS_KEPT:
                _menus.clear()
            _menus[key] = menu
    return menu


_links = {}


def site_links():
    """The addresses of ``SITE_LINKS`` in the active language, each made once.

    No database: the error pages, rendered without context processors, pass it too.
    """
    key = (get_language(), get_urlconf(), get_script_prefix())
    if key not in _links:
        _links[key] = {name: reverse(f"articles:{name}") for name in SITE_LINKS}
    return _links[key]
