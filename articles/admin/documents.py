"""The «Document details» of an article in the admin: its fields, and the substantive-change box."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..revisions.locking import VersionedArticleForm

DOCUMENT_FIELDS = ["report_number", "series", "doi", "page_count", "revised_at", "substantive"]


class DocumentDetailsForm(VersionedArticleForm):
    substantive = forms.BooleanField(
        label=_("This is a substantive revision"),
        required=False,
        help_text=_(
            "Tick when this change alters what the paper says (not a typo): the date of "
            "its last substantive revision becomes now."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("substantive"):
            self.instance.revised_at = timezone.now()
        return cleaned_data
