"""What an article cites, and what it suggests reading next."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.arabic import is_arabic
from core.text import CleanTextMixin

from .content import Article


class Reference(CleanTextMixin, models.Model):
    class ItemType(models.TextChoices):
        # Values are CSL item types, so exports need no table.
        REPORT = "report", _("Report")
        JOURNAL_ARTICLE = "article-journal", _("Journal article")
        BOOK = "book", _("Book")
        WEB_PAGE = "webpage", _("Web page")
        NEWS_ARTICLE = "article-newspaper", _("News article")
        STATEMENT = "document", _("Statement")

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
    # The structured parts a reference manager needs (CSL); the fields above stay
    # what the public list shows, as written.
    item_type = models.CharField(
        _("item type"), max_length=20, choices=ItemType, default=ItemType.REPORT, blank=True
    )
    creators = models.JSONField(
        _("authors (structured)"),
        default=list,
        blank=True,
        help_text=_(
            "One author per line. Split a person's name as «Family | Given»; "
            "start an institution's name with «@»."
        ),
    )
    issued_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    issued_month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    issued_day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    container = models.CharField(
        _("journal or site"), max_length=300, blank=True, help_text=_("Where it appeared.")
    )
    place = models.CharField(_("place of publication"), max_length=100, blank=True)

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
            models.CheckConstraint(
                condition=Q(issued_month__isnull=True)
                | Q(issued_month__gte=1, issued_month__lte=12, issued_year__isnull=False),
                name="reference_issued_month",
                violation_error_message=_("A month is 1 to 12, with a year."),
            ),
            models.CheckConstraint(
                condition=Q(issued_day__isnull=True)
                | Q(issued_day__gte=1, issued_day__lte=31, issued_month__isnull=False),
                name="reference_issued_day",
                violation_error_message=_("A day is 1 to 31, with a month."),
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
