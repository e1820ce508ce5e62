"""Reads that cross relations: what the pages, feeds and sitemaps show of articles.

Every function starts from ``Article.objects.published()`` (or is handed a queryset
that did) and fetches what its callers show in a fixed number of queries.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth

from .models import Article, Authorship, SlugRedirect, Tag, TaggedArticle

READ_ALSO_LIMIT = 3


def authorships_prefetch():
    """Each article's authorships in their order, with the authors."""
    return Prefetch(
        "authorships",
        queryset=Authorship.objects.select_related("author").order_by("position", "pk"),
    )


def card_queryset(articles=None, *, whole=False):
    """Published articles (or ``articles``) with what a card shows, in a fixed number of queries.

    ``whole`` also loads the bodies (feeds, search excerpts).
    """
    articles = Article.objects.published() if articles is None else articles
    if not whole:
        articles = articles.without_text()
    return articles.select_related("section").prefetch_related(authorships_prefetch())


def author_articles(author):
    """An author's published articles, as cards (the author page's list)."""
    return card_queryset().filter(authors=author)


def public_tags(language=None):
    """Tags with at least one public article in the edition: the only ones with a page.

    A tag a writer types is not public before an editor publishes an article that
    carries it, and stops being public when its last public article goes.
    """
    return Tag.objects.filter(
        pk__in=TaggedArticle.objects.filter(
            content_object__in=Article.objects.published(language)
        ).values("tag")
    )


def archive_months():
    """``{"month", "count"}`` for every month with public articles, newest first: one query.

    Months are cut in the site's time zone, as the month pages are.
    """
    return (
        Article.objects.published()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def redirected_article(*, language, old_slug):
    """The public article an old address in ``language`` leads to, or None: one query."""
    found = (
        SlugRedirect.objects.filter(
            language=language,
            old_slug=old_slug,
            article__in=Article.objects.published().values("pk"),
        )
        .select_related("article")
        .first()
    )
    return found.article if found else None


def read_also_for(article, picks):
    """The editor's picks in order (``picks``: their ids); failing those, recent articles
    on the same subject (its section, or one of its tags). One query either way, whose
    cost does not grow with the archive: the picks by their keys; the related ones by
    walking the public articles newest first (``article_public_idx``) until three match.

    ``article.tags`` is expected loaded (the stored rendering attaches them).
    """
    picks = list(dict.fromkeys(picks))
    if picks:
        # A pick may be a summary-only entry; the related articles never are.
        found = (
            Article.objects.published(summaries=True)
            .without_text()
            .select_related("section")
            .in_bulk(picks)
        )
        if found:
            return [found[pk] for pk in picks if pk in found]
    tag_ids = [tag.pk for tag in article.tags.all()]
    shares_a_tag = TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    return list(
        Article.objects.published()
        .without_text()
        .exclude(pk=article.pk)
        .filter(Q(section_id=article.section_id) | Exists(shares_a_tag))
        .select_related("section")
        .order_by("-published_at", "-pk")[:READ_ALSO_LIMIT]
    )
