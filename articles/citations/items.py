"""CSL-JSON items: the article itself and each of its references.

CSL-JSON is the one description every output starts from: the citation box
(citeproc-py), the BibTeX, RIS and CSL-JSON downloads.
"""

from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.translation import get_language

from core.site import site_name


def article_item(article, url):
    """The article as a CSL-JSON item (a report for papers, a web page for news)."""
    published = timezone.localtime(article.published_at) if article.published_at else None
    item = {
        "id": f"article-{article.pk}",
        "type": "report" if article.is_paper else "webpage",
        "title": article.title,
        "author": [{"literal": a.author.name} for a in article.authorships.all()],
        "publisher": site_name(),
        "URL": uri_to_iri(url),  # an Arabic slug stays readable in the citation
        "language": get_language(),
    }
    if not article.is_paper:
        item["container-title"] = site_name()
    if published:
        item["issued"] = {"date-parts": [[published.year, published.month, published.day]]}
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        item["keyword"] = ", ".join(tags)
    if article.summary:
        item["abstract"] = article.summary
    if article.report_number:
        item["number"] = article.report_number
    if article.series:
        item["collection-title"] = article.series
    if article.doi:
        item["DOI"] = article.doi
    return item


def _name(creator):
    if creator.get("family"):
        name = {"family": creator["family"]}
        if creator.get("given"):
            name["given"] = creator["given"]
        return name
    return {"literal": creator.get("name", "")}


def reference_item(reference):
    """One reference as a CSL-JSON item, from its structured parts."""
    item = {
        "id": f"ref-{reference.number}",
        "type": reference.item_type or "report",
        "title": reference.title,
        "author": [_name(c) for c in reference.creators or [] if c.get("name") or c.get("family")],
    }
    if not item["author"] and reference.authors:
        item["author"] = [{"literal": reference.authors}]
    if reference.issued_year:
        parts = [reference.issued_year, reference.issued_month, reference.issued_day]
        item["issued"] = {"date-parts": [[p for p in parts if p]]}
    elif reference.date_text:
        item["issued"] = {"literal": reference.date_text}
    if reference.container:
        item["container-title"] = reference.container
    if reference.publisher and reference.publisher.removeprefix("موقع ") != reference.container:
        item["publisher"] = reference.publisher
    optional = {
        "publisher-place": reference.place,
        "number": reference.report_number,
        "URL": reference.url,
        "note": reference.note,
    }
    item.update({key: value for key, value in optional.items() if value})
    if reference.accessed:
        accessed = reference.accessed
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    return item
