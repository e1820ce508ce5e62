"""What the article list and form show of an article beside its fields."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Article


class ArticleColumnsMixin:
    """The authors and status columns of the list, and the cover's preview in the form."""

    @admin.display(description=_("authors"))
    def author_names(self, obj):
        return _(", ").join(str(a.author) for a in obj.authorships.all()) or "—"

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.status == Article.Status.PUBLISHED and obj.summary_only:
            return format_html('<span class="status status-summary">{}</span>', _("Summary only"))
        if obj.status == Article.Status.PUBLISHED and obj.published_at > timezone.now():
            return format_html('<span class="status status-scheduled">{}</span>', _("Scheduled"))
        return format_html(
            '<span class="status status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description=_("cover preview"))
    def cover_preview(self, obj):
        if not obj.cover_image:
            return _("No image yet.")
        return format_html('<img src="{}" alt="" class="admin-preview">', obj.cover_image.url)
