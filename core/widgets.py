"""Form inputs in the direction of what they hold, in an admin that reads right to left.

A reference, a name or a caption may be Arabic or English: ``dir="auto"`` lets the
browser set each input by its first strong letter, so «Lund, A.» keeps its
punctuation where English puts it. Addresses, e-mails, numbers and dates read left
to right whatever the page. Fields of one language (modeltranslation's ``title_en``…)
are set by the editors' stylesheet instead.
"""

from django import forms
from django.db import models
from modeltranslation.translator import NotRegistered, translator

LEFT_TO_RIGHT = (
    models.URLField,
    models.EmailField,
    models.IntegerField,
    models.DecimalField,
    models.FloatField,
    models.DateField,
    models.TimeField,
)


def direction_of(db_field):
    """ "ltr", "auto" or None (leave the input as it is) for a model field's input."""
    if getattr(db_field, "language", None) or _is_translated(db_field):
        return None
    if isinstance(db_field, LEFT_TO_RIGHT):
        return "ltr"
    if isinstance(db_field, models.CharField | models.TextField) and not db_field.choices:
        return "auto"
    return None


def _is_translated(db_field):
    """A field with one copy per language (``title`` → ``title_ar``, ``title_en``)."""
    model = getattr(db_field, "model", None)
    try:
        return db_field.name in translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return False


class DirectionalInputsMixin:
    """For a ModelAdmin or an inline: every text input gets the direction of its content."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        direction = direction_of(db_field)
        if formfield is not None and direction and "dir" not in formfield.widget.attrs:
            formfield.widget.attrs["dir"] = direction
        return formfield


class LanguageTabsMixin:
    """For a modeltranslation ``TabbedTranslationAdmin``: tabs named «العربية» / "English"."""

    @property
    def media(self):
        return super().media + forms.Media(js=["editorial/language-tabs.js"])


class RichTextEditorMixin:
    """For a ModelAdmin with a django-prose-editor field: its toolbar's words in the
    admin's language, its block menu drawn and opened inside it in either direction.

    The stylesheet is listed after the library's own so that it comes later on the page
    (Django keeps the order of media lists when it merges them).
    """

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["django_prose_editor/overrides.css", "editorial/prose-editor.css"]},
            js=["editorial/prose-editor-i18n.js"],
        )
