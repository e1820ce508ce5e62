"""``{% cite_box article %}`` and ``{% citation_meta article %}`` for a paper's page."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from core.site import site_name

from ..citations import EXPORTS, cite_context

register = template.Library()


def _absolute(context, article):
    return context["request"].build_absolute_uri(article.get_absolute_url())


def pdf_url(context, article):
    """The PDF edition's address (``articles:pdf``), under the article's own path."""
    path = reverse("articles:pdf", kwargs={"slug": article.slug})
    return context["request"].build_absolute_uri(path)


@register.inclusion_tag("articles/includes/cite.html", takes_context=True)
def cite_box(context, article, print=False):
    return {
        "article": article,
        "references": article.references.all(),
        "print": print,
        **cite_context(article, _absolute(context, article)),
    }


@register.inclusion_tag("articles/includes/citation_meta.html", takes_context=True)
def citation_meta(context, article):
    published = timezone.localtime(article.published_at) if article.published_at else None
    return {
        "article": article,
        "authors": [authorship.author.name for authorship in article.authorships.all()],
        "published": published,
        "updated": timezone.localtime(article.updated_at) if article.updated_at else None,
        "institution": site_name(),
        "language": get_language(),
        "keywords": "; ".join(tag.name for tag in article.tags.all()),
        "report_number": article.report_number or "",
        "doi": article.doi,
        "pdf_url": pdf_url(context, article),
        "exports": EXPORTS,
    }
