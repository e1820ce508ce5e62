"""The inlines of the article form: authors, references and «اقرأ أيضاً» links."""

from django.contrib import admin
from django.db import models, transaction
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from ..models import Authorship, ReadAlso, Reference


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


class ReadAlsoFormSet(EditorialFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            target = form.cleaned_data.get("target")
            if target and self.instance.pk and target.pk == self.instance.pk:
                form.add_error("target", _("An article cannot suggest itself."))


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    formset = EditorialFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("Authors (in order)")


class ReferenceInline(admin.StackedInline):
    model = Reference
    formset = RenumberingFormSet
    extra = 0
    fields = [
        ("number", "authors"),
        "title",
        ("publisher", "date_text"),
        ("report_number", "note"),
        ("url", "accessed"),
    ]
    classes = ["references-inline"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReadAlsoInline(admin.TabularInline):
    model = ReadAlso
    formset = ReadAlsoFormSet
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["target", "position"]
    verbose_name = _("Suggested article")
    verbose_name_plural = _("Read also (in order)")
