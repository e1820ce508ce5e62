"""The PDF edition at ``<article address>pdf/``: public for what the public may see,
a preview for who may edit the article."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.http import content_disposition

from ..access import editable_articles
from ..models import Article
from ..selectors import authorships_prefetch
from .rendering import RenderFailed
from .storage import pdf_for, version_key

RETRY_AFTER = 60


def pdf_disposition(article):
    """``inline``, named from the slug."""
    ascii_name = slugify(article.slug) or f"article-{article.pk}"
    return content_disposition("inline", f"{article.slug}.pdf", fallback=f"{ascii_name}.pdf")


def unavailable(language):
    message = _("The PDF edition cannot be made right now. Please try again in a few minutes.")
    direction = "rtl" if language == "ar" else "ltr"
    response = HttpResponse(
        f'<!doctype html><html lang="{language}" dir="{direction}"><meta charset="utf-8">'
        f"<title>{_('PDF unavailable')}</title><p>{message}</p></html>",
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def article_pdf(request, slug):
    articles = Article.objects.published() | editable_articles(request.user)
    article = get_object_or_404(
        articles.select_related("section").prefetch_related(authorships_prefetch(), "references"),
        slug=slug,
    )
    language = get_language()
    etag = f'"{version_key(article, language)}"'
    last_modified = article.updated_at.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is None:
        base_url = request.build_absolute_uri(article.get_absolute_url())
        try:
            data = pdf_for(article, language, base_url=base_url)
        except RenderFailed:
            return unavailable(language)
        response = HttpResponse(data, content_type="application/pdf")
    else:
        response = not_modified
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = pdf_disposition(article)
    if article.is_public:
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        if settings.PAGE_CACHE_MAX_AGE == 0:
            patch_cache_control(response, must_revalidate=True)
    else:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
