"""The benchmark's database: refused unless it is empty or the benchmark's own, then filled.

``generate`` writes the rows of ``rows`` (sections, authors and tags one by one,
articles with ``bulk_create`` in batches, one transaction per batch, so that
100,000 articles take minutes, not hours), then marks the database as the
benchmark's. On SQLite the FTS5 tables are filled by the insert trigger of
migration 0011 (bulk inserts fire it row by row); on PostgreSQL the generated
``search_vector_ar`` and ``search_vector_en`` columns and their GIN indexes follow by
themselves.

``import_seeds`` then adds the documents of ``seeds/`` through the project's own import
(``articles.ingest``, as ``manage.py import_seeds`` does), so that the benchmark measures
a real paper beside the generated ones; a second run finds them imported.
"""

import random
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.utils.translation import override
from reversion.models import Revision

from articles.ingest.importer import seeds_import
from articles.models import (
    Article,
    Authorship,
    ReadAlso,
    Reference,
    Section,
    SeedImport,
    Tag,
    TaggedArticle,
)
from articles.search.sql import SQLITE_REBUILD
from authors.models import Author

from .rows import make_pools, publication_times, write_batch
from .writer import Writer

MARKER_TABLE = "benchmark_dataset"
BATCH = 500


# --- The benchmark's own database ---------------------------------------------------


def project_database():
    """The developer's database file (settings' default), which the benchmark never touches."""
    return (Path(settings.BASE_DIR) / "db.sqlite3").resolve()


def marker():
    """What the benchmark wrote here before (articles, seed, seconds), or None."""
    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT articles, seed, seconds FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
    return {"articles": row[0], "seed": row[1], "seconds": row[2]} if row else {}


def content_counts():
    return {
        "articles": Article.objects.count(),
        "authors": Author.objects.count(),
        "sections": Section.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
    }


def refuse_project_database(vendor, name):
    """The developer's ``db.sqlite3`` is never the benchmark's, even when empty."""
    sqlite_file = vendor == "sqlite" and isinstance(name, str | Path) and str(name)
    if sqlite_file and Path(name).resolve() == project_database():
        raise CommandError(
            f"Refusing to fill {name}, the project's own database. The benchmark makes "
            "its own (.benchmark/); give --database-url to point it at another empty one."
        )


def check_database():
    """Refuse anything but an empty database or one the benchmark filled itself.

    Returns the marker (None for an empty database). The developer's own
    ``db.sqlite3`` is refused even when empty: a benchmark run would leave
    thousands of made-up articles in it.
    """
    name = connection.settings_dict["NAME"]
    refuse_project_database(connection.vendor, name)
    found = marker()
    if found is not None:
        return found
    counts = {kind: n for kind, n in content_counts().items() if n}
    if counts:
        listed = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        raise CommandError(
            f"Refusing to touch this database ({connection.vendor}: {name}): it holds content "
            f"the benchmark did not create ({listed}). The benchmark writes only into an empty "
            "database or one it created itself; give --database-url with an empty one."
        )
    return None


def clear_benchmark_content():
    """Delete what an earlier run generated or imported (only called on a marked database)."""
    SeedImport.objects.all().delete()
    Revision.objects.all().delete()
    ReadAlso.objects.all().delete()
    Reference.objects.all().delete()
    TaggedArticle.objects.all().delete()
    Authorship.objects.all().delete()
    Article.objects.all().delete()
    Tag.objects.all().delete()
    Author.objects.all().delete()
    Section.objects.all().delete()


def write_marker(articles, seed, seconds):
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(articles integer NOT NULL, seed integer NOT NULL, seconds real NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (articles, seed, seconds) VALUES (%s, %s, %s)",  # noqa: S608
            [articles, seed, seconds],
        )


# --- Generation ---------------------------------------------------------------------


@dataclass
class Dataset:
    articles: int
    seed: int
    seconds: float
    #: the SQLite FTS5 index had to be rebuilt: its insert trigger is missing
    index_rebuilt: bool = False


def generate(articles, *, seed=2025, progress=None):
    """Fill an empty (or the benchmark's own) database with ``articles`` articles."""
    rng = random.Random(seed)  # noqa: S311 - made-up content, not secrets
    writer = Writer(rng)
    started = time.perf_counter()
    with override(settings.LANGUAGE_CODE), transaction.atomic():
        pools = make_pools(rng)
    times, now = publication_times(rng, articles)
    created_ids = []
    for start in range(0, articles, BATCH):
        with override(settings.LANGUAGE_CODE), transaction.atomic():
            batch = write_batch(rng, writer, times[start : start + BATCH], now, pools, created_ids)
        created_ids.extend(batch)
        if progress:
            progress(start + len(batch), time.perf_counter() - started)
    rebuilt = connection.vendor == "sqlite" and full_text_rows() != articles
    if rebuilt:
        with connection.cursor() as cursor:
            for statement in SQLITE_REBUILD:
                cursor.execute(statement)
    seconds = time.perf_counter() - started
    write_marker(articles, seed, seconds)
    # bulk_create sends no signals: start the page cache afresh.
    caches["default"].clear()
    return Dataset(articles=articles, seed=seed, seconds=seconds, index_rebuilt=rebuilt)


def import_seeds():
    """The seed documents, imported as an editor's ``manage.py import_seeds`` would (once)."""
    seeds_import(directory=Path(settings.BASE_DIR) / "seeds")


def seed_paper():
    """The imported paper (analysis section) with the most references, or None."""
    imported = SeedImport.objects.exclude(article=None).values_list("article", flat=True)
    return (
        Article.objects.published()
        .filter(pk__in=imported, section__genre=Section.Genre.ANALYSIS)
        .annotate(refs=Count("references"))
        .order_by("-refs", "pk")
        .first()
    )


def full_text_rows():
    """Articles in the full-text index: must equal the number of articles.

    SQLite: the rows of the Arabic FTS5 table (its ``docsize`` shadow table holds one
    per document); PostgreSQL: the articles whose generated ``search_vector_ar`` is not
    empty. Every article has Arabic text; not every one has English.
    """
    if connection.vendor == "sqlite":
        query = "SELECT count(*) FROM articles_article_fts_ar_docsize"
    else:
        query = (
            "SELECT count(*) FROM articles_article "
            "WHERE search_vector_ar IS NOT NULL AND search_vector_ar <> ''::tsvector"
        )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0]
