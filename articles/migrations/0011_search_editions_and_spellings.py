"""Each edition's own search text and index; the editors' spelling groups, a few shipped.

The one search text, which held every language, becomes one per edition
(``search_document_ar``, ``search_document_en``), each with its own index: an FTS5
table each on SQLite, a generated tsvector column each with its GIN index on
PostgreSQL. The new texts start empty and are built right after the migration, with
the groups shipped here (post_migrate: ``articles.search.indexing.index_unindexed``).
Backwards, the old text is put back as the two joined, which is what it held.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import core.text

# The index of 0003 (SQLite) and 0007 (PostgreSQL), dropped before its column goes and
# made again, from the restored column, backwards.
OLD_SQLITE_INDEX = [
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
OLD_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    "DROP TABLE IF EXISTS articles_article_fts",
]
OLD_POSTGRES_INDEX = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX article_search_vector_gin ON articles_article USING GIN (search_vector)",
]
OLD_POSTGRES_DROP = [
    "DROP INDEX IF EXISTS article_search_vector_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
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
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    "DROP TABLE IF EXISTS articles_article_fts_ar",
    "DROP TABLE IF EXISTS articles_article_fts_en",
]
POSTGRES_FORWARD = [
    "ALTER TABLE articles_article "
    "ADD COLUMN search_vector_ar tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document_ar)) STORED, "
    "ADD COLUMN search_vector_en tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document_en)) STORED",
    "CREATE INDEX article_search_vector_ar_gin ON articles_article USING GIN (search_vector_ar)",
    "CREATE INDEX article_search_vector_en_gin ON articles_article USING GIN (search_vector_en)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS article_search_vector_ar_gin",
    "DROP INDEX IF EXISTS article_search_vector_en_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector_ar, "
    "DROP COLUMN IF EXISTS search_vector_en",
]

JOIN_DOCUMENTS = (
    "UPDATE articles_article SET search_document = "
    "trim(search_document_ar || ' ' || search_document_en)"
)

# Spellings a Syrian publication's readers take for one word, which core.arabic's folds
# (hamza, ى, ة, diacritics) do not already join; the first is the one indexed. Left out
# on purpose: pairs whose second spelling is also another word (روسيا/روسية: روسية is
# also "Russian"), and أستانا/أستانة (الأستانة is also Istanbul, in older texts).
SHIPPED = [
    # Syria: the paper and the Syrian state write «سورية», most readers and papers «سوريا».
    "سورية، سوريا",
    # America, American: «أميركا» is the Levantine press's spelling, «أمريكا» the Gulf's
    # and Egypt's; readers type either, and the adjectives follow the noun.
    "أمريكا، أميركا",
    "أمريكي، أميركي",
    "أمريكية، أميركية",
    # Trump: «ترمب» in al-Sharq al-Awsat and al-Hayat, «ترامب» in most other papers.
    "ترامب، ترمب",
    # Kurdistan: «كوردستان» is the Kurdish parties' own spelling, in their names.
    "كردستان، كوردستان",
    # Europe: «أوربا», the older spelling, is still in print beside «أوروبا».
    "أوروبا، أوربا",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


def ship_groups(apps, schema_editor):
    SpellingGroup = apps.get_model("articles", "SpellingGroup")
    SpellingGroup.objects.bulk_create(SpellingGroup(spellings=group) for group in SHIPPED)


def remove_groups(apps, schema_editor):
    apps.get_model("articles", "SpellingGroup").objects.filter(spellings__in=SHIPPED).delete()


# The editors keep the list (the groups of 0005 were given the permissions of their time).
MANAGERS = ["المحررون", "المديرون"]
CODENAMES = [f"{action}_spellinggroup" for action in ("add", "change", "delete", "view")]


def spelling_permissions(apps):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles", codename__in=CODENAMES
    )


def let_editors_manage(apps, schema_editor):
    permissions = spelling_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=MANAGERS):
        group.permissions.add(*permissions)


def stop_editors_managing(apps, schema_editor):
    permissions = spelling_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=MANAGERS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_summary_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": OLD_SQLITE_DROP, "postgresql": OLD_POSTGRES_DROP}),
            run({"sqlite": OLD_SQLITE_INDEX, "postgresql": OLD_POSTGRES_INDEX}),
        ),
        migrations.AddField(
            model_name="article",
            name="search_document_ar",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Normalized text the site search looks in; rebuilt on every save.",
                verbose_name="Arabic search text",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="search_document_en",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Normalized text the site search looks in; rebuilt on every save.",
                verbose_name="English search text",
            ),
        ),
        migrations.RunSQL(migrations.RunSQL.noop, JOIN_DOCUMENTS),
        migrations.RemoveField(model_name="article", name="search_document"),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.CreateModel(
            name="SpellingGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "spellings",
                    models.CharField(
                        help_text=(
                            "The ways of writing one word, separated by «،» or «,»: سورية، "
                            "سوريا. The site search finds each of them by any other. Write "
                            "the word alone: «وسوريا» and «لسورية» are found anyway."
                        ),
                        max_length=300,
                        verbose_name="spellings",
                    ),
                ),
            ],
            options={
                "verbose_name": "spelling group",
                "verbose_name_plural": "spelling groups",
                "ordering": ["spellings"],
            },
            bases=(core.text.CleanTextMixin, models.Model),
        ),
        migrations.RunPython(ship_groups, remove_groups),
        migrations.RunPython(let_editors_manage, stop_editors_managing),
    ]
