"""The full-text index's SQL, per database: what the search queries rely on.

Each edition has its own index, over its own search text (``search_document_ar``,
``search_document_en``): an FTS5 table each on SQLite, a generated tsvector column
each, with its GIN index, on PostgreSQL. Migrations keep frozen copies of these
statements (a migration must not change when the code does);
``tests/articles/test_search_index.py`` checks the copies match, and
``backends.restore_sqlite_index`` uses the triggers from here.
"""

FTS_TABLES = {"ar": "articles_article_fts_ar", "en": "articles_article_fts_en"}

SQLITE_TRIGGERS = [
    "CREATE TRIGGER articles_article_fts_ai AFTER INSERT ON articles_article BEGIN "
    "INSERT INTO articles_article_fts_ar(rowid, search_document_ar) "
    "VALUES (new.id, new.search_document_ar); "
    "INSERT INTO articles_article_fts_en(rowid, search_document_en) "
    "VALUES (new.id, new.search_document_en); END",
    "CREATE TRIGGER articles_article_fts_ad AFTER DELETE ON articles_article BEGIN "
    "INSERT INTO articles_article_fts_ar(articles_article_fts_ar, rowid, search_document_ar) "
    "VALUES ('delete', old.id, old.search_document_ar); "
    "INSERT INTO articles_article_fts_en(articles_article_fts_en, rowid, search_document_en) "
    "VALUES ('delete', old.id, old.search_document_en); END",
    "CREATE TRIGGER articles_article_fts_au AFTER UPDATE ON articles_article BEGIN "
    "INSERT INTO articles_article_fts_ar(articles_article_fts_ar, rowid, search_document_ar) "
    "VALUES ('delete', old.id, old.search_document_ar); "
    "INSERT INTO articles_article_fts_ar(rowid, search_document_ar) "
    "VALUES (new.id, new.search_document_ar); "
    "INSERT INTO articles_article_fts_en(articles_article_fts_en, rowid, search_document_en) "
    "VALUES ('delete', old.id, old.search_document_en); "
    "INSERT INTO articles_article_fts_en(rowid, search_document_en) "
    "VALUES (new.id, new.search_document_en); END",
]
SQLITE_REBUILD = [
    "INSERT INTO articles_article_fts_ar(articles_article_fts_ar) VALUES ('rebuild')",
    "INSERT INTO articles_article_fts_en(articles_article_fts_en) VALUES ('rebuild')",
]
SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE articles_article_fts_ar USING fts5("
    "search_document_ar, content='articles_article', content_rowid='id')",
    "CREATE VIRTUAL TABLE articles_article_fts_en USING fts5("
    "search_document_en, content='articles_article', content_rowid='id')",
    *SQLITE_TRIGGERS,
    *SQLITE_REBUILD,
]
POSTGRES_INDEX = [
    "ALTER TABLE articles_article "
    "ADD COLUMN search_vector_ar tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document_ar)) STORED, "
    "ADD COLUMN search_vector_en tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document_en)) STORED",
    "CREATE INDEX article_search_vector_ar_gin ON articles_article USING GIN (search_vector_ar)",
    "CREATE INDEX article_search_vector_en_gin ON articles_article USING GIN (search_vector_en)",
]

# Whole words, or (prefix) the words they begin; ranked among the newest MAX_RANKED matches.
# One statement per edition, each on that edition's index only.
POSTGRES_RANKED = {
    "ar": (
        "WITH query AS (SELECT to_tsquery('simple', %s) AS q), "
        "newest AS (SELECT id, search_vector_ar FROM articles_article, query "
        "WHERE search_vector_ar @@ q ORDER BY id DESC LIMIT %s) "
        "SELECT id FROM newest, query "
        "ORDER BY ts_rank(search_vector_ar, q) DESC, id DESC LIMIT %s"
    ),
    "en": (
        "WITH query AS (SELECT to_tsquery('simple', %s) AS q), "
        "newest AS (SELECT id, search_vector_en FROM articles_article, query "
        "WHERE search_vector_en @@ q ORDER BY id DESC LIMIT %s) "
        "SELECT id FROM newest, query "
        "ORDER BY ts_rank(search_vector_en, q) DESC, id DESC LIMIT %s"
    ),
}
SQLITE_RANKED = {
    "ar": (
        "SELECT rowid FROM articles_article_fts_ar "
        "WHERE articles_article_fts_ar MATCH %s AND rowid >= coalesce(("
        "SELECT rowid FROM articles_article_fts_ar WHERE articles_article_fts_ar MATCH %s "
        "ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0) "
        "ORDER BY bm25(articles_article_fts_ar), rowid DESC LIMIT %s"
    ),
    "en": (
        "SELECT rowid FROM articles_article_fts_en "
        "WHERE articles_article_fts_en MATCH %s AND rowid >= coalesce(("
        "SELECT rowid FROM articles_article_fts_en WHERE articles_article_fts_en MATCH %s "
        "ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0) "
        "ORDER BY bm25(articles_article_fts_en), rowid DESC LIMIT %s"
    ),
}

# Articles with any of some words in either edition's index (whoever a spelling group's
# change re-spells): whole words, unranked.
POSTGRES_CONTAINING = (
    "SELECT id FROM articles_article WHERE search_vector_ar @@ to_tsquery('simple', %s) "
    "OR search_vector_en @@ to_tsquery('simple', %s)"
)
SQLITE_CONTAINING = (
    "SELECT rowid FROM articles_article_fts_ar WHERE articles_article_fts_ar MATCH %s "
    "UNION SELECT rowid FROM articles_article_fts_en WHERE articles_article_fts_en MATCH %s"
)
