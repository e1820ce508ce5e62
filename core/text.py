import re
from html import unescape

from django.db import models

# C0 controls (but tab, newline and carriage return), DEL and the noncharacters
# U+FFFE/U+FFFF: never meant by an editor (they arrive with pasted text), and
# not allowed in XML, so they would break the feeds.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def strip_control_characters(value):
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


class CleanTextMixin:
    """Removes control characters from every text field before saving."""

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                setattr(self, field.attname, strip_control_characters(value))
        super().save(*args, **kwargs)


SAFE_URL_SCHEMES = {"http", "https", "mailto"}


def safe_url(value):
    """``value`` if it is a web or mail address, else "" (never a javascript: link).

    URL fields are validated in forms, but not when written by an import or a
    script; links are checked again where they are shown.
    """
    if not isinstance(value, str):
        return ""
    url = strip_control_characters(value).strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in SAFE_URL_SCHEMES or any(c.isspace() for c in scheme):
        return ""
    return url


# Where one block of text ends and the next begins: a line break or a block's edge.
_BLOCK_EDGE = re.compile(
    r"<br\s*/?>|</?(?:p|h[1-6]|li|ul|ol|blockquote|div|section|tr|td|th|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def plain_text(html):
    """The text of sanitized ``html`` as a reader reads it: blocks apart, entities decoded.

    «…الإرهاب.</p><h2>التحالف…» is «…الإرهاب. التحالف…», never «الإرهاب.التحالف».
    For excerpts and descriptions made from the body, not for showing markup.
    """
    text = _TAG.sub("", _BLOCK_EDGE.sub(" ", html or ""))
    return " ".join(unescape(text).split())
