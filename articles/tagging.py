"""Tags that editors type in Arabic or English.

``TAGGIT_TAGS_FROM_STRING`` points here so that the Arabic comma «،»
separates tags as "," does; the manager finds an existing tag by its name in
either language instead of creating a duplicate and failing on uniqueness.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language_bidi, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from taggit.forms import TagField
from taggit.managers import _TaggableManager
from taggit.utils import _parse_tags

ARABIC_COMMA = "\u060c"

# taggit's field names, kept in our catalogue so makemessages keeps their Arabic: the
# library's own misspells «الاسم» and calls the slug what the article form does not.
LIBRARY_WORDS = [pgettext_lazy("A tag name", "name"), pgettext_lazy("A tag slug", "slug")]


def parse_tags(tagstring):
    """The names in what an editor typed: separated by «،» or ",", never by spaces.

    «الأمن الإقليمي» alone is one tag (taggit splits a string without a comma at
    its spaces). A name holding a comma is typed between quotes.
    """
    if not tagstring or not tagstring.strip():
        return []
    # Taggit splits on "," once the string holds one; map «،» onto it, but
    # leave quoted names (even-numbered pieces between quotes) as typed.
    pieces = tagstring.split('"')
    for i in range(0, len(pieces), 2):
        pieces[i] = pieces[i].replace(ARABIC_COMMA, ",")
    return _parse_tags('"'.join(pieces) + ",")


def edit_string_for_tags(tags):
    """The names as an editor types them: «سورية، تركيا، الأمن الإقليمي» (", " in English).

    Only a name that holds a comma is quoted, so that it survives a resave.
    """
    names = []
    for tag in tags:
        name = tag.name
        if ARABIC_COMMA in name or "," in name:
            name = f'"{name}"'
        names.append(name)
    separator = f"{ARABIC_COMMA} " if get_language_bidi() else ", "
    return separator.join(sorted(names))


def name_lookup(name):
    """A filter matching a tag whose name, in any language, is ``name``."""
    query = Q()
    for lang, _name in settings.LANGUAGES:
        query |= Q(**{f"{build_localized_fieldname('name', lang)}__iexact": name})
    return query


class BilingualTagManager(_TaggableManager):
    """Finds a typed name among the tags' names in every language before making a new tag.

    taggit has no public hook for this: ``TaggableManager(manager=…)`` takes a subclass
    of its private ``_TaggableManager``, and ``_to_tag_model_instances`` is where names
    become tags. Checked against django-taggit 6.1; ``tests/test_library_hooks.py``
    fails if either is gone or changes its signature.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        tag_model = self.through.tag_model()
        manager = tag_model._default_manager
        resolved = []
        for tag in tags:
            if isinstance(tag, str):
                tag = manager.filter(name_lookup(tag), **tag_kwargs).order_by("pk").first() or tag
            resolved.append(tag)
        return super()._to_tag_model_instances(resolved, tag_kwargs)


class EditorTagField(TagField):
    """The admin's tag field: «،» separates, and a name too long to store is an error."""

    @property
    def max_name_length(self):
        # Read from the model (which imports this module for its manager).
        return apps.get_model("articles", "Tag")._meta.get_field("name").max_length

    def clean(self, value):
        names = super().clean(value)
        too_long = [name for name in names if len(name) > self.max_name_length]
        if too_long:
            raise ValidationError(
                _("A tag may be at most %(limit)s characters long: %(name)s"),
                code="tag_too_long",
                params={"limit": self.max_name_length, "name": too_long[0][:30] + "…"},
            )
        return names
