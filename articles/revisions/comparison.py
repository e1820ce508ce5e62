"""The comparison of two versions and the history list, as editors read them.

A mixin for an admin built on reversion-compare's ``CompareVersionAdmin`` (placed
before it), through the library's own hooks: ``compare()`` and its ``compare_<type>``
methods (reversion-compare 0.19), and the history view's template response.

- fields are named by ``labels.field_label`` («العنوان (العربية)», not «العنوان [ar]»);
- text is compared word by word (``diff.word_diff``), shown in the page's Arabic font;
- a foreign key is shown only when it points elsewhere. reversion-compare 0.19 looks
  its value up under the field's name ("section") where django-reversion keys it by
  column ("section_id"); finding nothing in either version, it compares the versions'
  whole field_dict, so any edit showed the section as changed, starred;
- the rows a revision holds with the object (``compare_relations``) are compared from
  the two revisions' own rows. reversion-compare reads which rows belong to the
  object from the current database, so rows deleted since either version looked
  "deleted" in a comparison of two older versions that both had them;
- the note about starred fields is shown only when a starred field is;
- revision comments are shown in the reader's language (``history``).
"""

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField
from reversion.models import Version
from reversion_compare.compare import DOES_NOT_EXIST
from reversion_compare.forms import SelectDiffForm

from .diff import body_text, word_diff
from .history import revision_comments
from .labels import field_label, relation_label
from .registration import RELATIONS, TRANSLATED, UNCOMPARED

TEXT_TEMPLATE = "reversion-compare/compare_text.html"
VALUE_TEMPLATE = "reversion-compare/compare_value.html"
RELATION_TEMPLATE = "reversion-compare/compare_relation.html"


def _value(value):
    return None if value is DOES_NOT_EXIST else value


def _text_attributes(field):
    """The ``lang`` and ``dir`` of a field's text: its language's for a translated column."""
    language = getattr(field, "language", None)  # modeltranslation's columns
    if language is None:
        return {"dir": "auto"}
    bidi = translation.get_language_info(language)["bidi"]
    return {"lang": language, "dir": "rtl" if bidi else "ltr"}


def _when(value):
    """A date as editors read it, and how long ago (or how soon) it is."""
    if value is None:
        return None, None
    shown = formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if value > timezone.now():
        return shown, "{} {}".format(_("time until that date:"), timeuntil(value))
    # reversion-compare's own words (compare_DateTimeField.html), in our catalogue.
    return shown, "{} {}".format(_("time since that date:"), timesince(value))


def _rows(revision_rows, version, model, link):
    """{object id: version} of the revision's ``model`` rows that point to the object."""
    content_type = ContentType.objects.get_for_model(model)
    return {
        row.object_id: row
        for row in revision_rows
        if row.content_type_id == content_type.pk
        and str(row.field_dict.get(link)) == str(version.object_id)
    }


def _content(model, row):
    data = dict(row.field_dict)
    data.pop(model._meta.pk.attname, None)
    return tuple(sorted((key, str(value)) for key, value in data.items()))


class RevisionCompareMixin:
    """Comparison and history of an admin's objects, in the editors' words."""

    #: fields no comparison shows (machine-kept ones, modeltranslation's originals)
    compare_skip = ()
    #: {accessor: model}: the rows a revision holds with the object, compared row by row
    compare_relations = {}

    @property
    def compare_exclude(self):
        # Relations are compared from the revisions' rows (compare_relations).
        opts = self.model._meta
        return [
            *self.compare_skip,
            *(field.name for field in opts.many_to_many),
            *(relation.name for relation in opts.related_objects),
        ]

    def compare(self, obj, version1, version2):
        diff, _unfollowed = super().compare(obj, version1, version2)
        shown = []
        for entry in diff:
            field = entry["field"]
            if field.many_to_one and (
                version1.field_dict.get(field.attname) == version2.field_dict.get(field.attname)
            ):
                continue  # points to the same row: unchanged
            before = version1.field_dict.get(field.attname)
            after = version2.field_dict.get(field.attname)
            if not field.is_relation and (before or None) is None and (after or None) is None:
                continue  # empty both times: a missing translation saved as "" is no change
            starred = entry["is_related"] and not entry["follow"]
            shown.append({**entry, "label": field_label(field), "starred": starred})
        shown += self._compare_relations(version1, version2)
        return shown, any(entry["starred"] for entry in shown)

    def _compare_relations(self, version1, version2):
        opts = self.model._meta
        links = {rel.get_accessor_name(): rel.field.attname for rel in opts.related_objects}
        held1 = list(version1.revision.version_set.all())
        held2 = list(version2.revision.version_set.all())
        shown = []
        for accessor, model in self.compare_relations.items():
            rows1 = _rows(held1, version1, model, links[accessor])
            rows2 = _rows(held2, version2, model, links[accessor])
            changes = self._row_changes(model, rows1, rows2)
            if any(changes.values()):
                html = render_to_string(RELATION_TEMPLATE, changes)
                label = relation_label(self.model, model)
                shown.append({"field": None, "label": label, "starred": False, "diff": html})
        return shown

    def _row_changes(self, model, rows1, rows2):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        changed = []
        for pk in rows1.keys() & rows2.keys():
            before, after = rows1[pk].field_dict, rows2[pk].field_dict
            if before != after:
                which = [
                    field_label(fields[key])
                    for key in after
                    if key in fields and before.get(key) != after[key]
                ]
                changed.append((rows1[pk].object_repr, rows2[pk].object_repr, _(", ").join(which)))
        removed = [rows1[pk] for pk in rows1.keys() - rows2.keys()]
        added = [rows2[pk] for pk in rows2.keys() - rows1.keys()]
        # A row saved again under a new id with the same content has not changed.
        kept = {_content(model, row) for row in removed} & {_content(model, row) for row in added}

        def names(rows):
            return sorted(row.object_repr for row in rows if _content(model, row) not in kept)

        return {"changed": sorted(changed), "removed": names(removed), "added": names(added)}

    # The library's hooks, by the field's internal type (CompareMixin._get_compare).
    def compare_CharField(self, obj_compare):
        if obj_compare.field.choices:
            old, new = obj_compare.to_string()  # the choices' labels
            return self._values(old, new)
        old, new = _value(obj_compare.value1), _value(obj_compare.value2)
        note = None
        if isinstance(obj_compare.field, ProseEditorField):
            if body_text(old) != body_text(new):
                old, new = body_text(old), body_text(new)
            else:
                note = _("The text is the same; its formatting or links changed:")
        context = {"diff": word_diff(old, new), "note": note, **_text_attributes(obj_compare.field)}
        return render_to_string(TEXT_TEMPLATE, context)

    compare_TextField = compare_SlugField = compare_URLField = compare_EmailField = (
        compare_CharField
    )

    def compare_ForeignKey(self, obj_compare):
        old, new = obj_compare.get_related()
        return self._values(old, new)

    def compare_FileField(self, obj_compare):
        old, new = _value(obj_compare.value1), _value(obj_compare.value2)
        return self._values(getattr(old, "name", old) or None, getattr(new, "name", new) or None)

    def compare_BooleanField(self, obj_compare):
        old, new = _value(obj_compare.value1), _value(obj_compare.value2)
        shown = {True: _("Yes"), False: _("No")}
        return self._values(shown.get(old), shown.get(new))

    def compare_DateTimeField(self, obj_compare):
        old, old_note = _when(_value(obj_compare.value1))
        new, new_note = _when(_value(obj_compare.value2))
        return self._values(old, new, old_note, new_note)

    def _values(self, old, new, old_note=None, new_note=None):
        """A value replaced whole: the old one struck out, the new one under it."""
        context = {"old": old, "new": new, "old_note": old_note, "new_note": new_note}
        return render_to_string(VALUE_TEMPLATE, context)

    # The comments of the revisions, in the reader's language.
    def revision_comments(self, object_id, revisions):
        return revision_comments(self.model, object_id, revisions, self.compare_relations.values())

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        actions = getattr(response, "context_data", {}).get("action_list")
        if actions:
            comments = self.revision_comments(
                unquote(object_id), [action["revision"] for action in actions]
            )
            for action in actions:
                action["comment"] = comments[action["revision"].pk]
        return response

    def compare_view(self, request, object_id, extra_context=None):
        context = dict(extra_context or {})
        form = SelectDiffForm(request.GET)
        if form.is_valid():
            # The library shows the comment of the newer version (the higher id).
            newer = max(form.cleaned_data["version_id1"], form.cleaned_data["version_id2"])
            version = (
                Version.objects.get_for_object_reference(self.model, unquote(object_id))
                .filter(pk=newer)
                .select_related("revision")
                .first()
            )
            if version is not None:
                comments = self.revision_comments(version.object_id, [version.revision])
                context["edit_comment"] = comments[version.revision.pk]
        return super().compare_view(request, object_id, context)


class ArticleCompareMixin(RevisionCompareMixin):
    compare_skip = [*UNCOMPARED, *TRANSLATED]
    compare_relations = RELATIONS
