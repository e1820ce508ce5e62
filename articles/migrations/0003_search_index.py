"""Full-text index over Article.search_document, per database.

SQLite: an external-content FTS5 table kept in step by triggers.
PostgreSQL: a GIN index on the same expression the search query uses.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE articles_article_fts USING fts5("
    "search_document, content='articles_article', content_rowid='id')",
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
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    "DROP TABLE IF EXISTS articles_article_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX article_search_gin ON articles_article "
    "USING GIN (to_tsvector('simple', search_document))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS article_search_gin"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_search_document")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
