"""What editors read as the name of a field, a relation or a change, in their language.

One place names a field: ``field_label``. A translated column (modeltranslation's
``title_ar``, ``title_en``) is named after its field and its language's name,
«العنوان (العربية)» / "Title (English)", where modeltranslation's own verbose name
reads «العنوان [ar]». The comparison of two versions, the history's change messages
and the conflict message all name fields through it.

``change_message`` renders what Django's admin stored of a change. Django stores the
form's field labels as they read in no language ("Title [ar]", "Status") and passes
each to ``gettext`` when it shows them; no catalogue has those capitalised labels, so
they stayed English. Here each stored label is found again among the model's fields
and named by ``field_label``: entries stored before this change read right too.
"""

import json

from django.contrib.admin.models import LogEntry
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def language_name(code):
    """The name of the language ``code`` in the active language (العربية, English)."""
    return str(translation.get_language_info(code)["name_translated"])


def field_label(field):
    """The field's name for editors: «العنوان (العربية)» for a translated column."""
    # modeltranslation's columns carry their field and language (checked against 0.20;
    # tests/articles/test_history_labels.py fails if they stop).
    original = getattr(field, "translated_field", None)
    if original is None:
        return str(capfirst(field.verbose_name))
    return _("%(field)s (%(language)s)") % {
        "field": capfirst(original.verbose_name),
        "language": language_name(field.language),
    }


def relation_label(model, related_model):
    """The name of the rows of ``related_model`` that belong to a ``model`` object.

    The many-to-many field they stand for when there is one (the article's «الكتّاب»
    for its authorships, «الوسوم» for its tag links), else the rows' plural name.
    """
    for field in model._meta.many_to_many:
        if field.remote_field.through is related_model:
            return field_label(field)
    return str(capfirst(related_model._meta.verbose_name_plural))


def _stored_labels(model):
    """{label as Django's admin stores it in a change message: field} for ``model``."""
    labels = {}
    with translation.override(None):
        for field in model._meta.get_fields():
            if not hasattr(field, "verbose_name"):
                continue  # reverse relations have no label of their own
            labels[field.name] = field
            labels[str(capfirst(field.verbose_name))] = field
            original = getattr(field, "translated_field", None)
            if original is not None:
                # modeltranslation's own format, whatever the setting says today.
                labels[f"{capfirst(original.verbose_name)} [{field.language}]"] = field
    return labels


def _models_by_name(related_models):
    """{verbose name as Django stores it for an inline's rows: model}."""
    with translation.override(None):
        return {str(related._meta.verbose_name): related for related in related_models}


def change_message(entry, model, related_models=()):
    """The change ``entry`` of a ``model`` object, in the active language, fields named by label.

    ``related_models``: the models of the inlines whose rows the message may name.
    A message that is not Django's JSON (an old plain text) is shown as it was stored.
    """
    try:
        parts = json.loads(entry.change_message)
    except (TypeError, ValueError):
        return entry.get_change_message()
    if not isinstance(parts, list):
        return entry.get_change_message()
    inlines = _models_by_name(related_models)
    labels = {}
    for part in parts:
        changed = part.get("changed") if isinstance(part, dict) else None
        if not changed or not isinstance(changed.get("fields"), list):
            continue
        owner = inlines.get(changed["name"]) if "name" in changed else model
        if owner not in labels:
            labels[owner] = _stored_labels(owner) if owner is not None else {}
        known = labels[owner]
        changed["fields"] = [
            field_label(known[label]) if label in known else label for label in changed["fields"]
        ]
    # Django renders the rest (its sentences, the inline's name); a label already in
    # the active language passes through its gettext unchanged.
    return LogEntry(change_message=json.dumps(parts)).get_change_message()
