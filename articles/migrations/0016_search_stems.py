"""Stems beside words, and a small text to rank on: each edition's search, reindexed.

Each edition gets two more search texts (``articles.search.text.search_texts``): the
Snowball stems of its words (what a query matches by: «التحالفات» finds «التحالف»)
and its head, the words and stems of its title, summary, authors and tags (what the
results are ranked on). SQLite: each edition's FTS5 table is made again with the
head, the words and the stems as its columns. PostgreSQL: ``search_match_*`` (words
and stems, GIN-indexed) and ``search_rank_*`` (the head) join ``search_vector_*``
(the words, which now tell exact matches from matches by stem).

Every article's search texts are rebuilt right after the migration: the words are
emptied here, and post_migrate (``articles.search.indexing.index_unindexed``) builds
all three again for each article whose words are empty.
"""

from django.db import migrations, models

# The index of 0011 (SQLite), dropped before the article table changes and made again
# backwards. PostgreSQL keeps 0011's columns: the words' vector and its GIN index.
OLD_SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE articles_article_fts_ar USING fts5("
    "search_document_ar, content='articles_article', content_rowid='id')",
    "CREATE VIRTUAL TABLE articles_article_fts_en USING fts5("
    "search_document_en, content='articles_article', content_rowid='id')",
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
    "INSERT INTO articles_article_fts_ar(articles_article_fts_ar) VALUES ('rebuild')",
    "INSERT INTO articles_article_fts_en(articles_article_fts_en) VALUES ('rebuild')",
]
OLD_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    "DROP TABLE IF EXISTS articles_article_fts_ar",
    "DROP TABLE IF EXISTS articles_article_fts_en",
]

SQLITE_FORWARD = [
    'CREATE VIRTUAL TABLE articles_article_fts_ar USING fts5(search_head_ar, '
    "search_document_ar, search_stems_ar, content='articles_article', content_rowid='id')",
    'CREATE VIRTUAL TABLE articles_article_fts_en USING fts5(search_head_en, '
    "search_document_en, search_stems_en, content='articles_article', content_rowid='id')",
    'CREATE TRIGGER articles_article_fts_ai AFTER INSERT ON articles_article BEGIN INSERT '
    'INTO articles_article_fts_ar(rowid, search_head_ar, search_document_ar, '
    'search_stems_ar) VALUES (new.id, new.search_head_ar, new.search_document_ar, '
    'new.search_stems_ar); INSERT INTO articles_article_fts_en(rowid, search_head_en, '
    'search_document_en, search_stems_en) VALUES (new.id, new.search_head_en, '
    'new.search_document_en, new.search_stems_en); END',
    'CREATE TRIGGER articles_article_fts_ad AFTER DELETE ON articles_article BEGIN INSERT '
    'INTO articles_article_fts_ar(articles_article_fts_ar, rowid, search_head_ar, '
    "search_document_ar, search_stems_ar) VALUES ('delete', old.id, old.search_head_ar, "
    'old.search_document_ar, old.search_stems_ar); INSERT INTO '
    'articles_article_fts_en(articles_article_fts_en, rowid, search_head_en, '
    "search_document_en, search_stems_en) VALUES ('delete', old.id, old.search_head_en, "
    'old.search_document_en, old.search_stems_en); END',
    'CREATE TRIGGER articles_article_fts_au AFTER UPDATE ON articles_article BEGIN INSERT '
    'INTO articles_article_fts_ar(articles_article_fts_ar, rowid, search_head_ar, '
    "search_document_ar, search_stems_ar) VALUES ('delete', old.id, old.search_head_ar, "
    'old.search_document_ar, old.search_stems_ar); INSERT INTO '
    'articles_article_fts_ar(rowid, search_head_ar, search_document_ar, search_stems_ar) '
    'VALUES (new.id, new.search_head_ar, new.search_document_ar, new.search_stems_ar); '
    'INSERT INTO articles_article_fts_en(articles_article_fts_en, rowid, search_head_en, '
    "search_document_en, search_stems_en) VALUES ('delete', old.id, old.search_head_en, "
    'old.search_document_en, old.search_stems_en); INSERT INTO '
    'articles_article_fts_en(rowid, search_head_en, search_document_en, search_stems_en) '
    'VALUES (new.id, new.search_head_en, new.search_document_en, new.search_stems_en); '
    'END',
    "INSERT INTO articles_article_fts_ar(articles_article_fts_ar) VALUES ('rebuild')",
    "INSERT INTO articles_article_fts_en(articles_article_fts_en) VALUES ('rebuild')",
]

SQLITE_BACKWARD = [
    'DROP TRIGGER IF EXISTS articles_article_fts_ai',
    'DROP TRIGGER IF EXISTS articles_article_fts_ad',
    'DROP TRIGGER IF EXISTS articles_article_fts_au',
    'DROP TABLE IF EXISTS articles_article_fts_ar',
    'DROP TABLE IF EXISTS articles_article_fts_en',
]

POSTGRES_FORWARD = [
    'ALTER TABLE articles_article ADD COLUMN search_match_ar tsvector GENERATED ALWAYS AS '
    "(to_tsvector('simple', search_document_ar || ' ' || search_stems_ar)) STORED, ADD "
    "COLUMN search_rank_ar tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
    'search_head_ar)) STORED, ADD COLUMN search_match_en tsvector GENERATED ALWAYS AS '
    "(to_tsvector('simple', search_document_en || ' ' || search_stems_en)) STORED, ADD "
    "COLUMN search_rank_en tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
    'search_head_en)) STORED',
    'CREATE INDEX article_search_match_ar_gin ON articles_article USING GIN '
    '(search_match_ar)',
    'CREATE INDEX article_search_match_en_gin ON articles_article USING GIN '
    '(search_match_en)',
]

POSTGRES_BACKWARD = [
    'DROP INDEX IF EXISTS article_search_match_ar_gin',
    'DROP INDEX IF EXISTS article_search_match_en_gin',
    'ALTER TABLE articles_article DROP COLUMN IF EXISTS search_match_ar, DROP COLUMN IF '
    'EXISTS search_rank_ar, DROP COLUMN IF EXISTS search_match_en, DROP COLUMN IF EXISTS '
    'search_rank_en',
]

EMPTY_WORDS = "UPDATE articles_article SET search_document_ar = '', search_document_en = ''"


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


def text_field(verbose_name):
    return models.TextField(blank=True, default="", editable=False, verbose_name=verbose_name)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_share_cards")]

    operations = [
        migrations.RunPython(run({"sqlite": OLD_SQLITE_DROP}), run({"sqlite": OLD_SQLITE_INDEX})),
        migrations.AddField(
            model_name="article",
            name="search_stems_ar",
            field=text_field("Arabic search stems"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_stems_en",
            field=text_field("English search stems"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_head_ar",
            field=text_field("Arabic ranked search text"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_head_en",
            field=text_field("English ranked search text"),
        ),
        migrations.RunSQL(EMPTY_WORDS, migrations.RunSQL.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
