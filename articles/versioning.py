"""No lost work: revisions of articles (django-reversion) and optimistic locking.

One revision holds an article and the rows that belong to it: its authorships,
references, «اقرأ أيضاً» links and tag links. Authors, tags, sections and the
suggested articles themselves are only pointed to, so restoring an article never
renames a tag or rewrites an author's biography.

Every save in the admin moves ``Article.edit_version`` on by one. The change form
carries the number it was opened at; a form opened at an older number is refused,
and the message says who saved in between, what they changed and links to the
comparison of the two versions (``conflict_message``).
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reversion.models import Version
from reversion.revisions import is_registered, register

from .models import Article, Authorship, ReadAlso, Reference, TaggedArticle

# Words django-reversion says from Python, listed so that makemessages keeps their
# Arabic in our catalogue (the library's own Arabic is misspelt or missing).
LIBRARY_WORDS = [
    gettext_noop("Initial version."),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Compare %(name)s"),
    gettext_noop("Could not save %(object_repr)s version - missing dependency."),
    gettext_noop("Could not load %(object_repr)s version - not found"),
]

RELATIONS = {
    "authorships": Authorship,
    "references": Reference,
    "read_also_links": ReadAlso,
    "taggedarticle_set": TaggedArticle,
}

# Machine-kept fields: a revision stores them, a comparison or a conflict does not show them.
UNCOMPARED = ["edit_version", "search_document", "updated_at", "created_at", "created_by"]
# modeltranslation's original columns repeat the Arabic ones (title_ar, …).
TRANSLATED = ["title", "slug", "summary", "body"]

if not is_registered(Article):
    for _model in RELATIONS.values():
        register(_model)
    register(Article, follow=list(RELATIONS))


class EditConflict(Exception):
    """The article was saved by someone else after the form checked its version."""


class SeenVersionField(forms.IntegerField):
    """The article's edit_version when the form was opened; never an edit of its own."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class VersionedArticleForm(forms.ModelForm):
    seen_version = SeenVersionField(required=False, min_value=0)

    # The article's version as the admin read it (under a row lock) at the start of
    # this request; None to read it here. Set by ArticleAdmin.get_form.
    current_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = self.current_version
            self.fields["seen_version"].initial = (
                self.instance.edit_version if current is None else current
            )

    def stored_version(self):
        if self.current_version is not None:
            return self.current_version
        return (
            Article.objects.filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )

    def clean(self):
        cleaned_data = super().clean()
        seen = cleaned_data.get("seen_version")
        if self.instance.pk and seen is not None:
            current = self.stored_version()
            if current is not None and seen != current:
                # The form shown again carries the current number: saving once more,
                # after reading what changed, is a deliberate choice.
                self.data = self.data.copy()
                self.data[self.add_prefix("seen_version")] = str(current)
                raise ValidationError(conflict_message(self.instance, seen, self.cleaned_data))
        return cleaned_data


def claim_version(article, seen):
    """Move the stored version on from ``seen``, atomically; EditConflict if it moved already."""
    updated = Article.objects.filter(pk=article.pk, edit_version=seen).update(edit_version=seen + 1)
    if not updated:
        raise EditConflict
    article.edit_version = seen + 1


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


def conflict_message(article, seen, submitted):
    """The Arabic explanation shown above a refused form: who, when, what, and a link."""
    seen_version = latest = None
    for number, version in _versions_by_number(article):
        latest = latest or version
        if number == seen and seen_version is None:
            seen_version = version
    intro = _(
        "Someone else saved this article after you opened it. Your changes were not saved: "
        "they are still in the form below."
    )
    if latest is not None and latest.revision.user:
        intro = _(
            "%(user)s saved this article at %(time)s, after you opened it. Your changes were "
            "not saved: they are still in the form below."
        ) % {
            "user": latest.revision.user.get_full_name() or latest.revision.user.get_username(),
            "time": formats.localize(timezone.localtime(latest.revision.date_created)),
        }

    model_fields = [
        field
        for field in Article._meta.concrete_fields
        if field.name not in UNCOMPARED and field.name != "id" and field.name not in TRANSLATED
    ]
    changed = []
    if seen_version is not None and latest is not None and seen_version.pk != latest.pk:
        before, after = seen_version.field_dict, latest.field_dict
        for field in model_fields:
            if before.get(field.attname) != after.get(field.attname):
                changed.append((field, after.get(field.attname)))
        rows_before, rows_after = _relation_rows(seen_version), _relation_rows(latest)
        related = [
            str(model._meta.verbose_name_plural)
            for relation, model in RELATIONS.items()
            if rows_before[relation] != rows_after[relation]
        ]
    else:
        # No record of the version the form was opened at: show where the stored
        # article differs from what was submitted.
        stored = Article.objects.get(pk=article.pk)
        for field in model_fields:
            if field.name in submitted:
                value = getattr(stored, field.attname)
                mine = submitted[field.name]
                mine = getattr(mine, "pk", mine)
                if (value or "") != (mine or "") and field.name not in {"cover_image"}:
                    changed.append((field, value))
        related = []

    def value_of(field, value):
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if field.is_relation and value is not None:
            return field.related_model._default_manager.filter(pk=value).first() or value
        if isinstance(value, str) and field.get_internal_type() == "DateTimeField":
            value = field.to_python(value)
        return value

    rows = format_html_join(
        "",
        "<li><strong>{}</strong>: <bdi>{}</bdi></li>",
        ((field.verbose_name, _shown(value_of(field, value))) for field, value in changed),
    )
    parts = [format_html("<p>{}</p>", intro)]
    if changed or related:
        parts.append(format_html("<p>{}</p>", _("What they changed (their values are now saved):")))
        parts.append(format_html('<ul class="edit-conflict-fields">{}</ul>', rows))
        if related:
            parts.append(format_html("<p>{} {}</p>", _("Also changed:"), _(", ").join(related)))
    if seen_version is not None and latest is not None and seen_version.pk != latest.pk:
        url = reverse("admin:articles_article_compare", args=[quote(article.pk)])
        parts.append(
            format_html(
                '<p><a href="{}?version_id1={}&amp;version_id2={}">{}</a></p>',
                url,
                seen_version.pk,
                latest.pk,
                _("Compare the version you opened with the saved one"),
            )
        )
    parts.append(
        format_html(
            "<p>{}</p>",
            _(
                "Copy what you need, or save again to replace their version with yours "
                "(theirs stays in the history)."
            ),
        )
    )
    return format_html_join("", "{}", ((part,) for part in parts))
