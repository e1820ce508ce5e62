"""Downloads at stable addresses under an article's own: its citation and its
bibliography as BibTeX, RIS and CSL-JSON.

``…/<slug>/citation.bib`` is the article itself; ``…/<slug>/references.bib`` every
reference it cites. Public articles only; whoever may preview an unpublished one
(``access``) may download it too, never cached.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify

from core.http import content_disposition

from .access import editable_articles
from .citations import EXPORTS, bibliography_items, formats
from .citations.items import article_item
from .models import Article
from .selectors import authorships_prefetch

WRITERS = {"bib": formats.bibtex, "ris": formats.ris, "json": formats.csl_json}
CONTENT_TYPES = {extension: content_type for extension, _name, content_type in EXPORTS}


def export(request, slug, what, fmt):
    if fmt not in WRITERS or what not in ("citation", "references"):
        raise Http404
    articles = Article.objects.published() | editable_articles(request.user)
    article = get_object_or_404(
        articles.select_related("section").prefetch_related(
            "tags", "references", authorships_prefetch()
        ),
        slug=slug,
    )
    if what == "citation":
        url = request.build_absolute_uri(article.get_absolute_url())
        items = [article_item(article, url)]
    else:
        items = bibliography_items(article)
    ascii_name = slugify(article.slug or "") or f"article-{article.pk}"
    suffix = "" if what == "citation" else "-references"
    response = HttpResponse(
        WRITERS[fmt](items), content_type=f"{CONTENT_TYPES[fmt]}; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(
        "attachment", f"{article.slug}{suffix}.{fmt}", fallback=f"{ascii_name}{suffix}.{fmt}"
    )
    if not article.is_public:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
