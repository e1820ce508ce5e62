from django.conf import settings
from django.contrib.sitemaps import Sitemap

from authors.models import Author

from .models import Article, Section, Tag


class ArticleSitemap(Sitemap):
    """Published articles, each in the languages it is written in, with hreflang alternates."""

    changefreq = "weekly"
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Article.objects.published(settings.LANGUAGE_CODE).order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        return item.languages()


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.all()


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Author.objects.filter(articles__in=Article.objects.published()).distinct()


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Tag.objects.filter(
            tagged_articles__content_object__in=Article.objects.published()
        ).distinct()


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
