"""What one revision of an article holds, registered with django-reversion."""

from django.utils.translation import gettext_noop
from reversion import revisions as reversion

from ..models import Article, Authorship, ReadAlso, Reference, TaggedArticle

# Words django-reversion says from Python, listed so that makemessages keeps their
# Arabic in our catalogue (the library's own Arabic is misspelt or missing).
LIBRARY_WORDS = [
    gettext_noop("Initial version."),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Compare %(name)s"),
    gettext_noop("Could not save %(object_repr)s version - missing dependency."),
    gettext_noop("Could not load %(object_repr)s version - not found"),
]

RELATIONS = {
    "authorships": Authorship,
    "references": Reference,
    "read_also_links": ReadAlso,
    "taggedarticle_set": TaggedArticle,
}

# Machine-kept fields: a revision stores them, a comparison or a conflict does not show them.
UNCOMPARED = [
    "edit_version",
    "render_token",
    "search_document_ar",
    "search_document_en",
    "search_stems_ar",
    "search_stems_en",
    "search_head_ar",
    "search_head_en",
    "updated_at",
    "created_at",
    "created_by",
]
# modeltranslation's original columns repeat the Arabic ones (title_ar, …).
TRANSLATED = ["title", "slug", "summary", "body"]


def register():
    """Register articles and the rows that belong to them (once: ``ready()`` may run twice)."""
    if reversion.is_registered(Article):
        return
    for model in RELATIONS.values():
        reversion.register(model)
    reversion.register(Article, follow=list(RELATIONS), exclude=["render_token"])
