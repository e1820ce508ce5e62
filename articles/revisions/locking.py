"""Optimistic locking: a change form opened at an older version of the article is refused.

Every save in the admin moves ``Article.edit_version`` on by one. The change form
carries the number it was opened at; a form opened at an older number is refused,
and the message says who saved in between, what they changed and links to the
comparison of the two versions (``conflicts.conflict_message``). A change form
sent without that number is refused too (``conflicts.unchecked_message``): it
cannot be checked.
"""

from django import forms
from django.core.exceptions import ValidationError

from ..models import Article
from .conflicts import conflict_message, unchecked_message


class EditConflict(Exception):
    """The article was saved by someone else after the form checked its version."""


class SeenVersionField(forms.IntegerField):
    """The article's edit_version when the form was opened; never an edit of its own.

    A missing or malformed number is None here; the form refuses it with one message
    that an editor can read (an error on a hidden field would not be shown).
    """

    widget = forms.HiddenInput

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return None

    def has_changed(self, initial, data):
        return False


class VersionedArticleForm(forms.ModelForm):
    seen_version = SeenVersionField(required=False, min_value=0)

    def __init__(self, *args, current_version=None, **kwargs):
        # The article's version as the admin read it (under a row lock) at the start of
        # this request; None to read it here. Passed in by ArticleAdmin.get_form.
        self.current_version = current_version
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = self.current_version
            self.fields["seen_version"].initial = (
                self.instance.edit_version if current is None else current
            )

    def stored_version(self):
        if self.current_version is not None:
            return self.current_version
        return (
            Article.objects.filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        seen = cleaned_data.get("seen_version")
        current = self.stored_version()
        if current is None:
            return cleaned_data  # deleted meanwhile: the admin says so itself
        if seen is None:
            # A change sent without the number its form was opened at cannot be checked
            # against other editors' saves: refused, whoever sent it.
            self._show_current_version(current)
            raise ValidationError(unchecked_message(self.instance, self.cleaned_data))
        if seen != current:
            self._show_current_version(current)
            raise ValidationError(conflict_message(self.instance, seen, self.cleaned_data))
        return cleaned_data

    def _show_current_version(self, current):
        # The form shown again carries the current number: saving once more, after
        # reading the message, is a deliberate choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = str(current)


def claim_version(article, seen):
    """Move the stored version on from ``seen``, atomically; EditConflict if it moved already."""
    updated = Article.objects.filter(pk=article.pk, edit_version=seen).update(edit_version=seen + 1)
    if not updated:
        raise EditConflict
    article.edit_version = seen + 1


def locked_version(article_id):
    """The article's stored version, its row locked until the transaction ends (PostgreSQL)."""
    return (
        Article.objects.select_for_update()
        .filter(pk=article_id)
        .values_list("edit_version", flat=True)
        .first()
    )
