"""Writes that touch more than the article's own row, as keyword-only functions.

``Article.save()`` keeps to its own row (sanitizing, slugs, publication time); what
else a change means (an old address kept alive, search text rebuilt) is done here,
or by the search package's receivers, and the admin and the importers call these.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from .models import Article, SlugRedirect

SLUG_FIELDS = [build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES]


def article_published_slugs(*, article):
    """The slugs ``article`` is published under, as stored ({} for a draft or a new one)."""
    if not article.pk:
        return {}
    stored = Article.objects.filter(pk=article.pk, status=Article.Status.PUBLISHED)
    return next(iter(stored.values(*SLUG_FIELDS)), {})


def article_keep_old_addresses(*, article, old_slugs):
    """Keep the addresses ``article`` was published under alive, as redirects to the new ones.

    Readers' shared links and search engines keep finding it. Going back to an old
    address makes that one live again.
    """
    for field, old in old_slugs.items():
        new = getattr(article, field)
        if old and old != new:
            language = field.rsplit("_", 1)[1]
            SlugRedirect.objects.update_or_create(
                language=language, old_slug=old, defaults={"article": article}
            )
            SlugRedirect.objects.filter(language=language, old_slug=new).delete()


def article_save(*, article, **save_kwargs):
    """Save ``article``, keeping the addresses it was published under alive."""
    old_slugs = article_published_slugs(article=article)
    article.save(**save_kwargs)
    article_keep_old_addresses(article=article, old_slugs=old_slugs)
    return article
