"""The one allowlist for HTML that editors write.

The rich-text editor calls :func:`sanitize_html` when its form validates,
:meth:`articles.models.Article.save` calls it again, so text written through the
ORM, an import or a script is as clean as text typed in the admin, and the pages
and feeds call it once more on what they show (``rendering.body.render_body``):
``update()``, ``bulk_create()`` and raw SQL write without ``save()``.

Text is cleaned first, then sanitized: control characters are dropped before the
allowlist judges the markup, never after. (A link written ``\x7fjavascript:…`` is a
relative link to the sanitizer; with the DEL removed afterwards it would become a
``javascript:`` link.)
"""

import nh3

from core.text import strip_control_characters

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "ul", "ol", "li", "blockquote",
    "strong", "em", "b", "i", "u", "s", "sub", "sup", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    # Content of these is dropped with the tag, never shown as text.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    strip_comments=True,
)

# The editor's toolbar, kept in step with ALLOWED_TAGS.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "Superscript": True,
    "Subscript": True,
    "History": True,
}


def sanitize_html(html):
    """Return ``html`` reduced to the allowlist; empty editor output becomes ""."""
    if not html:
        return ""
    cleaned = _cleaner.clean(strip_control_characters(html)).strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned
