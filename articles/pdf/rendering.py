"""From an article to the bytes of its PDF edition (WeasyPrint, Pango/HarfBuzz shaping)."""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.dispatch import Signal
from django.template import loader
from django.utils import translation
from django.utils.encoding import uri_to_iri

from core.site import site_name

from ..citations import cite_context
from ..rendering import render_body

#: Sent after each render (sender: the article, ``language``, ``pages``): tests count them.
pdf_rendered = Signal()

# Part of every stored file's name: a change of the print template or its CSS makes
# every PDF anew. Move it on with such a change.
TEMPLATE_VERSION = "1"
DEFAULT_TEMPLATE = "articles/print/article.html"


class RenderFailed(Exception):
    pass


def local_fetcher():
    """WeasyPrint's fetcher for the print template: static files and media only.

    ``static:`` and ``media:`` addresses are read from the static files and the media
    storage; nothing is fetched from the network while a PDF renders. WeasyPrint is
    imported here, not with the module, so the site starts without Pango.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme, _colon, path = url.partition(":")
            if scheme == "static":
                body = _static_bytes(path)
            elif scheme == "media":
                with default_storage.open(path) as file:
                    body = file.read()
            else:
                raise ValueError(f"not fetched while rendering a PDF: {url}")
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    return LocalFetcher()


def _static_bytes(path):
    found = finders.find(path)
    if found:
        with open(found, "rb") as file:
            return file.read()
    with staticfiles_storage.open(path) as file:
        return file.read()


def print_context(article, language, base_url):
    references = list(article.references.all())
    body = render_body(
        article.body,
        language=language,
        numbers=[reference.number for reference in references],
        outline=article.is_paper,
    )
    for reference in references:
        reference.backlinks = body.citations.get(reference.number, [])
    authors = [authorship.author for authorship in article.authorships.all()]
    return {
        "article": article,
        "authors": authors,
        "body_html": body.html,
        "toc": body.toc,
        "references": references,
        "site_name": site_name(),
        "base_url": uri_to_iri(base_url),
        # The «Cite this paper» box, as on the page (its buttons and downloads left out).
        **cite_context(article, base_url, language),
        "print": True,
        "LANGUAGE_CODE": language,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }


def render_pdf(article, language, *, base_url):
    """The PDF of ``article`` in ``language``: (bytes, pages). RenderFailed on any failure.

    Rendered twice when the document details state a page count that is not this
    edition's (its first render, or a change that moved a page).
    """
    import weasyprint

    with translation.override(language):
        try:
            template = getattr(settings, "PDF_TEMPLATE", DEFAULT_TEMPLATE)
            context = print_context(article, language, base_url)
            html = loader.render_to_string(template, context)
            document = _layout(weasyprint, html, base_url)
            pages = len(document.pages)
            if article.is_paper and article.page_count != pages:
                article.page_count = pages
                html = loader.render_to_string(template, context)
                document = _layout(weasyprint, html, base_url)
                pages = len(document.pages)
            data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
        except Exception as error:
            raise RenderFailed(str(error)) from error
    pdf_rendered.send(sender=article.__class__, article=article, language=language, pages=pages)
    return data, pages


def _layout(weasyprint, html, base_url):
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=local_fetcher()).render()
