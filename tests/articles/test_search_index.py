"""The full-text index's SQL lives in articles.search.sql; migrations keep frozen copies."""

import importlib

import pytest
from django.db import connection

from articles import search
from articles.models import Article
from articles.search import sql
from tests.helpers.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def migration(name):
    return importlib.import_module(f"articles.migrations.{name}")


def test_the_migrations_froze_the_same_index_the_code_searches():
    frozen = migration("0016_search_stems")
    assert frozen.SQLITE_FORWARD == sql.SQLITE_INDEX
    assert frozen.SQLITE_BACKWARD == sql.SQLITE_DROP
    assert frozen.POSTGRES_FORWARD == sql.POSTGRES_INDEX
    assert frozen.POSTGRES_BACKWARD == sql.POSTGRES_DROP


def test_the_index_0016_replaces_is_the_one_0011_made():
    before, after = migration("0011_search_editions_and_spellings"), migration("0016_search_stems")
    assert after.OLD_SQLITE_INDEX == before.SQLITE_FORWARD
    assert after.OLD_SQLITE_DROP == before.SQLITE_BACKWARD


def test_a_lost_sqlite_trigger_is_put_back_and_the_index_rebuilt():
    article = make_article(title="مقال عن الزراعة")
    if connection.vendor != "sqlite":
        # PostgreSQL's index is a generated column: nothing to lose, the search finds it.
        assert search.ranked_ids(search.query_terms("الزراعة"), "ar") == [article.pk]
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER articles_article_fts_au")
    Article.objects.filter(pk=article.pk).update(search_document_ar="حصاد")
    assert search.ranked_ids(search.query_terms("حصاد"), "ar") == []  # the index missed it

    search.restore_sqlite_index()

    assert search.ranked_ids(search.query_terms("حصاد"), "ar") == [article.pk]
    Article.objects.filter(pk=article.pk).update(search_document_ar="قمح")
    assert search.ranked_ids(search.query_terms("قمح"), "ar") == [article.pk]


def test_one_reindex_rebuilds_many_articles_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    """A renamed author: every article that names them, in one bulk step."""
    author = make_author(name="سعاد")
    articles = [make_article(title=f"مقال {n}", authors=[author]) for n in range(12)]

    # the author; their articles' ids; the articles; their authors; their tags; one update;
    # one more moving their render tokens on (a paper's cite box names its authors)
    with django_assert_num_queries(7):
        author.name_ar = "سعاد الحلبي"
        author.save(update_fields=["name_ar"])

    found = search.ranked_ids(search.query_terms("الحلبي"), "ar")
    assert sorted(found) == sorted(article.pk for article in articles)
