"""RSS 2.0 and Atom 1.0 feeds: the whole site, a section, an author, a tag.

Every feed lists ``Article.objects.published()`` only. Items carry every
author, the tags as categories, the summary, the full body with its footnote
links and references, and the cover image as an enclosure.
"""

import mimetypes
import re
from datetime import UTC, datetime
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from authors.models import Author
from core.site import site_name

from .models import Article, Section, Tag
from .selectors import card_queryset, public_tags
from .stored import renderings_of, with_rendering

ITEMS = 20
EMPTY_SITE_DATE = datetime(2025, 1, 1, tzinfo=UTC)
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def absolutize(html, base):
    """Every href and src made absolute: a feed reader resolves them against the feed."""
    return URL_ATTRIBUTE.sub(lambda m: m[1] + urljoin(base, m[2]) + m[3], html)


class StableDateMixin:
    def latest_post_date(self):
        # An empty feed would otherwise say "modified now" on every request and
        # never answer a conditional request with 304.
        return super().latest_post_date() if self.items else self.feed["fallback_date"]()


class RssWithContent(StableDateMixin, Rss201rev2Feed):
    """RSS 2.0 with ``content:encoded``, one ``dc:creator`` per author and a channel image."""

    def rss_attributes(self):
        return super().rss_attributes() | {"xmlns:dc": DC, "xmlns:content": CONTENT}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.startElement("image", {})
        handler.addQuickElement("url", self.feed["image"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])
        handler.addQuickElement("content:encoded", item["content"])


class AtomWithContent(StableDateMixin, Atom1Feed):
    """Atom 1.0 with every author and the full content of each entry."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("icon", self.feed["image"])
        handler.addQuickElement("logo", self.feed["image"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["uri"])
            handler.endElement("author")
        handler.addQuickElement("content", item["content"], {"type": "html"})


class ArticleFeed(Feed):
    """The site's latest articles. Subclasses narrow the list to one section, author or tag."""

    feed_type = RssWithContent
    item_guid_is_permalink = True

    @classmethod
    def view(cls, *, atom=False):
        """The view of this feed in RSS 2.0, or in Atom 1.0 with ``atom``."""

        # A fresh instance per request, so the request can be kept on it safely.
        def feed_view(request, *args, **kwargs):
            feed = cls()
            if atom:
                feed.feed_type = AtomWithContent
            return feed(request, *args, **kwargs)

        return feed_view

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def absolute(self, path):
        return self.request.build_absolute_uri(path)

    # Channel
    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return site_name()

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return _("Analysis papers and news on Syria and the region.")

    def subtitle(self, obj):
        # Atom's name for the description (RSS has none).
        return self.description(obj)

    def author_name(self, obj):
        # Atom needs an author for entries that have none: the publication itself.
        return site_name()

    def feed_extra_kwargs(self, obj):
        def fallback_date():
            # Asked only by an empty feed: a scan of every article, not paid otherwise.
            latest = Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]
            return latest or EMPTY_SITE_DATE

        return {"image": self.absolute(static("img/logo.png")), "fallback_date": fallback_date}

    def filter_items(self, queryset, obj):
        return queryset

    def items(self, obj):
        # Each item's content as stored at its last change (and its tags with it).
        items = list(self.filter_items(with_rendering(card_queryset(whole=True)), obj)[:ITEMS])
        self.renderings = renderings_of(items)
        return items

    # Items
    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Descriptions are HTML in both formats; the summary is plain text.
        return escape(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Stable whatever happens to the title or the slug: the article's id.
        return self.absolute(reverse("articles:permalink", kwargs={"pk": item.pk}))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        # The PDF edition (its length unknown before its first render: "0"); RSS allows
        # one enclosure, so there only when the article has no cover.
        pdf = Enclosure(
            url=self.absolute(reverse("articles:pdf", kwargs={"slug": item.slug})),
            length="0",
            mime_type="application/pdf",
        )
        if not item.cover_image:
            return [pdf]
        mime_type = mimetypes.guess_type(item.cover_image.name)[0] or "application/octet-stream"
        cover = Enclosure(
            url=self.absolute(item.cover_image.url),
            length=str(item.cover_image.size),
            mime_type=mime_type,
        )
        return [cover, pdf] if self.feed_type is AtomWithContent else [cover]

    def item_extra_kwargs(self, item):
        url = self.absolute(item.get_absolute_url())
        # Stored with links relative to the article; absolute here, for this host.
        content = self.renderings[item.pk].feed
        authors = [
            {"name": a.author.name, "uri": self.absolute(a.author.get_absolute_url())}
            for a in item.authorships.all()
        ]
        return {"content": absolutize(content, url), "authors": authors}


class ScopedFeed(ArticleFeed):
    """The latest articles of one section, author or tag, found by its slug."""

    model = None
    #: the filter on articles that keeps this object's own
    lookup = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {site_name()}"

    def link(self, obj):
        return obj.get_absolute_url()

    def filter_items(self, queryset, obj):
        return queryset.filter(**{self.lookup: obj})


class SectionFeed(ScopedFeed):
    model, lookup = Section, "section"

    def description(self, obj):
        return obj.description or _("The latest in %(section)s.") % {"section": obj.name}


class AuthorFeed(ScopedFeed):
    model, lookup = Author, "authors"

    def description(self, obj):
        return _("Articles by %(author)s.") % {"author": obj.name}


class TagFeed(ScopedFeed):
    model, lookup = Tag, "tags"

    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def description(self, obj):
        return _("Articles tagged %(tag)s.") % {"tag": obj.name}
