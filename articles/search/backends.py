"""Ranking matches in each database: SQLite's FTS5 table, PostgreSQL's tsvector column."""

from django.db import connection, connections

from . import sql

MAX_RESULTS = 500
MAX_RANKED = 1000


def ranked_ids(terms):
    """Article ids matching every term, best first (every article, public or not).

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
    ids = _ranked(terms, prefix=False)
    if len(ids) < MAX_RESULTS:
        ids = _ranked(terms, prefix=True)
    return ids


def _ranked(terms, *, prefix):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{term}:*" if prefix else term for term in terms)
            cursor.execute(sql.POSTGRES_RANKED, [tsquery, MAX_RANKED, MAX_RESULTS])
        else:
            match = " ".join(f'"{term}"*' if prefix else f'"{term}"' for term in terms)
            cursor.execute(sql.SQLITE_RANKED, [match, match, MAX_RANKED - 1, MAX_RESULTS])
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
        if not missing or sql.FTS_TABLE not in db.introspection.table_names(cursor):
            return
        for trigger in missing:
            cursor.execute(trigger)
        cursor.execute(sql.SQLITE_REBUILD)
