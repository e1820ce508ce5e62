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
    data.update(citation_data(article, url))
    return data


def citation_data(article, url):
    """What a reader of citations wants: the references, identifiers, series, the PDF."""
    data = {}
    citations = []
    for reference in article.references.all():
        work = {"@type": "CreativeWork", "name": reference.title}
        names = [c.get("name") for c in reference.creators or [] if c.get("name")]
        if names:
            work["author"] = names
        if reference.url:
            work["url"] = reference.url
        if reference.issued_year:
            work["datePublished"] = str(reference.issued_year)
        citations.append(work)
    if citations:
        data["citation"] = citations
    identifiers = []
    report_number = getattr(article, "report_number", "") or ""
    doi = getattr(article, "doi", "") or ""
    if report_number:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "report number", "value": report_number}
        )
    if doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": doi})
        data["sameAs"] = f"https://doi.org/{doi}"
    if identifiers:
        data["identifier"] = identifiers
    series = getattr(article, "series", "") or ""
    if series:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": series}
    if article.is_paper:
        pdf = {
            "@type": "MediaObject",
            "contentUrl": f"{url}pdf/",
            "encodingFormat": "application/pdf",
        }
        data["encoding"] = pdf
        data["associatedMedia"] = pdf
    return data


def json_ld(data):
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - the markup characters are escaped above
