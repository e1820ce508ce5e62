# The structured parts of a reference (issue 14): item type, authors as persons or
# institutions, the date as numbers, container and place. Existing rows are read by
# the citation parser, so the seed paper's references come out split.

from django.db import migrations, models

from articles.citations.parsing import structure

FIELDS = ("authors", "title", "publisher", "date_text", "report_number", "url", "note")


def structure_references(apps, schema_editor):
    Reference = apps.get_model("articles", "Reference")
    for reference in Reference.objects.iterator():
        parts = structure(**{name: getattr(reference, name) for name in FIELDS})
        for name, value in parts.items():
            setattr(reference, name, value)
        reference.save(update_fields=list(parts))


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0013_document_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="reference",
            name="container",
            field=models.CharField(blank=True, help_text="Where it appeared.", max_length=300, verbose_name="journal or site"),
        ),
        migrations.AddField(
            model_name="reference",
            name="creators",
            field=models.JSONField(blank=True, default=list, help_text="One author per line. Split a person's name as «Family | Given»; start an institution's name with «@».", verbose_name="authors (structured)"),
        ),
        migrations.AddField(
            model_name="reference",
            name="issued_day",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="day"),
        ),
        migrations.AddField(
            model_name="reference",
            name="issued_month",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="month"),
        ),
        migrations.AddField(
            model_name="reference",
            name="issued_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="year"),
        ),
        migrations.AddField(
            model_name="reference",
            name="item_type",
            field=models.CharField(blank=True, choices=[("report", "Report"), ("article-journal", "Journal article"), ("book", "Book"), ("webpage", "Web page"), ("article-newspaper", "News article"), ("document", "Statement")], default="report", max_length=20, verbose_name="item type"),
        ),
        migrations.AddField(
            model_name="reference",
            name="place",
            field=models.CharField(blank=True, max_length=100, verbose_name="place of publication"),
        ),
        migrations.AddConstraint(
            model_name="reference",
            constraint=models.CheckConstraint(condition=models.Q(("issued_month__isnull", True), models.Q(("issued_month__gte", 1), ("issued_month__lte", 12), ("issued_year__isnull", False)), _connector="OR"), name="reference_issued_month", violation_error_message="A month is 1 to 12, with a year."),
        ),
        migrations.AddConstraint(
            model_name="reference",
            constraint=models.CheckConstraint(condition=models.Q(("issued_day__isnull", True), models.Q(("issued_day__gte", 1), ("issued_day__lte", 31), ("issued_month__isnull", False)), _connector="OR"), name="reference_issued_day", violation_error_message="A day is 1 to 31, with a month."),
        ),
        migrations.RunPython(structure_references, migrations.RunPython.noop),
    ]
