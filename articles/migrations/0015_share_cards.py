# Cover captions and credits in both languages, and the cover's size kept with the row
# (pages size list images without opening the file).

from django.db import migrations, models


def fill(apps, schema_editor):
    """The existing caption and credit become the Arabic ones; covers get their size.

    Read as values: instantiating the model would open every cover to size it.
    """
    from django.core.files.storage import default_storage
    from PIL import Image

    Article = apps.get_model("articles", "Article")
    rows = Article.objects.values_list("pk", "cover_image", "cover_caption", "cover_credit")
    for pk, cover, caption, credit in rows.iterator():
        changes = {"cover_caption_ar": caption or "", "cover_credit_ar": credit or ""}
        if cover:
            try:
                with default_storage.open(cover) as file:
                    changes["cover_width"], changes["cover_height"] = Image.open(file).size
            except (OSError, ValueError):
                pass  # a missing file: sized when it is next saved
        Article.objects.filter(pk=pk).update(**changes)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0014_reference_structure"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="cover_caption_ar",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="image caption"),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_caption_en",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="image caption"),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_credit_ar",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="image credit"),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_credit_en",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="image credit"),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="cover height"),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="cover width"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
