"""Citing an article: its CSL-JSON description, citations in Chicago and APA, exports.

- ``items``: the article and its references as CSL-JSON items;
- ``csl``: citeproc-py with the shipped styles and locales (``csl/``, CC BY-SA 3.0);
- ``formats``: BibTeX, RIS and CSL-JSON files;
- ``parsing``: a reference's structured parts read from its written ones.

``cite_context`` is what ``templates/articles/includes/cite.html`` needs, for the
page and for the PDF edition alike.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import csl
from .items import article_item, reference_item

STYLE_LABELS = {"chicago": _("Chicago (18th ed.)"), "apa": _("APA (7th ed.)")}
EXPORTS = [
    ("bib", "BibTeX", "application/x-bibtex"),
    ("ris", "RIS", "application/x-research-info-systems"),
    ("json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
]


def edition(language=None):
    return "ar" if (language or get_language() or "ar").startswith("ar") else "en"


def citation(article, url, *, style, language=None, html=True):
    """The article's own bibliography entry in ``style``, in the edition's language."""
    item = article_item(article, url)
    (entry,) = csl.render([item], style=style, language=edition(language), html=html)
    return mark_safe(entry) if html else entry  # noqa: S308 - the data went in escaped


def cite_context(article, url, language=None):
    """``citations`` (style, label, html, text) for the «Cite this paper» box."""
    return {
        "citations": [
            {
                "style": style,
                "label": label,
                "html": citation(article, url, style=style, language=language),
            }
            for style, label in STYLE_LABELS.items()
        ],
        "exports": EXPORTS,
    }


def bibliography_items(article):
    return [reference_item(reference) for reference in article.references.all()]
