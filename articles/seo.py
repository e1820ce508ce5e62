"""What search engines and link previews read of an article: schema.org JSON-LD."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.site import site_name

from .models import Section


def structured_data(article, url, cover, request):
    """schema.org description of the article for search engines."""
    kind = "NewsArticle" if article.section.genre == Section.Genre.NEWS else "Report"
    authors = []
    for authorship in article.authorships.all():
        author = authorship.author
        authors.append(
            {
                "@type": "Organization" if author.is_desk else "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
        )
    publisher = {
        "@type": "Organization",
        "name": site_name(),
        "url": request.build_absolute_uri("/"),
    }
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": get_language(),
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": authors or [publisher],
        "publisher": publisher,
    }
    if cover["absolute"]:
        data["image"] = [cover["absolute"]]
    return data


def json_ld(data):
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - the markup characters are escaped above
