import datetime
import logging

from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from core.languages import lang_attrs

from . import cards, search
from .access import editable_articles
from .editions import article_url_in, language_links
from .models import Article, Section
from .rendering.cover import cover_renditions
from .selectors import (
    archive_months,
    authorships_prefetch,
    card_queryset,
    public_tags,
    read_also_for,
    redirected_article,
)
from .seo import json_ld, structured_data
from .sharing import share_links
from .stored import cite_box, rendering_of, with_rendering

logger = logging.getLogger(__name__)


class ArticleListView(ListView):
    """A paginated list of article cards; a bad ?page= is a 404, never a 500."""

    paginate_by = 10
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return card_queryset()


class HomeView(ArticleListView):
    """The latest featured article on top; the list below leaves it out, on every page."""

    template_name = "articles/home.html"

    def get_queryset(self):
        self.featured = card_queryset().filter(featured=True).first()
        articles = card_queryset()
        if self.featured:
            articles = articles.exclude(pk=self.featured.pk)
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.featured and context["page_obj"].number == 1:
            context["featured"] = [self.featured]
        return context


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return card_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name,
            description=self.section.description,
            current_section=self.section,
            card_subject=self.section,
            **own_feeds("section", self.section.slug),
            **kwargs,
        )


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        return card_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        heading = _("Tag: %(name)s") % {"name": self.tag.name}
        # The name keeps its own language where it falls back to Arabic.
        name = format_html("<span{}>{}</span>", lang_attrs(self.tag, "name"), self.tag.name)
        heading_html = format_html(_("Tag: %(name)s").replace("%(name)s", "{}"), name)
        return super().get_context_data(
            heading=heading,
            heading_html=heading_html,
            card_subject=self.tag,
            **own_feeds("tag", self.tag.slug),
            **kwargs,
        )


def own_feeds(kind, slug):
    """The RSS and Atom feeds of one section, author or tag, for autodiscovery links."""
    return {
        "feed_url": reverse(f"articles:{kind}_feed", kwargs={"slug": slug}),
        "feed_atom_url": reverse(f"articles:{kind}_feed_atom", kwargs={"slug": slug}),
    }


class ArchiveIndexView(TemplateView):
    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(months=archive_months(), **kwargs)


class ArchiveMonthView(ArticleListView):
    """The articles of one month, cut in the site's time zone."""

    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= month <= 12 and 1900 <= year <= 9998):
            raise Http404
        tz = timezone.get_current_timezone()
        start = datetime.datetime(year, month, 1, tzinfo=tz)
        end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        self.month = start
        return card_queryset().filter(published_at__gte=start, published_at__lt=end)

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        if paginated[0].count == 0:
            # A month with no public article has no page (its count was needed anyway).
            raise Http404
        return paginated

    def get_context_data(self, **kwargs):
        heading = _("Archive: %(month)s") % {"month": date_format(self.month, "YEAR_MONTH_FORMAT")}
        return super().get_context_data(heading=heading, **kwargs)


class ArticleDetailView(DetailView):
    """An article; who may edit an unpublished one also previews it here (``access``)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the article had before its slug changed.
            article = redirected_article(language=get_language(), old_slug=kwargs["slug"])
            if article is None:
                raise
            return redirect(article, permanent=True)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            # A preview is for this editor only: never cached, never indexed.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_queryset(self):
        articles = Article.objects.published() | editable_articles(self.request.user)
        return with_rendering(articles.select_related("section"))

    def get_context_data(self, **kwargs):
        article = self.object
        # The body, references, contents and tags as rendered at the last change (its
        # references and tags come attached: no query for them below).
        rendering = rendering_of(article)
        read_also = read_also_for(article, rendering.picks)
        # The article's authors and those of the suggested articles, in one query.
        prefetch_related_objects([article, *read_also], authorships_prefetch())
        url = self.request.build_absolute_uri(article.get_absolute_url())
        cover = cover_renditions(article, self.request)
        # Shared and copied: the short permanent address, which survives slug changes.
        short_url = self.request.build_absolute_uri(
            reverse("articles:permalink", kwargs={"pk": article.pk})
        )
        return super().get_context_data(
            preview=not article.is_public,
            structured_data=json_ld(structured_data(article, url, cover, self.request)),
            cover_url=cover["url"],
            cover_absolute=cover["absolute"],
            cover_srcset=cover["srcset"],
            card_subject=article,
            rendering=rendering,
            cite_box=cite_box(rendering, self.request),
            tags=list(article.tags.all()),
            read_also=read_also,
            current_section=article.section,
            language_links=language_links(self.request, url_for=article_url_in(article)),
            canonical_url=url,
            short_url=short_url,
            share_links=share_links(url=short_url, title=article.title),
            **kwargs,
        )


def permalink(request, pk):
    """The short, permanent address of an article (feed ids): on to its current URL."""
    article = get_object_or_404(Article.objects.published(), pk=pk)
    return redirect(article, permanent=True)


# A year: the address names the card's content, so a card never changes under it.
CARD_CACHE_CONTROL = "public, max-age=31536000, immutable"


def share_card(request, kind, pk, digest):
    """A page's share card, drawn once per content version and kept in the media storage.

    An address of an older version is sent on to the current one; a card that cannot be
    drawn is logged and replaced by the site's default card, never an error.
    """
    card = cards.card_for(kind, pk)
    if card is None:
        raise Http404
    if card.digest != digest:
        return redirect(card.get_absolute_url())
    try:
        file = default_storage.open(cards.ensure_stored(card))
    except Exception:
        logger.exception("The share card %s could not be made", card.storage_name)
        return redirect(static(cards.DEFAULT_CARD))
    # Streamed: the page cache keeps pages, not images, and leaves these headers alone.
    response = FileResponse(file, content_type=cards.MIME_TYPE)
    response["Cache-Control"] = CARD_CACHE_CONTROL
    return response


class SearchView(ArticleListView):
    template_name = "articles/search.html"
    max_query_length = 200

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[: self.max_query_length].strip()
        # Read once for the query and every highlight: the editors' spelling groups.
        self.variants = search.spelling_variants()
        self.terms = search.query_terms(self.query, self.variants)
        # Each edition searches its own language's text (it shows nothing else to find).
        ids = search.ranked_ids(self.terms, get_language())
        if not ids:
            return []
        # Best first, public ones only; only the page shown is fetched whole (below).
        public = set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in public]

    def paginate_queryset(self, queryset, page_size):
        paginator, page, _ids, is_paginated = super().paginate_queryset(queryset, page_size)
        cards = card_queryset(whole=True).in_bulk(list(page.object_list))
        page.object_list = [cards[pk] for pk in page.object_list if pk in cards]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, terms=self.terms, **kwargs)
        for article in context["articles"]:
            article.title_highlighted = search.highlight(article.title, self.terms, self.variants)
            text = search.excerpt(
                article.summary + " " + article.body, self.terms, variants=self.variants
            )
            article.excerpt_highlighted = search.highlight(text, self.terms, self.variants)
        return context
