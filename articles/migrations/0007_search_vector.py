"""PostgreSQL: the search index on a stored tsvector column instead of an expression.

Ranking read ``to_tsvector('simple', search_document)`` again for every matching
article (tens of seconds for a common word among 10,000 articles); a generated
column keeps the parsed vector, and the GIN index is built on it. SQLite's FTS5
table (0003) stays as it is.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX article_search_vector_gin ON articles_article USING GIN (search_vector)",
    "DROP INDEX IF EXISTS article_search_gin",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX article_search_gin ON articles_article "
    "USING GIN (to_tsvector('simple', search_document))",
    "DROP INDEX IF EXISTS article_search_vector_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_edit_version")]

    operations = [migrations.RunPython(run(POSTGRES_FORWARD), run(POSTGRES_BACKWARD))]
