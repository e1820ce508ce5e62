from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.utils import build_localized_fieldname
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from think_tank.slugs import unique_slug

from .sanitize import EDITOR_EXTENSIONS, sanitize_html
from .tagging import BilingualTagManager


class Section(models.Model):
    class Genre(models.TextChoices):
        ANALYSIS = "analysis", _("تحليل ودراسات")
        NEWS = "news", _("أخبار")
        OPINION = "opinion", _("رأي")

    name = models.CharField(_("الاسم"), max_length=120)
    slug = models.SlugField(
        _("المعرّف في الرابط"), max_length=120, unique=True, allow_unicode=True, blank=True
    )
    description = models.TextField(_("الوصف"), blank=True)
    genre = models.CharField(
        _("نوع المحتوى"),
        max_length=10,
        choices=Genre,
        default=Genre.ANALYSIS,
        help_text=_("يحدد كيف تصف الصفحةُ المقالَ لمحركات البحث (خبر أو دراسة)."),
    )
    position = models.PositiveSmallIntegerField(
        _("الترتيب"), default=0, help_text=_("ترتيب القسم في قائمة الموقع.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class Tag(TagBase):
    """A tag with an Arabic and an English name and a Unicode slug."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("وسم")
        verbose_name_plural = _("الوسوم")

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, verbose_name=_("المقال")
    )
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_articles", verbose_name=_("الوسم")
    )

    class Meta:
        verbose_name = _("وسم مقال")
        verbose_name_plural = _("وسوم المقالات")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_article_unique_tag"
            ),
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publish time has come.

        Every public view, feed, sitemap, search and "read also" block goes
        through here; nothing else filters on status or date.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("مسودة")
        REVIEW = "review", _("قيد المراجعة")
        PUBLISHED = "published", _("منشور")

    title = models.CharField(_("العنوان"), max_length=300)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=300,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("يُشتق من العنوان إن تُرك فارغاً؛ تُقبل الحروف العربية."),
    )
    summary = models.TextField(
        _("الملخص"),
        blank=True,
        help_text=_("جملة أو جملتان تظهران في البطاقات والخلاصات وعند مشاركة الرابط."),
    )
    body = ProseEditorField(
        _("النص"),
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        blank=True,
        help_text=_("اكتب إشارات الحواشي هكذا: [1] [2]، وتُربط تلقائياً بالمرجع ذي الرقم نفسه."),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("القسم"),
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="Authorship",
        related_name="articles",
        blank=True,
        verbose_name=_("الكتّاب"),
    )
    tags = TaggableManager(
        through=TaggedArticle,
        manager=BilingualTagManager,
        blank=True,
        verbose_name=_("الوسوم"),
        help_text=_("افصل بين الوسوم بفاصلة «،» أو «,»."),
    )
    cover_image = models.ImageField(_("صورة الغلاف"), upload_to="covers/%Y/%m/", blank=True)
    cover_caption = models.CharField(_("تعليق الصورة"), max_length=300, blank=True)
    cover_credit = models.CharField(_("مصدر الصورة"), max_length=200, blank=True)
    status = models.CharField(
        _("الحالة"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("وقت النشر"),
        null=True,
        blank=True,
        help_text=_("وقت في المستقبل يعني جدولة النشر: يظهر المقال للقراء عند حلوله."),
    )
    featured = models.BooleanField(_("مميّز"), default=False)
    created_at = models.DateTimeField(_("أُنشئ في"), auto_now_add=True)
    updated_at = models.DateTimeField(_("عُدّل في"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("مقال")
        verbose_name_plural = _("المقالات")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("المقال المنشور يحتاج إلى وقت نشر."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        for lang, _name in settings.LANGUAGES:
            field = build_localized_fieldname("body", lang)
            setattr(self, field, sanitize_html(getattr(self, field)))
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()


class Authorship(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("المقال")
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="authorships",
        verbose_name=_("الكاتب"),
    )
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("كاتب المقال")
        verbose_name_plural = _("كتّاب المقال")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                name="authorship_unique_author",
                violation_error_message=_("هذا الكاتب مضاف إلى المقال مسبقاً."),
            ),
        ]

    def __str__(self):
        return str(self.author)


class Reference(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references", verbose_name=_("المقال")
    )
    number = models.PositiveSmallIntegerField(
        _("الرقم"), help_text=_("رقم المرجع كما يُشار إليه في النص: [1] [2] …")
    )
    authors = models.CharField(_("المؤلفون"), max_length=300, blank=True)
    title = models.CharField(_("العنوان"), max_length=500)
    publisher = models.CharField(_("الناشر أو الموقع"), max_length=300, blank=True)
    date_text = models.CharField(
        _("التاريخ"), max_length=100, blank=True, help_text=_("كما ورد في المصدر، مثل: 2024.")
    )
    report_number = models.CharField(_("رقم التقرير"), max_length=100, blank=True)
    url = models.URLField(_("الرابط"), max_length=500, blank=True)
    accessed = models.DateField(_("تاريخ الاطلاع"), null=True, blank=True)
    note = models.CharField(
        _("ملاحظة"), max_length=300, blank=True, help_text=_("مثل: الموقع الرسمي، محدَّث.")
    )

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("مرجع")
        verbose_name_plural = _("المراجع")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"],
                name="reference_unique_number",
                violation_error_message=_("لكل مرجع في المقال رقم لا يتكرر."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="reference_number_positive",
                violation_error_message=_("يبدأ ترقيم المراجع من 1."),
            ),
        ]

    def __str__(self):
        return f"[{self.number}] {self.title}"

    @property
    def is_arabic(self):
        """Whether the citation is written in Arabic script (and so reads right to left)."""
        text = f"{self.authors}{self.title}{self.publisher}"
        arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        return arabic >= latin

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
        verbose_name=_("المقال"),
    )
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="read_also_backlinks",
        verbose_name=_("المقال المقترح"),
    )
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("اقرأ أيضاً")
        verbose_name_plural = _("اقرأ أيضاً")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"],
                name="read_also_unique_target",
                violation_error_message=_("هذا المقال مقترح مسبقاً."),
            ),
            models.CheckConstraint(
                condition=~Q(article=F("target")),
                name="read_also_not_itself",
                violation_error_message=_("لا يمكن أن يقترح المقال نفسه."),
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
