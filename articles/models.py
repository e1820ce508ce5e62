from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.utils import build_localized_fieldname
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from core.arabic import is_arabic
from core.slugs import unique_slug
from core.text import CleanTextMixin

from .sanitize import EDITOR_EXTENSIONS, sanitize_html
from .tagging import BilingualTagManager


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


class ArticleQuerySet(models.QuerySet):
    def published(self, language=None):
        """What the public may see: published, its time has come, written in the language.

        Every public view, feed, sitemap, search and "read also" block goes
        through here; nothing else filters on status or date. The Arabic
        edition has everything; another edition only what has a title in its
        language (the active one unless ``language`` is given).
        """
        queryset = self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        language = language or get_language() or settings.LANGUAGE_CODE
        if language != settings.LANGUAGE_CODE:
            title = build_localized_fieldname("title", language)
            queryset = queryset.exclude(**{f"{title}__isnull": True}).exclude(**{title: ""})
        return queryset

    def without_text(self):
        """Without the longest columns (the bodies, the search text): what lists show."""
        return self.defer("body", "body_ar", "body_en", "search_document")

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
            "Write footnote markers like this: [1] [2]; each is linked to the reference "
            "with the same number."
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
    cover_image = models.ImageField(_("cover image"), upload_to="covers/%Y/%m/", blank=True)
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
    search_document = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Normalized text the site search looks in; rebuilt on every save."),
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
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

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
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()


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


class Reference(CleanTextMixin, models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references", verbose_name=_("article")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The reference's number as cited in the text: [1] [2] …")
    )
    authors = models.CharField(_("citation authors"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher or site"), max_length=300, blank=True)
    date_text = models.CharField(
        _("date"), max_length=100, blank=True, help_text=_("As written in the source, e.g. 2024.")
    )
    report_number = models.CharField(_("report number"), max_length=100, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    accessed = models.DateField(_("accessed on"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("E.g. official website, updated.")
    )

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"],
                name="reference_unique_number",
                violation_error_message=_("Each reference of an article has its own number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="reference_number_positive",
                violation_error_message=_("References are numbered from 1."),
            ),
        ]

    def __str__(self):
        return f"[{self.number}] {self.title}"

    @property
    def is_arabic(self):
        """Whether the citation is written in Arabic script (and so reads right to left)."""
        return is_arabic(f"{self.authors}{self.title}{self.publisher}")

    def citation_parts(self):
        """The parts of the citation in reading order, empty ones left out."""
        parts = [self.authors]
        if self.date_text and not self.is_arabic:
            parts[0] = f"{self.authors} ({self.date_text})" if self.authors else self.date_text
        parts += [self.title, self.publisher, self.note, self.report_number]
        if self.date_text and self.is_arabic:
            parts.append(self.date_text)
        return [part for part in parts if part]


class ReadAlso(models.Model):
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="read_also_links",
        verbose_name=_("article"),
    )
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="read_also_backlinks",
        verbose_name=_("suggested article"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("read also")
        verbose_name_plural = _("read also")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"],
                name="read_also_unique_target",
                violation_error_message=_("This article is already suggested."),
            ),
            models.CheckConstraint(
                condition=~Q(article=F("target")),
                name="read_also_not_itself",
                violation_error_message=_("An article cannot suggest itself."),
            ),
        ]

    def __str__(self):
        return str(self.target)


class SeedImport(models.Model):
    """One imported seed document, so a second import never repeats or overwrites it."""

    document = models.CharField(_("document"), max_length=200, unique=True)
    digest = models.CharField(_("SHA-256 of the document"), max_length=64)
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["document"]
        verbose_name = _("seed import")
        verbose_name_plural = _("seed imports")

    def __str__(self):
        return self.document


class SlugRedirect(models.Model):
    """An address a published article had before its slug changed."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    old_slug = models.SlugField(_("old slug"), max_length=300, allow_unicode=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_urls", verbose_name=_("article")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "old_slug"], name="slug_redirect_unique_old_slug"
            ),
        ]

    def __str__(self):
        return self.old_slug
