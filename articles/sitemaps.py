"""The sitemap: an index at ``/sitemap.xml`` of paged section sitemaps.

``/sitemap.xml`` lists ``/sitemap-<section>.xml`` and its further pages (``?p=2`` …),
each page at most ``LIMIT`` addresses, so every file stays far below the protocol's
50,000 addresses and 50 MB, and a page costs the same few queries and the same time
however many articles the site has:

* only the rows of the page are read, and only the columns an address needs (an
  article's slugs, English title and update time, never its body);
* addresses are built from one ``reverse()`` per view and language, not one per item
  and alternate (``reverse()`` and ``translation.override()`` for every hreflang
  alternate of 10,000 articles took most of the 7–14 s the single sitemap needed);
* the page is written by ``URLSET`` in one pass instead of Django's ``sitemap.xml``
  template (about half of a page's time, node by node, for 5,000 addresses).
"""

import re
from collections.abc import Sequence
from functools import cached_property
from html import escape
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from authors.models import Author

from .models import Article, Section
from .selectors import public_tags

# Addresses per sitemap page. An article counts once per language it is written in,
# each address with up to three hreflang alternates: about 1 kB of XML with long Arabic
# (percent-encoded) slugs, so a page is about 5 MB.
LIMIT = 5_000

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

_PLACEHOLDER = "sitemap-slug-placeholder"
# What the ``uslug`` converter accepts (core/converters.py).
_SLUG = re.compile(r"[-\w]+")
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


class SlugPaths:
    """``slug -> path`` of a view whose only argument is a slug, in one language.

    The same path ``reverse()`` gives (prefix, percent-encoding), from one
    ``reverse()`` instead of one per item, and each slug quoted once however many
    alternates repeat it. A slug the URL pattern would not accept goes through
    ``reverse()`` itself, which fails as it always did.
    """

    def __init__(self, viewname, language):
        self.viewname, self.language = viewname, language
        with translation.override(language):
            self.head, self.tail = reverse(viewname, kwargs={"slug": _PLACEHOLDER}).split(
                _PLACEHOLDER
            )
        self.paths = {}

    def __call__(self, slug):
        try:
            return self.paths[slug]
        except KeyError:
            pass
        if _SLUG.fullmatch(slug):
            path = self.head + quote(slug, safe=_SAFE) + self.tail
        else:
            with translation.override(self.language):
                path = reverse(self.viewname, kwargs={"slug": slug})
        self.paths[slug] = path
        return path


class SlugSitemap(Sitemap):
    """Objects by slug, in the site's language, ``LIMIT`` a page, read as slugs only."""

    limit = LIMIT
    viewname = None

    def queryset(self):
        raise NotImplementedError

    def items(self):
        return self.queryset().values_list("slug", flat=True)

    @cached_property
    def path(self):
        return SlugPaths(self.viewname, settings.LANGUAGE_CODE)

    def location(self, slug):
        return self.path(slug)


class ArticleEditions(Sequence):
    """``(article, language)`` for every published article in each language it is in.

    Language by language (the Arabic editions, then the English ones), newest first.
    Django's paginator counts it (one count per language) and slices one page of it
    (one query per language the page reaches), so no page reads another's articles.
    Each article is a dict of the few columns an address needs.
    """

    def __init__(self, fields):
        self.fields = fields
        self.parts = [
            (
                language,
                Article.objects.published(language)
                .order_by("-published_at", "-pk")
                .values(*fields),
            )
            for language in LANGUAGE_CODES
        ]

    @cached_property
    def counts(self):
        return [queryset.count() for _language, queryset in self.parts]

    def __len__(self):
        return sum(self.counts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            position = range(len(self))[index]  # IndexError as a list's
            return self[position : position + 1][0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return self[:][index]
        found, offset = [], 0
        for (language, queryset), count in zip(self.parts, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                found += [(article, language) for article in queryset[low:high]]
            offset += count
        return found

    def __iter__(self):
        return iter(self[:])


class ArticleSitemap(Sitemap):
    """Published articles, each in the languages it is written in, with hreflang alternates."""

    changefreq = "weekly"
    i18n = True
    alternates = True
    x_default = True
    limit = LIMIT

    fields = [
        "updated_at",
        *(build_localized_fieldname("slug", code) for code in LANGUAGE_CODES),
        *(
            build_localized_fieldname("title", code)
            for code in LANGUAGE_CODES
            if code != settings.LANGUAGE_CODE
        ),
    ]

    def items(self):
        return ArticleEditions(self.fields)

    # Django's private hooks, as no public one exists: its own ``_items`` builds the
    # (item, language) list of every article on every page, and its ``_location``
    # activates the language for every address and alternate. Checked against Django
    # 5.2; ``tests/test_library_hooks.py`` fails if Django stops calling them.
    def _items(self):
        # Read a page at a time instead.
        return self.items()

    @cached_property
    def paths(self):
        return {code: SlugPaths("articles:detail", code) for code in LANGUAGE_CODES}

    def path(self, article, language):
        slug = article[build_localized_fieldname("slug", language)]
        # As the model's slug falls back to the Arabic one (modeltranslation).
        return self.paths[language](
            slug or article[build_localized_fieldname("slug", settings.LANGUAGE_CODE)]
        )

    def _location(self, item, force_lang_code=None):
        # The language is all the path needs (see ``_items``).
        article, language = item
        return self.path(article, force_lang_code or language)

    def location(self, article):
        return self.path(article, get_language())

    def lastmod(self, article):
        return article["updated_at"]

    def get_languages_for_item(self, article):
        """As ``Article.languages()``: Arabic, and every language it has a title in."""
        return [
            code
            for code in LANGUAGE_CODES
            if code == settings.LANGUAGE_CODE or article[build_localized_fieldname("title", code)]
        ]

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every article read to compare their dates.
        return Article.objects.published(settings.LANGUAGE_CODE).aggregate(
            latest=Max("updated_at")
        )["latest"]


class SectionSitemap(SlugSitemap):
    changefreq = "daily"
    viewname = "articles:section"

    def queryset(self):
        return Section.objects.order_by("position", "name", "pk")


class AuthorSitemap(SlugSitemap):
    changefreq = "weekly"
    viewname = "authors:detail"

    def queryset(self):
        return (
            Author.objects.filter(articles__in=Article.objects.published(settings.LANGUAGE_CODE))
            .distinct()
            .order_by("slug")
        )


class TagSitemap(SlugSitemap):
    changefreq = "weekly"
    viewname = "articles:tag"

    def queryset(self):
        return public_tags(settings.LANGUAGE_CODE).order_by("slug")


class UrlsetTemplate:
    """Django's ``sitemap.xml`` template (``{"urlset": …}`` of ``Sitemap.get_urls()``) as code.

    The same document, whitespace aside, written with one ``join``: passed to the
    ``sitemap`` view as its ``template_name`` (``TemplateResponse`` takes a template
    object as well as a name), so pages, ``Last-Modified`` and ``X-Robots-Tag`` stay
    Django's.
    """

    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    )

    @staticmethod
    def day(lastmod):
        # As the template's ``|date:"Y-m-d"``: an aware time in the site's time zone.
        return timezone.template_localtime(lastmod).strftime("%Y-%m-%d")

    def render(self, context=None, request=None):
        parts = [self.head]
        for url in context["urlset"]:
            parts.append(f"<url><loc>{escape(url['location'])}</loc>")
            if url["lastmod"]:
                parts.append(f"<lastmod>{self.day(url['lastmod'])}</lastmod>")
            if url["changefreq"]:
                parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
            if url["priority"]:
                parts.append(f"<priority>{escape(url['priority'])}</priority>")
            parts.extend(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}"'
                f' href="{escape(alternate["location"])}"/>'
                for alternate in url["alternates"]
            )
            parts.append("</url>\n")
        parts.append("</urlset>\n")
        return "".join(parts)


URLSET = UrlsetTemplate()

SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
