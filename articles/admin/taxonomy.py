"""Sections, tags and the old addresses of articles."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from reversion_compare.admin import CompareVersionAdmin
from taggit.models import Tag as TaggitTag

from core.widgets import DirectionalInputsMixin, LanguageTabsMixin

from ..models import Section, SlugRedirect, Tag


@admin.register(Section)
class SectionAdmin(
    DirectionalInputsMixin, LanguageTabsMixin, CompareVersionAdmin, TabbedTranslationAdmin
):
    list_display = ["name", "genre", "position", "slug"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name_ar"]}
    search_fields = ["name_ar", "name_en"]


# Taggit registers its own generic Tag; editors only ever use the bilingual one.
admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(DirectionalInputsMixin, LanguageTabsMixin, TabbedTranslationAdmin):
    """Tags; a renamed one is found under its new name (articles.search.signals)."""

    list_display = ["name", "slug"]
    search_fields = ["name_ar", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_ar"]}


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses of published articles, made automatically when a slug changes."""

    list_display = ["old_slug", "language", "article", "created_at"]
    list_filter = ["language"]
    search_fields = ["old_slug"]
    list_select_related = ["article"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
