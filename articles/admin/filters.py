"""Filters of the article list."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublicationFilter(admin.SimpleListFilter):
    title = _("Publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", _("Visible to readers")), ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class EnglishTranslationFilter(admin.SimpleListFilter):
    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("present", _("Present"))]

    def queryset(self, request, queryset):
        missing = Q(title_en__isnull=True) | Q(title_en="")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "present":
            return queryset.exclude(missing)
        return queryset
