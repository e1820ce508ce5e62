"""The inlines of the article form: authors, references and «اقرأ أيضاً» links."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.widgets import DirectionalInputsMixin

from .. import access
from ..citations.parsing import creators_from_text, creators_to_text
from ..models import Article, Authorship, ReadAlso, Reference
from ..rendering.body import cited_numbers


class EditorialFormSet(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        # Django names the field by its code name ("number"); editors read its label.
        labels = [str(self.model._meta.get_field(name).verbose_name) for name in unique_check]
        return super().get_unique_error_message(labels)


class RenumberingFormSet(EditorialFormSet):
    """Saves rows whose numbers were swapped without tripping the unique constraint.

    Renumbering 1↔2 saves one row at a time; the rows being renumbered are
    moved out of the way first, inside the admin's transaction.
    """

    number_field = "number"

    def save_existing_objects(self, commit=True):
        if commit:
            changed = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and self.number_field in form.changed_data
                and not self._should_delete_form(form)
            ]
            if changed:
                model = self.model
                with transaction.atomic():
                    for offset, pk in enumerate(changed, start=1):
                        model._default_manager.filter(pk=pk).update(
                            **{self.number_field: 30000 + offset}
                        )
        return super().save_existing_objects(commit)


def citation_gaps(article, numbers):
    """(markers citing no reference, references no marker cites), each sorted."""
    cited = set()
    for code, _name in settings.LANGUAGES:
        cited |= cited_numbers(getattr(article, build_localized_fieldname("body", code)))
    numbers = set(numbers)
    return sorted(cited - numbers), sorted(numbers - cited)


def numbers_list(numbers):
    return _(", ").join(f"[{number}]" for number in numbers)


class ReferenceFormSet(RenumberingFormSet):
    """References; a published article may not cite a reference it does not have."""

    def kept_numbers(self):
        return [
            form.cleaned_data["number"]
            for form in self.forms
            if form.cleaned_data.get("number") and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED or any(self.errors):
            return
        missing, _uncited = citation_gaps(self.instance, self.kept_numbers())
        if missing:
            # Drafts may be incomplete (the editor is told on save); readers may not
            # meet a marker that leads nowhere.
            raise ValidationError(
                _(
                    "The text cites %(markers)s, but the article has no reference with "
                    "that number. Add the reference or remove the marker before publishing."
                ),
                code="missing_reference",
                params={"markers": numbers_list(missing)},
            )


class ReadAlsoFormSet(EditorialFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            target = form.cleaned_data.get("target")
            if target and self.instance.pk and target.pk == self.instance.pk:
                form.add_error("target", _("An article cannot suggest itself."))


class AuthorshipInline(DirectionalInputsMixin, admin.TabularInline):
    model = Authorship
    formset = EditorialFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("Authors (in order)")


class CreatorsField(forms.CharField):
    """The structured authors as lines: «Family | Given», «@Institution» or a name."""

    widget = forms.Textarea(attrs={"rows": 2, "dir": "auto"})

    def prepare_value(self, value):
        return creators_to_text(value) if isinstance(value, list) else value

    def to_python(self, value):
        return creators_from_text(super().to_python(value))


class ReferenceInline(DirectionalInputsMixin, admin.StackedInline):
    model = Reference
    formset = ReferenceFormSet
    extra = 0
    fields = [
        ("number", "authors"),
        "title",
        ("publisher", "date_text"),
        ("report_number", "note"),
        ("url", "accessed"),
        ("item_type", "creators"),
        ("issued_year", "issued_month", "issued_day"),
        ("container", "place"),
    ]
    classes = ["references-inline"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "creators":
            return CreatorsField(
                label=db_field.verbose_name, help_text=db_field.help_text, required=False
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def is_read_also_autocomplete(request):
    """The admin's autocomplete asking for the targets of a «read also» link."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("model_name") == "readalso"
        and request.GET.get("field_name") == "target"
    )


class ReadAlsoInline(DirectionalInputsMixin, admin.TabularInline):
    model = ReadAlso
    formset = ReadAlsoFormSet
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["target", "position"]
    verbose_name = _("Suggested article")
    verbose_name_plural = _("Read also (in order)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Checked on the server: a forged id of an article the user may not pick is
        # refused as an invalid choice, and its title is never shown back.
        if db_field.name == "target":
            kwargs["queryset"] = access.pickable_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
