"""No lost work: revisions of articles (django-reversion) and optimistic locking.

One revision holds an article and the rows that belong to it: its authorships,
references, «اقرأ أيضاً» links and tag links. Authors, tags, sections and the
suggested articles themselves are only pointed to, so restoring an article never
renames a tag or rewrites an author's biography.

Every save in the admin moves ``Article.edit_version`` on by one. The change form
carries the number it was opened at; a form opened at an older number is refused,
and the message says who saved in between, what they changed and links to the
comparison of the two versions (``conflict_message``). A change form sent without
that number is refused too (``unchecked_message``): it cannot be checked.

A revision may point to authors, tags or suggested articles deleted since it was
saved: restoring it brings back the rest and says what was left out
(``RestorePlan``); one whose section was deleted is not restored.
"""

import re

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from reversion.models import Version
from reversion.revisions import is_registered, register

from .models import Article, Authorship, ReadAlso, Reference, Section, TaggedArticle

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
    """The article's edit_version when the form was opened; never an edit of its own.

    A missing or malformed number is None here; the form refuses it with one message
    that an editor can read (an error on a hidden field would not be shown).
    """

    widget = forms.HiddenInput

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return None

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
        if not self.instance.pk:
            return cleaned_data
        seen = cleaned_data.get("seen_version")
        current = self.stored_version()
        if current is None:
            return cleaned_data  # deleted meanwhile: the admin says so itself
        if seen is None:
            # A change sent without the number its form was opened at cannot be checked
            # against other editors' saves: refused, whoever sent it.
            self._show_current_version(current)
            raise ValidationError(unchecked_message(self.instance, self.cleaned_data))
        if seen != current:
            self._show_current_version(current)
            raise ValidationError(conflict_message(self.instance, seen, self.cleaned_data))
        return cleaned_data

    def _show_current_version(self, current):
        # The form shown again carries the current number: saving once more, after
        # reading the message, is a deliberate choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = str(current)


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
        if field.name in submitted:
            value = getattr(stored, field.attname)
            mine = submitted[field.name]
            mine = getattr(mine, "pk", mine)
            if (value or "") != (mine or "") and field.name not in {"cover_image"}:
                changed.append((field, value))
    return changed


def _field_list(changed):
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
    return format_html('<ul class="edit-conflict-fields">{}</ul>', rows)


def _joined(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


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

    changed = []
    if seen_version is not None and latest is not None and seen_version.pk != latest.pk:
        before, after = seen_version.field_dict, latest.field_dict
        for field in _compared_fields():
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
        changed = _stored_differences(article, submitted)
        related = []

    parts = [format_html("<p>{}</p>", intro)]
    if changed or related:
        parts.append(format_html("<p>{}</p>", _("What they changed (their values are now saved):")))
        parts.append(_field_list(changed))
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
    return _joined(parts)


def unchecked_message(article, submitted):
    """Why a change sent without the version its form was opened at was refused."""
    parts = [
        format_html(
            "<p>{}</p>",
            _(
                "This form did not say which version of the article it was opened at, so it "
                "cannot be checked against other editors' saves. Nothing was saved: your "
                "changes are still in the form below."
            ),
        )
    ]
    changed = _stored_differences(article, submitted)
    if changed:
        parts.append(format_html("<p>{}</p>", _("Where the saved article differs from this form:")))
        parts.append(_field_list(changed))
    parts.append(
        format_html(
            "<p>{}</p>",
            _(
                "Check the form, then save again to replace the saved version with yours "
                "(the saved one stays in the history)."
            ),
        )
    )
    return _joined(parts)


# Restoring a revision that points to what has been deleted since it was saved.


# taggit's words for a tag link (its records' object_repr), in taggit's own translations.
TAGGED = "%(object)s tagged with %(tag)s"


def _tag_name(tagged_repr, article_repr):
    """The tag's name in a tag link's record ("<article> tagged with <tag>", in any language)."""
    found = None
    for language, _name in settings.LANGUAGES:
        with override(language):
            template = _(TAGGED)
        pattern = re.escape(template)
        pattern = pattern.replace(re.escape("%(object)s"), "(?P<object>.*)", 1)
        pattern = pattern.replace(re.escape("%(tag)s"), "(?P<tag>.*)", 1)
        match = re.fullmatch(pattern, tagged_repr, re.DOTALL)
        if match and match["object"] == article_repr:
            return match["tag"].strip()
        found = found or (match and match["tag"].strip())
    return found or None


def _last_known_name(model, pk):
    version = Version.objects.get_for_object_reference(model, pk).first()
    return version.object_repr if version is not None else None


class RestorePlan:
    """What the revision of ``version`` points to that no longer exists.

    The rows that link the article to a deleted author, tag or suggested article
    cannot come back: restoring brings back everything else and leaves those out
    (the version replaced stays in the history, so nothing is lost). A deleted
    section cannot be left out (every article has one): that restore is refused.
    A deleted user who created the article is forgotten, as deleting them did.
    """

    def __init__(self, version):
        self.article_pk = version.object_id
        self.dropped = []  # (model, object_id, what the editor reads)
        self.missing_section = None  # (pk, last known name or None)
        self.creator_deleted = False
        self._inspect(version.revision.version_set.select_related("content_type"))

    def _inspect(self, versions):
        versions = list(versions)
        article_repr = next(
            (
                row.object_repr
                for row in versions
                if row._model is Article and row.object_id == self.article_pk
            ),
            "",
        )
        pointers, wanted = [], {}
        for row in versions:
            model = row._model
            if model is Article and row.object_id != self.article_pk:
                continue
            if model is not Article and model not in RELATIONS.values():
                continue
            data = row.field_dict
            for field in model._meta.concrete_fields:
                if not field.many_to_one:
                    continue
                pk = data.get(field.attname)
                if pk is None:
                    continue
                if field.related_model is Article and str(pk) == self.article_pk:
                    continue  # the article being restored
                pointers.append((row, field, pk))
                wanted.setdefault(field.related_model, set()).add(pk)
        existing = {
            model: {
                str(pk)
                for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
            }
            for model, pks in wanted.items()
        }
        for row, field, pk in pointers:
            if str(pk) in existing[field.related_model]:
                continue
            if row._model is Article:
                if field.related_model is Section:
                    self.missing_section = (pk, _last_known_name(Section, pk))
                else:
                    self.creator_deleted = self.creator_deleted or field.name == "created_by"
                continue
            if field.related_model is Article:
                what = _("the suggested article “%(name)s”") % {"name": row.object_repr}
            elif row._model is Authorship:
                what = _("the author “%(name)s”") % {"name": row.object_repr}
            elif row._model is TaggedArticle:
                name = _tag_name(row.object_repr, article_repr)
                what = _("the tag “%(name)s”") % {"name": name} if name else _("a tag")
            else:
                what = str(field.verbose_name)
            self.dropped.append((row._model, row.object_id, what))

    @property
    def refused(self):
        """Why this revision cannot be restored at all, or None."""
        if self.missing_section is None:
            return None
        _pk, name = self.missing_section
        if name:
            return _(
                "This version cannot be restored: its section “%(name)s” has been deleted "
                "since it was saved. Nothing was changed."
            ) % {"name": name}
        return _(
            "This version cannot be restored: its section has been deleted since it was "
            "saved. Nothing was changed."
        )

    def missing(self):
        return _(", ").join(what for _model, _pk, what in self.dropped)

    def preview_message(self):
        return _(
            "Deleted since this version was saved, so it cannot come back with it: "
            "%(missing)s. Saving restores everything else; the current version stays "
            "in the history."
        ) % {"missing": self.missing()}

    def done_message(self):
        return _(
            "Restored without what has been deleted since that version was saved: "
            "%(missing)s. The version before the restore stays in the history; add them "
            "again if they are needed."
        ) % {"missing": self.missing()}

    def apply(self):
        """Right after the revert, in its transaction: drop the rows that point nowhere.

        The revert wrote them (Django's foreign keys on PostgreSQL and SQLite are
        checked at commit); removed here, the commit finds nothing missing.
        """
        for model, object_id, _what in self.dropped:
            model._default_manager.filter(pk=object_id).delete()
        if self.creator_deleted:
            Article.objects.filter(pk=self.article_pk).update(created_by=None)
