"""Template tags for text shown in another language than the page's, and stored links."""

from django import template

from core import languages, text

register = template.Library()


@register.simple_tag
def lang_attrs(obj, field):
    """` lang="ar" dir="rtl"` where ``obj.field`` falls back to another language, else ""."""
    return languages.lang_attrs(obj, field)


@register.filter
def safe_url(value):
    """A link target from stored data, kept only if it is http(s) or mailto."""
    return text.safe_url(value)
