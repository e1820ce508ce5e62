# Document details of a paper (issue 14): report number, series, DOI, PDF pages,
# last substantive revision.

from django.db import migrations, models

import core.doi


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_page_stamp"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="doi",
            field=models.CharField(
                blank=True,
                help_text="For example 10.1234/abcd.2025.014, without https://doi.org/.",
                max_length=200,
                validators=[core.doi.validate_doi],
                verbose_name="DOI",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="page_count",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="PDF pages"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="report_number",
            field=models.CharField(
                blank=True,
                help_text="Left empty, a paper gets the next number of its series when published.",
                max_length=40,
                null=True,
                unique=True,
                verbose_name="report number",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="revised_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when an editor marks a change as substantive.",
                null=True,
                verbose_name="last substantive revision",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="series",
            field=models.CharField(blank=True, max_length=200, verbose_name="series"),
        ),
    ]
