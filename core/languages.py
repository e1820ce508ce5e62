"""Marking text that is shown in another language than the page's.

django-modeltranslation falls back to Arabic where an English field is empty
(a section or an author not yet translated); such text keeps its own language
and direction inside an English page.
"""

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname


def lang_attrs(obj, field):
    """` lang="ar" dir="rtl"` where ``obj.field`` falls back to another language, else ""."""
    current = get_language() or settings.LANGUAGE_CODE
    if obj is None or getattr(obj, build_localized_fieldname(field, current), None):
        return ""
    shown = settings.LANGUAGE_CODE
    if shown == current:
        return ""
    direction = "rtl" if get_language_info(shown)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', shown, direction)
