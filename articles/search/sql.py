"""The full-text index's SQL, per database: what the search queries rely on.

Each edition has its own index, over its own three search texts (``text.search_texts``:
``search_head_ar``, ``search_document_ar``, ``search_stems_ar``; the same ``_en``):

- SQLite: an FTS5 table each, with the three texts as its columns, kept in step by
  triggers;
- PostgreSQL: generated tsvector columns each: ``search_match_ar`` (words and stems,
  GIN-indexed: what a query matches), ``search_vector_ar`` (words only, GIN-indexed:
  which matches are exact) and ``search_rank_ar`` (the head, not indexed: read for
  the candidates only, to rank them).

Migrations keep frozen copies of these statements (a migration must not change when the
code does); ``tests/articles/test_search_index.py`` checks the copies match, and
``backends.restore_sqlite_index`` uses the triggers from here.
"""

LANGUAGES = ("ar", "en")

FTS_TABLES = {code: f"articles_article_fts_{code}" for code in LANGUAGES}
# In this order in each FTS5 table: bm25's column weights (SQLITE_RANKED) follow it.
FTS_COLUMNS = ("search_head", "search_document", "search_stems")


def _columns(code, row=""):
    return ", ".join(f"{row}{column}_{code}" for column in FTS_COLUMNS)


# The statements are put together from the names above only: nothing here is a value.
def _fts_insert(code, row):
    values = _columns(code, row + ".")
    return f"INSERT INTO {FTS_TABLES[code]}(rowid, {_columns(code)}) VALUES ({row}.id, {values}); "  # noqa: S608


def _fts_delete(code):
    table, values = FTS_TABLES[code], _columns(code, "old.")
    return (
        f"INSERT INTO {table}({table}, rowid, {_columns(code)}) "  # noqa: S608
        f"VALUES ('delete', old.id, {values}); "
    )


SQLITE_TRIGGERS = [
    "CREATE TRIGGER articles_article_fts_ai AFTER INSERT ON articles_article BEGIN "
    + "".join(_fts_insert(code, "new") for code in LANGUAGES)
    + "END",
    "CREATE TRIGGER articles_article_fts_ad AFTER DELETE ON articles_article BEGIN "
    + "".join(_fts_delete(code) for code in LANGUAGES)
    + "END",
    "CREATE TRIGGER articles_article_fts_au AFTER UPDATE ON articles_article BEGIN "
    + "".join(_fts_delete(code) + _fts_insert(code, "new") for code in LANGUAGES)
    + "END",
]
SQLITE_REBUILD = [
    f"INSERT INTO {table}({table}) VALUES ('rebuild')"  # noqa: S608
    for table in FTS_TABLES.values()
]
SQLITE_INDEX = [
    *(
        f"CREATE VIRTUAL TABLE {FTS_TABLES[code]} USING fts5("
        f"{_columns(code)}, content='articles_article', content_rowid='id')"
        for code in LANGUAGES
    ),
    *SQLITE_TRIGGERS,
    *SQLITE_REBUILD,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    *(f"DROP TABLE IF EXISTS {table}" for table in FTS_TABLES.values()),
]
POSTGRES_INDEX = [
    "ALTER TABLE articles_article "
    + ", ".join(
        f"ADD COLUMN search_match_{code} tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
        f"search_document_{code} || ' ' || search_stems_{code})) STORED, "
        f"ADD COLUMN search_rank_{code} tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
        f"search_head_{code})) STORED"
        for code in LANGUAGES
    ),
    *(
        f"CREATE INDEX article_search_match_{code}_gin ON articles_article "
        f"USING GIN (search_match_{code})"
        for code in LANGUAGES
    ),
]
POSTGRES_DROP = [
    *(f"DROP INDEX IF EXISTS article_search_match_{code}_gin" for code in LANGUAGES),
    "ALTER TABLE articles_article "
    + ", ".join(
        f"DROP COLUMN IF EXISTS search_match_{code}, DROP COLUMN IF EXISTS search_rank_{code}"
        for code in LANGUAGES
    ),
]

# A query matches by each term's stem or its word (or, with prefix, the words it begins),
# among the newest MAX_RANKED matches; ranked on the head (title, summary, names) only,
# then exact matches (every term a word of the text) before matches by stem, then newest.
# The long texts are read through their GIN indexes only, never row by row.
POSTGRES_RANKED = {
    code: (
        "WITH query AS (SELECT to_tsquery('simple', %s) AS q, "  # noqa: S608
        "to_tsquery('simple', %s) AS exact), "
        f"matched AS (SELECT id FROM articles_article, query WHERE search_match_{code} @@ q "
        "ORDER BY id DESC LIMIT %s), "
        f"exact AS (SELECT id FROM articles_article, query WHERE search_vector_{code} @@ exact "
        "ORDER BY id DESC LIMIT %s) "
        "SELECT article.id FROM matched "
        "JOIN articles_article article ON article.id = matched.id, query "
        f"ORDER BY ts_rank(article.search_rank_{code}, query.q) DESC, "
        "article.id IN (SELECT id FROM exact) DESC, article.id DESC LIMIT %s"
    )
    for code in LANGUAGES
}
SQLITE_RANKED = {
    code: (
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND rowid >= coalesce(("  # noqa: S608
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s "
        "ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0) "
        f"ORDER BY bm25({table}, 1.0, 0.0, 0.0), "
        f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) DESC, "
        "rowid DESC LIMIT %s"
    )
    for code, table in FTS_TABLES.items()
}

# Articles with any of some words in either edition's words (whoever a spelling group's
# change re-spells): whole words, unranked.
POSTGRES_CONTAINING = (
    "SELECT id FROM articles_article WHERE search_vector_ar @@ to_tsquery('simple', %s) "
    "OR search_vector_en @@ to_tsquery('simple', %s)"
)
SQLITE_CONTAINING = (
    "SELECT rowid FROM articles_article_fts_ar WHERE articles_article_fts_ar MATCH %s "
    "UNION SELECT rowid FROM articles_article_fts_en WHERE articles_article_fts_en MATCH %s"
)
