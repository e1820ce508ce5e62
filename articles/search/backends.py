"""Ranking matches in each database: SQLite's FTS5 tables, PostgreSQL's tsvector columns.

Each edition is searched in its own index only (``sql``): the Arabic edition in the
Arabic text, the English one in the English.
"""

from django.db import connection, connections

from . import sql
from .text import term_stem

MAX_RESULTS = 500
MAX_RANKED = 1000


def ranked_ids(terms, language):
    """Article ids whose ``language`` text matches every term, best first (public or not).

    A term matches by its stem («التحالفات» finds «التحالف», ``text.term_stem``) or
    as a word. Whole words first: when they alone fill the results, that is the
    answer. Otherwise (a rare word, or one still being typed) each term also matches
    the words it begins («سوري» finds «سورية»). Matching by beginnings costs far more
    on a large archive, so it is only paid when it can change the answer.

    Best first: matches in the title, summary, authors and tags (the head), ranked on
    those alone (bm25 / ``ts_rank``, a word as written counting beside its stem); then
    exact matches, where every term is a word of the text, before matches by stem;
    then the newest. No long text is ranked per query: the body decides what matches
    and which matches are exact, through the indexes only.

    Among the ``MAX_RANKED`` newest matches: a word that few articles use is ranked
    across the whole archive; one that thousands use («سورية») ranks its newest
    thousand, which for a publication is where a reader looks first anyway.
    """
    if not terms:
        return []
    ids = _ranked(terms, language, prefix=False)
    if len(ids) < MAX_RESULTS:
        ids = _ranked(terms, language, prefix=True)
    return ids


def _ranked(terms, language, *, prefix):
    pairs = [(term, term_stem(term)) for term in terms]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            match = " & ".join(
                "(" + " | ".join(dict.fromkeys([stemmed, f"{term}:*" if prefix else term])) + ")"
                for term, stemmed in pairs
            )
            exact = " & ".join(terms)
            cursor.execute(
                sql.POSTGRES_RANKED[language], [match, exact, MAX_RANKED, MAX_RANKED, MAX_RESULTS]
            )
        else:
            match = " AND ".join(
                "("
                + " OR ".join(
                    dict.fromkeys([f'"{stemmed}"', f'"{term}"*' if prefix else f'"{term}"'])
                )
                + ")"
                for term, stemmed in pairs
            )
            exact = " AND ".join(f'search_document_{language} : "{term}"' for term in terms)
            cursor.execute(
                sql.SQLITE_RANKED[language], [match, match, MAX_RANKED - 1, exact, MAX_RESULTS]
            )
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
            # In the words only: not in their stems, which the same table holds.
            match = "(" + " OR ".join(f'"{word}"' for word in sorted(words)) + ")"
            cursor.execute(
                sql.SQLITE_CONTAINING,
                [f"search_document_{code} : {match}" for code in sql.LANGUAGES],
            )
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
