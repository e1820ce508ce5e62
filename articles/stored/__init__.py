"""Rendered once per change, served many times: what pages and feeds show of an article.

The body with its footnote links, direction marks and heading ids, the table of
contents, the references with their back links, the tag list, the reading time and
a feed item's content do not change between edits, so they are rendered once per
edition and kept in a ``RenderedArticle`` row, which the page fetches with the
article itself (``with_rendering``). The row also carries the article's references
and tags (and the ids of its «read also» picks), so that the page's other parts that
read them (citation metadata, the cite box, read-also) make no query either.

A row is valid for one ``key``: the digest of the article's ``render_token`` (new at
every save of the article, and moved on by ``invalidate`` whenever one of its
references, tags, tag names or picks changes: ``signals``), the edition's language
and the code and templates that render it. A row of any other key is rendered again
on the next read and replaced, so an editor's change shows on the next request,
and a deploy that changes a template re-renders each article once, when it is read.

Rendering reads the article's references, tags and picks after the article row:
a change committed in between has moved the token on, so a row made from the
older state is already out of date when it is stored, never served as current.
"""

import functools
import hashlib
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import FilteredRelation, Q, prefetch_related_objects
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from core.site import site_name

from .. import citations
from ..models import Article, ReadAlso, Reference, RenderedArticle, Tag
from ..rendering import body as body_module
from ..rendering import markup
from ..rendering.body import reading_minutes, render_body
from ..selectors import authorships_prefetch

logger = logging.getLogger(__name__)

RELATION = "rendering"
TEMPLATES = [
    "articles/includes/references.html",
    "articles/includes/toc.html",
    "articles/includes/tag_list.html",
    "articles/includes/cite.html",
    "includes/citation.html",
    "feeds/content.html",
]
# Where a stored piece names the site's own address (the cite box's citations): the
# request's scheme and host go in its place when the piece is served (``cite_box``).
ORIGIN = "https://origin.invalid"
STORED_FIELDS = [
    "body", "toc", "references", "tags", "cite", "reading_minutes", "feed",
    "reference_rows", "tag_rows", "picks",
]  # fmt: skip


@functools.cache
def code_version():
    """A digest of what renders a row: its templates, modules and message catalogues."""
    digest = hashlib.blake2b(digest_size=8)
    sources = [Path(get_template(name).origin.name) for name in TEMPLATES]
    sources += [Path(module.__file__) for module in (body_module, markup)]
    sources += [Path(__file__), Path(citations.csl.__file__), Path(citations.items.__file__)]
    sources += sorted(citations.csl.CSL.glob("*.csl")) + sorted(citations.csl.CSL.glob("*.xml"))
    for locale in settings.LOCALE_PATHS:
        sources += sorted(Path(locale).glob("*/LC_MESSAGES/django.mo"))
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def key_for(article, language):
    with override(language):
        name = site_name()
    raw = f"{code_version()}:{article.pk}:{language}:{article.render_token}:{name}"
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def with_rendering(articles, language=None):
    """``articles`` with each one's stored rendering in ``language`` joined in the same query."""
    language = language or get_language()
    return articles.annotate(
        **{RELATION: FilteredRelation("renderings", condition=Q(renderings__language=language))}
    ).select_related(RELATION)


def invalidate(article_ids):
    """Something the stored renderings of these articles (ids, or a query of them) show
    changed: one UPDATE; each one's next read renders it again (``renderings_of``)."""
    Article.objects.filter(pk__in=article_ids).update(render_token=uuid.uuid4().hex)


# --- Rows as data: what the page reads of references and tags, without a query -------


def _rows(objects):
    return [
        {field.attname: field.value_from_object(obj) for field in obj._meta.concrete_fields}
        for obj in objects
    ]


def _restored(model, rows):
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    return [
        model.from_db(None, names, [field.to_python(row[field.attname]) for field in fields])
        for row in rows
    ]


def _attach(article, name, objects):
    """Give ``article.<name>.all()`` these objects, as ``prefetch_related`` would."""
    queryset = getattr(article, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(article, "_prefetched_objects_cache"):
        article._prefetched_objects_cache = {}
    article._prefetched_objects_cache[name] = queryset


# --- Rendering ------------------------------------------------------------------------


def render(article, language):
    """A new, unsaved ``RenderedArticle`` of ``article`` in ``language``: three queries."""
    with override(language):
        # As the page prefetched them before it kept them (the tags in that order).
        prefetch_related_objects([article], "references", "tags", authorships_prefetch())
        references = list(article.references.all())
        tags = list(article.tags.all())
        picks = list(
            ReadAlso.objects.filter(article=article)
            .order_by("position", "pk")
            .values_list("target_id", flat=True)
        )
        numbers = [reference.number for reference in references]
        body = render_body(
            article.body, language=language, numbers=numbers, outline=article.is_paper
        )
        for reference in references:
            reference.backlinks = body.citations.get(reference.number, [])
        context = {"article": article, "references": references, "toc": body.toc, "tags": tags}
        # A feed item's links are made absolute where it is served (``feeds.absolutize``).
        feed_body = render_body(article.body, language=language, numbers=numbers)
        feed = render_to_string(
            "feeds/content.html",
            {
                "article": article,
                "body_html": feed_body.html,
                "references": references,
                "cover_url": article.cover_image.url if article.cover_image else "",
            },
        )
        return RenderedArticle(
            article=article,
            language=language,
            key=key_for(article, language),
            body=body.html,
            toc=render_to_string("articles/includes/toc.html", context),
            references=render_to_string("articles/includes/references.html", context),
            tags=render_to_string("articles/includes/tag_list.html", context),
            cite=render_to_string(
                "articles/includes/cite.html",
                {
                    "article": article,
                    "references": references,
                    **citations.cite_context(article, ORIGIN + article.get_absolute_url()),
                },
            )
            if article.is_paper
            else "",
            reading_minutes=reading_minutes(article.body),
            feed=feed,
            reference_rows=_rows(references),
            tag_rows=_rows(tags),
            picks=picks,
        )


def _store(renderings):
    """Keep ``renderings``, replacing older rows; a database that refuses is only logged."""
    try:
        with transaction.atomic():
            RenderedArticle.objects.bulk_create(
                renderings,
                update_conflicts=True,
                unique_fields=["article", "language"],
                update_fields=["key", "rendered_at", *STORED_FIELDS],
            )
    except DatabaseError:
        # The page is shown all the same, rendered for this request.
        logger.exception("Rendered articles could not be stored")


def renderings_of(articles, language=None):
    """Each article's valid rendering in ``language`` (rendered and stored where needed).

    ``articles`` come from ``with_rendering``; each gets its references and tags
    attached from the rendering (no query for them afterwards).
    """
    language = language or get_language()
    found, fresh = {}, []
    for article in articles:
        stored = getattr(article, RELATION, None)
        if stored is None or stored.key != key_for(article, language):
            stored = render(article, language)
            fresh.append(stored)
        found[article.pk] = stored
        _attach(article, "references", _restored(Reference, stored.reference_rows))
        _attach(article, "tags", _restored(Tag, stored.tag_rows))
    if fresh:
        _store(fresh)
    return found


def rendering_of(article, language=None):
    return renderings_of([article], language)[article.pk]


def cite_box(rendering, request):
    """The stored «Cite this paper» box with this request's address of the site in it."""
    origin = request.build_absolute_uri("/").removesuffix("/")
    return mark_safe(rendering.cite.replace(ORIGIN, origin))  # noqa: S308 - rendered escaped
