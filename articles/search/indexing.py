"""Keeping ``Article.search_document`` in step with what it is made of.

An article's search text holds its titles, summaries and bodies in every language,
and the names of its authors and tags in every language. ``reindex`` rebuilds it for
any number of articles in one bulk step; ``search.signals`` calls it whenever one of
those parts changes, and ``deferred()`` gathers the calls of a block of work (an
import, an admin save with its inlines) into one.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db.models import Prefetch
from modeltranslation.utils import build_localized_fieldname

from ..models import Article, Authorship
from .text import index_text

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_FIELDS = [
    build_localized_fieldname(name, code)
    for code in LANGUAGES
    for name in ("title", "summary", "body")
]
BATCH = 500

_pending = contextvars.ContextVar("search_reindex_pending", default=None)


def document_of(article, authors, tags):
    """The search text of ``article`` with the given authors and tags."""
    parts = [getattr(article, field) for field in TEXT_FIELDS]
    for named in (*authors, *tags):
        parts += [getattr(named, build_localized_fieldname("name", code)) for code in LANGUAGES]
    return index_text(*parts)


def reindex(articles):
    """Rebuild the search text of ``articles`` (instances or ids): a few queries in all."""
    ids = {getattr(article, "pk", article) for article in articles} - {None}
    if not ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
        return
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH):
        rows = list(
            Article.objects.filter(pk__in=ids[start : start + BATCH])
            .only("pk", *TEXT_FIELDS)
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
                "tags",
            )
        )
        for row in rows:
            authors = [authorship.author for authorship in row.authorships.all()]
            # taggit's prefetch has no order: by id, so the same article gets the same text.
            tags = sorted(row.tags.all(), key=lambda tag: tag.pk)
            row.search_document = document_of(row, authors, tags)
        Article.objects.bulk_update(rows, ["search_document"])


@contextlib.contextmanager
def deferred():
    """Reindex once, at the end of the block, every article the block asked to reindex."""
    if _pending.get() is not None:  # inside another deferred block: that one reindexes
        yield
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    reindex(pending)
