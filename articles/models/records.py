"""Machine-kept records: imported seed documents, old addresses, the page cache's stamp."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import Article


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


class PageStamp(models.Model):
    """The site's stamp: the token every cached page is filed under (articles/pagecache/).

    One row, kept in the database and changed in the same transaction as the content,
    so what is current is the database's word: a cache that forgets, restarts or is
    restored from an old snapshot can only cause misses, never serve an old page.
    """

    token = models.CharField(_("token"), max_length=32)
    # When the next scheduled article is due: the stamp is renewed at that moment.
    until = models.DateTimeField(_("valid until"), null=True, blank=True)
    # New only when a section changes: the section menu is kept per process under it.
    sections = models.CharField(_("sections token"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("page stamp")
        verbose_name_plural = _("page stamps")

    def __str__(self):
        return self.token
