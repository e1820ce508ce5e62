"""Articles, who wrote them, and the one definition of what the public may see."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.utils import build_localized_fieldname
from taggit.managers import TaggableManager

from core.doi import validate_doi
from core.slugs import unique_slug
from core.text import CleanTextMixin

from ..sanitize import EDITOR_EXTENSIONS, sanitize_html
from ..tagging import BilingualTagManager
from .taxonomy import Section, TaggedArticle

# Machine-kept search texts (articles.search.text.search_texts): long, and no list shows them.
SEARCH_TEXT_FIELDS = [
    f"search_{text}_{code}" for text in ("document", "stems", "head") for code in ("ar", "en")
]


def new_render_token():
    return uuid.uuid4().hex


class ArticleQuerySet(models.QuerySet):
    def published(self, language=None, *, summaries=False):
        """What the public may see: published, its time has come, written in the language.

        Every public view, feed, sitemap, search and "read also" block goes
        through here; nothing else filters on status or date. The Arabic
        edition has everything; another edition only what has a title in its
        language (the active one unless ``language`` is given). Summary-only
        entries are public only as picks in a «read also» block: ``summaries``.
        """
        queryset = self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        if not summaries:
            queryset = queryset.filter(summary_only=False)
        language = language or get_language() or settings.LANGUAGE_CODE
        if language != settings.LANGUAGE_CODE:
            title = build_localized_fieldname("title", language)
            queryset = queryset.exclude(**{f"{title}__isnull": True}).exclude(**{title: ""})
        return queryset

    def without_text(self):
        """Without the longest columns (the bodies, the search text): what lists show."""
        return self.defer("body", "body_ar", "body_en", *SEARCH_TEXT_FIELDS)

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())


class Article(CleanTextMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=300,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the title when left empty; Arabic letters are welcome."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences, shown on cards, in feeds and when the link is shared."),
    )
    body = ProseEditorField(
        _("body"),
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        blank=True,
        help_text=_(
            "Write each footnote marker right after its word, with no space: word[1] "
            "word[2]. Each is linked to the reference with the same number."
        ),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("section"),
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="Authorship",
        related_name="articles",
        blank=True,
        verbose_name=_("authors"),
    )
    tags = TaggableManager(
        through=TaggedArticle,
        manager=BilingualTagManager,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Separate tags with a comma, «،» or «,»."),
    )
    cover_image = models.ImageField(
        _("cover image"),
        upload_to="covers/%Y/%m/",
        blank=True,
    )
    # Kept with the row so that pages size the cover (width/height) without opening it;
    # written by save() when a cover is uploaded. (Not the ImageField's width_field:
    # that opens the file whenever a row without a size is loaded.)
    cover_width = models.PositiveIntegerField(
        _("cover width"), null=True, blank=True, editable=False
    )
    cover_height = models.PositiveIntegerField(
        _("cover height"), null=True, blank=True, editable=False
    )
    cover_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    cover_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "A time in the future schedules the article: readers see it when the time comes."
        ),
    )
    featured = models.BooleanField(_("featured"), default=False)
    # An entry that exists only as its summary (a piece the publication lists but whose
    # text it does not carry): shown in «اقرأ أيضاً» blocks as title, summary, date and
    # authors, with no link; it has no page and is in no list, feed, sitemap or search.
    summary_only = models.BooleanField(
        _("summary only"),
        default=False,
        help_text=_(
            "Shown only in «read also» blocks, as its title, summary, date and authors, "
            "without a link. It has no page of its own and appears in no list, feed or search."
        ),
    )
    # Each edition's search text, from its own language only (articles.search.indexing):
    # the Arabic edition never finds an article by words only its translation has.
    search_document_ar = models.TextField(
        _("Arabic search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Normalized text the site search looks in; rebuilt on every save."),
    )
    search_document_en = models.TextField(
        _("English search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Normalized text the site search looks in; rebuilt on every save."),
    )
    # The stems of the same words, and the title, summary and names the results are
    # ranked on (articles.search.text.search_texts).
    search_stems_ar = models.TextField(
        _("Arabic search stems"), blank=True, default="", editable=False
    )
    search_stems_en = models.TextField(
        _("English search stems"), blank=True, default="", editable=False
    )
    search_head_ar = models.TextField(
        _("Arabic ranked search text"), blank=True, default="", editable=False
    )
    search_head_en = models.TextField(
        _("English ranked search text"), blank=True, default="", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic locking: every save in the admin moves it on by one, and a
    # form opened at an older number is refused (articles/revisions/locking.py).
    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)
    # New at every save, and whenever something the stored rendering shows changes
    # outside this row (a reference, a tag or its name, a pick): the stored rendering
    # is valid for one token only (``articles.stored``).
    render_token = models.CharField(
        _("render token"), max_length=32, default=new_render_token, editable=False
    )
    # Document details (articles/documents.py): the report number is given at first
    # publication of a paper when left empty; the page count is its PDF's, written there.
    report_number = models.CharField(
        _("report number"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Left empty, a paper gets the next number of its series when published."),
    )
    series = models.CharField(_("series"), max_length=200, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("For example 10.1234/abcd.2025.014, without https://doi.org/."),
    )
    page_count = models.PositiveIntegerField(_("PDF pages"), null=True, blank=True, editable=False)
    revised_at = models.DateTimeField(
        _("last substantive revision"),
        null=True,
        blank=True,
        help_text=_("Set when an editor marks a change as substantive."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            # A section's page and feed: its published articles, newest first, and their count.
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_public_idx"
            ),
        ]
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publication time."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for lang, _name in settings.LANGUAGES:
            field = build_localized_fieldname("body", lang)
            setattr(self, field, sanitize_html(getattr(self, field)))
        # Each edition gets its own slug from its own title; an English slug
        # stays NULL until there is an English title.
        for lang, _name in settings.LANGUAGES:
            slug_field = build_localized_fieldname("slug", lang)
            title = getattr(self, build_localized_fieldname("title", lang))
            if title and not getattr(self, slug_field):
                setattr(self, slug_field, unique_slug(self, title, slug_field))
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.report_number = (self.report_number or "").strip() or None
        self._size_cover()
        # Whatever changed, the stored rendering is made again (once) on the next read.
        self.render_token = new_render_token()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "render_token"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def _size_cover(self):
        cover = self.cover_image
        if not cover:
            self.cover_width = self.cover_height = None
        elif not getattr(cover, "_committed", True) or self.cover_width is None:
            try:
                self.cover_width, self.cover_height = cover.width, cover.height
            except (OSError, ValueError, TypeError):
                # A missing or unreadable file: pages show it without a size.
                self.cover_width = self.cover_height = None

    def languages(self):
        """The editions this article exists in, in the site's order of languages."""
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE
            or getattr(self, build_localized_fieldname("title", code))
        ]

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and not self.summary_only
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_paper(self):
        """A paper (analysis section): it has document details and a table of contents."""
        return self.section.genre == Section.Genre.ANALYSIS


class Authorship(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("article")
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="authorships",
        verbose_name=_("author"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                name="authorship_unique_author",
                violation_error_message=_("This author is already on the article."),
            ),
        ]

    def __str__(self):
        return str(self.author)
