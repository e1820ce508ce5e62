"""Sections and tags: how articles are grouped."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase, TaggedItemBase

from core.slugs import unique_slug
from core.text import CleanTextMixin


class Section(CleanTextMixin, models.Model):
    class Genre(models.TextChoices):
        ANALYSIS = "analysis", _("Analysis")
        NEWS = "news", _("News")
        OPINION = "opinion", _("Opinion")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    genre = models.CharField(
        _("genre"),
        max_length=10,
        choices=Genre,
        default=Genre.ANALYSIS,
        help_text=_("How the page describes its articles to search engines (news or analysis)."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("The section's place in the site's menu.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Tag(CleanTextMixin, TagBase):
    """A tag with an Arabic and an English name and a Unicode slug."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        # A name of punctuation only («!!!») has no slug of its own; it still needs an address.
        slug = super().slugify(tag) or "tag"
        return slug if i is None else f"{slug}-{i}"


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, verbose_name=_("article")
    )
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_articles", verbose_name=_("tag")
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_article_unique_tag"
            ),
        ]

    def __str__(self):
        # The tag's name, as an authorship reads as its author's: what a revision records
        # of the link, and shows when the tag is gone.
        return str(self.tag)
