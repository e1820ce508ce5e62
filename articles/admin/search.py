"""The spellings the site search takes for one word, kept by the editors."""

from django.contrib import admin

from ..models import SpellingGroup


@admin.register(SpellingGroup)
class SpellingGroupAdmin(admin.ModelAdmin):
    """Saving or deleting a group reindexes the articles it concerns (articles.search.signals)."""

    list_display = ["spellings"]
    search_fields = ["spellings"]
