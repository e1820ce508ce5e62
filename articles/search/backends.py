"""Ranking matches in each database: SQLite's FTS5 tables, PostgreSQL's tsvector columns.

Each edition is searched in its own index only (``sql``): the Arabic edition in the
Arabic text, the English one in the English.
"""

from django.db import connection, connections

from . import sql

MAX_RESULTS = 500
MAX_RANKED = 1000


def ranked_ids(terms, language):
    """Article ids whose ``language`` text matches every term, best first (public or not).

    Whole words first: when they alone fill the results, that is the answer.
    Otherwise (a rare word, or one still being typed) each term also matches the
    words it begins («سوري» finds «سورية»). Matching by beginnings costs far more
    on a large archive, so it is only paid when it can change the answer.

    Ranking reads each candidate's whole index entry, so it is bounded: among the
    ``MAX_RANKED`` newest matches. A word that few articles use is ranked across
    the whole archive; one that thousands use («سورية») ranks its newest thousand,
    which for a publication is where a reader looks first anyway.
    """
    if not terms:
        return []
    ids = _ranked(terms, language, prefix=False)
    if len(ids) < MAX_RESULTS:
        ids = _ranked(terms, language, prefix=True)
    return ids


def _ranked(terms, language, *, prefix):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{term}:*" if prefix else term for term in terms)
            cursor.execute(sql.POSTGRES_RANKED[language], [tsquery, MAX_RANKED, MAX_RESULTS])
        else:
            match = " ".join(f'"{term}"*' if prefix else f'"{term}"' for term in terms)
            cursor.execute(sql.SQLITE_RANKED[language], [match, match, MAX_RANKED - 1, MAX_RESULTS])
        return [row[0] for row in cursor.fetchall()]


def containing_ids(words):
    """Ids of the articles whose text, in any edition, has one of ``words`` (index words)."""
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " | ".join(sorted(words))
            cursor.execute(sql.POSTGRES_CONTAINING, [tsquery, tsquery])
        else:
            match = " OR ".join(f'"{word}"' for word in sorted(words))
            cursor.execute(sql.SQLITE_CONTAINING, [match, match])
        return [row[0] for row in cursor.fetchall()]


def restore_sqlite_index(using="default", **kwargs):
    """post_migrate: put back the FTS triggers a migration of the article table dropped.

    SQLite alters a table by copying it into a new one, which loses its triggers; then
    the index would stop following the articles. Recreated (and the index rebuilt) only
    when missing.
    """
    db = connections[using]
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            ["articles_article"],
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [trigger for trigger in sql.SQLITE_TRIGGERS if trigger.split()[2] not in present]
        tables = db.introspection.table_names(cursor)
        if not missing or not set(sql.FTS_TABLES.values()) <= set(tables):
            return
        for statement in (*missing, *sql.SQLITE_REBUILD):
            cursor.execute(statement)
