"""What an article's page and feed items show of the article itself, rendered once per change."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import Article


class RenderedArticle(models.Model):
    """One edition of an article as readers see it: kept by ``articles.stored``.

    Valid while ``key`` is the digest of what it was made from (the article's text in
    that language, its ``render_version``, the code and templates that render it); a
    row of another key is made again on the next read, never served.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="renderings", verbose_name=_("article")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    key = models.CharField(_("key"), max_length=64)
    # The body with its footnote links, direction marks and heading ids; the table of
    # contents, the references with their back links and the tag list, as HTML.
    body = models.TextField(_("body"))
    toc = models.TextField(_("contents"), blank=True)
    references = models.TextField(_("references"), blank=True)
    tags = models.TextField(_("tags"), blank=True)
    # A paper's «Cite this paper» box, the site's address in it left as a placeholder.
    cite = models.TextField(_("cite box"), blank=True)
    reading_minutes = models.PositiveIntegerField(_("reading time"))
    # The item's content in a feed, its links relative to the article's address.
    feed = models.TextField(_("feed content"))
    # What else the page reads of the article's rows, so that it makes no query for
    # them: its references and tags (serialized), the ids of its «read also» picks.
    reference_rows = models.JSONField(_("reference rows"), default=list, encoder=DjangoJSONEncoder)
    tag_rows = models.JSONField(_("tag rows"), default=list, encoder=DjangoJSONEncoder)
    picks = models.JSONField(_("picks"), default=list)
    rendered_at = models.DateTimeField(_("rendered at"), auto_now=True)

    class Meta:
        verbose_name = _("rendered article")
        verbose_name_plural = _("rendered articles")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="rendered_article_unique_language"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} ({self.language})"
