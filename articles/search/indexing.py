"""Keeping each edition's search texts (``Article.search_document_ar``, ``…_en`` and
their stems and heads, ``text.search_texts``) current.

An edition's search texts hold the article's title, summary and body in that
edition's language, and the names of its authors and tags in that language: the
Arabic edition never finds an article by a word only its English translation has.
``reindex`` rebuilds both for any number of articles in one bulk step;
``search.signals`` calls it whenever one of those parts changes, and ``deferred()``
gathers the calls of a block of work (an import, an admin save with its inlines)
into one.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Prefetch
from modeltranslation.utils import build_localized_fieldname

from ..models import Article, Authorship
from ..pagecache.stamp import stamp_changed
from . import variants as spelling
from .text import search_texts

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_FIELDS = {
    code: [build_localized_fieldname(name, code) for name in ("title", "summary", "body")]
    for code in LANGUAGES
}
DOCUMENT_FIELDS = {code: build_localized_fieldname("search_document", code) for code in LANGUAGES}
STEM_FIELDS = {code: build_localized_fieldname("search_stems", code) for code in LANGUAGES}
HEAD_FIELDS = {code: build_localized_fieldname("search_head", code) for code in LANGUAGES}
SEARCH_FIELDS = [*DOCUMENT_FIELDS.values(), *STEM_FIELDS.values(), *HEAD_FIELDS.values()]
BATCH = 500

_pending = contextvars.ContextVar("search_reindex_pending", default=None)


def documents_of(article, authors, tags, variants=None):
    """The search texts of ``article`` with the given authors and tags, by field."""
    variants = spelling.current() if variants is None else variants
    documents = {}
    for code in LANGUAGES:
        name = build_localized_fieldname("name", code)
        title, summary, body = (getattr(article, text) for text in TEXT_FIELDS[code])
        names = [getattr(named, name) for named in (*authors, *tags)]
        texts = search_texts([title, summary, *names], [body], variants)
        documents[DOCUMENT_FIELDS[code]] = texts.words
        documents[STEM_FIELDS[code]] = texts.stems
        documents[HEAD_FIELDS[code]] = texts.head
    return documents


def reindex(articles):
    """Rebuild the search texts of ``articles`` (instances or ids): a few queries in all."""
    ids = {getattr(article, "pk", article) for article in articles} - {None}
    if not ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
        return
    ids = sorted(ids)
    variants = spelling.current()
    for start in range(0, len(ids), BATCH):
        rows = list(
            Article.objects.filter(pk__in=ids[start : start + BATCH])
            .only("pk", *(field for fields in TEXT_FIELDS.values() for field in fields))
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
                "tags",
            )
        )
        for row in rows:
            authors = [authorship.author for authorship in row.authorships.all()]
            # taggit's prefetch has no order: by id, so the same article gets the same text.
            tags = sorted(row.tags.all(), key=lambda tag: tag.pk)
            for field, document in documents_of(row, authors, tags, variants).items():
                setattr(row, field, document)
        Article.objects.bulk_update(rows, SEARCH_FIELDS)


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


def index_unindexed(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: build the search texts of articles that have none (a migration made
    them anew, or emptied them to have them rebuilt).

    Every article has an Arabic title, so an empty Arabic search text was never built.
    Nothing to do while the database is migrated back to before the texts existed, and
    on another database than the one ``reindex`` writes.
    """
    if using != DEFAULT_DB_ALIAS:
        return
    field = DOCUMENT_FIELDS[settings.LANGUAGE_CODE]
    with connection.cursor() as cursor:
        if Article._meta.db_table not in connection.introspection.table_names(cursor):
            return
        description = connection.introspection.get_table_description(cursor, Article._meta.db_table)
    if not set(SEARCH_FIELDS) <= {column.name for column in description}:
        return
    unindexed = list(Article.objects.filter(**{field: ""}).values_list("pk", flat=True))
    if unindexed:
        reindex(unindexed)
        stamp_changed()  # pages cached before found other articles; bulk updates send no signal
