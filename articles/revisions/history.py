"""The comments of an object's revisions, in the reader's language.

django-reversion's admin keeps as a revision's comment the admin's change message
rendered in the language of whoever saved (``VersionAdmin.log_change`` calls
``set_comment(entry.get_change_message())``, django-reversion 6.4), with Django's
untranslated field labels: «تم تغيير Status و Publication time». The log entry itself
keeps the change as JSON. Each comment is matched to a stored message that renders to
it in one of the site's languages, and that message is rendered again for the reader
(``labels.change_message``). A comment no message renders to, such as a restore's
«Reverted to previous version…», is shown as it was stored.
"""

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from .labels import change_message


def revision_comments(model, object_id, revisions, related_models=()):
    """{revision pk: its comment as the active language reads it} for ``revisions``."""
    stored = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(object_id),
            action_flag__in=[ADDITION, CHANGE],
        )
        .order_by()
        .values_list("change_message", flat=True)
        .distinct()
    )
    entries = {}
    for message in stored:
        entry = LogEntry(change_message=message)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                entries.setdefault(entry.get_change_message(), entry)
    comments = {}
    for revision in revisions:
        entry = entries.get(revision.comment)
        if entry is None and revision.comment.startswith("[{"):
            entry = LogEntry(change_message=revision.comment)  # kept as JSON itself
        comments[revision.pk] = (
            revision.comment if entry is None else change_message(entry, model, related_models)
        )
    return comments
