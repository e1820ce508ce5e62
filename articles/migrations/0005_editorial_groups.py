"""The editorial roles as groups: writers, editors and administrators.

Writers create and edit their own drafts and submit them for review; editors
edit anything and publish, schedule and unpublish; administrators manage
everything, people included. What each may do is enforced by the admin from
these permissions, not by the group names.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = "الكتّاب"
EDITORS = "المحررون"
ADMINISTRATORS = "المديرون"

WRITER_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_authorship",
    "articles.change_authorship",
    "articles.delete_authorship",
    "articles.view_authorship",
    "articles.add_reference",
    "articles.change_reference",
    "articles.delete_reference",
    "articles.view_reference",
    "articles.add_readalso",
    "articles.change_readalso",
    "articles.delete_readalso",
    "articles.view_readalso",
    "articles.view_section",
    "articles.add_tag",
    "articles.view_tag",
    "authors.view_author",
]
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + [
    "articles.delete_article",
    "articles.publish_article",
    "articles.add_section",
    "articles.change_section",
    "articles.change_tag",
    "articles.delete_tag",
    "articles.view_slugredirect",
    "articles.delete_slugredirect",
    "authors.add_author",
    "authors.change_author",
]
ADMINISTRATOR_APPS = ["articles", "authors", "auth", "axes"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    writers, _ = Group.objects.get_or_create(name=WRITERS)
    writers.permissions.set(permissions(WRITER_PERMISSIONS))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(permissions(EDITOR_PERMISSIONS))
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.set(
        Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[WRITERS, EDITORS, ADMINISTRATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_workflow_and_old_urls"),
        ("authors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
