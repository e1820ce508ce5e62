"""Why a change form was refused, in the editor's words: the data, and its template.

``conflict_message``: someone saved the article after the form was opened (who,
when, what they changed, a link to the comparison). ``unchecked_message``: the form
did not say which version it was opened at. Both are rendered from
``templates/revisions/edit_conflict.html``.
"""

from django.contrib.admin.utils import quote
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from reversion.models import Version

from ..models import Article
from .labels import field_label, relation_label
from .registration import RELATIONS, TRANSLATED, UNCOMPARED

TEMPLATE = "revisions/edit_conflict.html"


def _versions_by_number(article):
    """The article's versions, newest first, each with the edit_version it recorded."""
    for version in Version.objects.get_for_object(article).select_related("revision__user")[:100]:
        yield version.field_dict.get("edit_version"), version


def _relation_rows(version):
    """What each relation held in the version's revision, comparable between revisions."""
    rows = {}
    for relation, model in RELATIONS.items():
        found = set()
        for row in version.revision.version_set.get_for_model(model):
            data = dict(row.field_dict)
            data.pop("id", None)
            found.add(tuple(sorted((k, str(v)) for k, v in data.items())))
        rows[relation] = found
    return rows


def _shown(value):
    if value is None or value == "":
        return "—"
    if hasattr(value, "tzinfo"):
        return formats.localize(timezone.localtime(value))
    text = " ".join(strip_tags(str(value)).split())
    return Truncator(text).chars(140)


def _compared_fields():
    return [
        field
        for field in Article._meta.concrete_fields
        if field.name not in UNCOMPARED and field.name != "id" and field.name not in TRANSLATED
    ]


def _stored_differences(article, submitted):
    """The stored article's values where they differ from what the form submitted."""
    stored = Article.objects.get(pk=article.pk)
    changed = []
    for field in _compared_fields():
        if field.name in submitted and field.name != "cover_image":
            value = getattr(stored, field.attname)
            mine = submitted[field.name]
            mine = getattr(mine, "pk", mine)
            if (value or "") != (mine or ""):
                changed.append((field, value))
    return changed


def _rows(changed):
    """(label, value as shown) of each changed field."""

    def value_of(field, value):
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if field.is_relation and value is not None:
            return field.related_model._default_manager.filter(pk=value).first() or value
        if isinstance(value, str) and field.get_internal_type() == "DateTimeField":
            value = field.to_python(value)
        return value

    return [(field_label(field), _shown(value_of(field, value))) for field, value in changed]


def _render(**context):
    return render_to_string(TEMPLATE, context)


def conflict_message(article, seen, submitted):
    """The explanation shown above a form opened before someone else's save."""
    seen_version = latest = None
    for number, version in _versions_by_number(article):
        latest = latest or version
        if number == seen and seen_version is None:
            seen_version = version
    saver = saved_at = None
    if latest is not None and latest.revision.user:
        user = latest.revision.user
        saver = user.get_full_name() or user.get_username()
        saved_at = formats.localize(timezone.localtime(latest.revision.date_created))

    compare_url = None
    if seen_version is not None and latest is not None and seen_version.pk != latest.pk:
        before, after = seen_version.field_dict, latest.field_dict
        changed = [
            (field, after.get(field.attname))
            for field in _compared_fields()
            if before.get(field.attname) != after.get(field.attname)
        ]
        rows_before, rows_after = _relation_rows(seen_version), _relation_rows(latest)
        related = [
            relation_label(Article, model)
            for relation, model in RELATIONS.items()
            if rows_before[relation] != rows_after[relation]
        ]
        url = reverse("admin:articles_article_compare", args=[quote(article.pk)])
        compare_url = f"{url}?version_id1={seen_version.pk}&version_id2={latest.pk}"
    else:
        # No record of the version the form was opened at: show where the stored
        # article differs from what was submitted.
        changed, related = _stored_differences(article, submitted), []
    return _render(
        kind="conflict",
        saver=saver,
        saved_at=saved_at,
        changed=_rows(changed),
        related=_(", ").join(related),
        compare_url=compare_url,
    )


def unchecked_message(article, submitted):
    """Why a change sent without the version its form was opened at was refused."""
    return _render(kind="unchecked", changed=_rows(_stored_differences(article, submitted)))
