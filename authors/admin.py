from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion_compare.admin import CompareVersionAdmin

from core.images import ImageUploadField
from core.widgets import DirectionalInputsMixin, LanguageTabsMixin

from .models import Author


@admin.register(Author)
class AuthorAdmin(
    DirectionalInputsMixin, LanguageTabsMixin, CompareVersionAdmin, TabbedTranslationAdmin
):
    """Authors, with their history: every save of a name, role or biography is kept
    (django-reversion), compared and restored from «السجل»; a deleted author comes back
    from the list of deleted authors (the recover button on the authors' list)."""

    # modeltranslation's original columns repeat the Arabic ones; the times are the machine's;
    # the author's articles are not part of an author's revision (they have their own).
    compare_exclude = ["name", "role", "bio", "created_at", "updated_at", "articles", "authorships"]
    list_display = ["name", "kind", "role", "thumbnail"]
    list_filter = ["kind"]
    search_fields = ["name_ar", "name_en", "role_ar", "role_en"]
    prepopulated_fields = {"slug": ["name_ar"]}
    readonly_fields = ["photo_preview"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        # Photos are checked by content and re-encoded before they are stored.
        models.ImageField: {"form_class": ImageUploadField},
    }
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "role"]}),
        (_("Biography and photo"), {"fields": ["bio", "photo", "photo_preview"]}),
        (_("Links"), {"fields": ["email", "website", "x_handle"]}),
    ]

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        if not obj.photo:
            return "—"
        return format_html('<img src="{}" alt="" class="admin-thumb">', obj.photo.url)

    @admin.display(description=_("photo preview"))
    def photo_preview(self, obj):
        if not obj.photo:
            return _("No image yet.")
        return format_html('<img src="{}" alt="" class="admin-preview">', obj.photo.url)
