"""Document details in templates: a DOI's address and the site's licence."""

from django import template
from django.conf import settings

from core.doi import doi_url as _doi_url

register = template.Library()


@register.filter
def doi_url(doi):
    return _doi_url(doi)


@register.simple_tag
def site_licence():
    """``settings.SITE_LICENCE`` ({"name", "url"}), or None when the site states none."""
    licence = getattr(settings, "SITE_LICENCE", None) or {}
    return licence if licence.get("name") else None
