"""The full-text index's SQL, per database: what the search queries rely on.

Migrations keep frozen copies of these statements (a migration must not change
when the code does); ``tests/articles/test_search.py`` checks the copies match, and
``backends.restore_sqlite_index`` uses the triggers from here.
"""

FTS_TABLE = "articles_article_fts"

SQLITE_TRIGGERS = [
    "CREATE TRIGGER articles_article_fts_ai AFTER INSERT ON articles_article BEGIN "
    "INSERT INTO articles_article_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER articles_article_fts_ad AFTER DELETE ON articles_article BEGIN "
    "INSERT INTO articles_article_fts(articles_article_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER articles_article_fts_au AFTER UPDATE ON articles_article BEGIN "
    "INSERT INTO articles_article_fts(articles_article_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO articles_article_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
]
SQLITE_REBUILD = "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')"
SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE articles_article_fts USING fts5("
    "search_document, content='articles_article', content_rowid='id')",
    *SQLITE_TRIGGERS,
    SQLITE_REBUILD,
]
POSTGRES_INDEX = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX article_search_vector_gin ON articles_article USING GIN (search_vector)",
]

# Whole words, or (prefix) the words they begin; ranked among the newest MAX_RANKED matches.
POSTGRES_RANKED = (
    "WITH query AS (SELECT to_tsquery('simple', %s) AS q), "
    "newest AS (SELECT id, search_vector FROM articles_article, query "
    "WHERE search_vector @@ q ORDER BY id DESC LIMIT %s) "
    "SELECT id FROM newest, query "
    "ORDER BY ts_rank(search_vector, q) DESC, id DESC LIMIT %s"
)
SQLITE_RANKED = (
    "SELECT rowid FROM articles_article_fts "
    "WHERE articles_article_fts MATCH %s AND rowid >= coalesce(("
    "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s "
    "ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0) "
    "ORDER BY bm25(articles_article_fts), rowid DESC LIMIT %s"
)
