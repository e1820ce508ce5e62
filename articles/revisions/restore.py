"""Restoring a revision that points to what has been deleted since it was saved.

A revision may point to authors, tags or suggested articles deleted since:
restoring it brings back the rest and says what was left out (``RestorePlan``);
one whose section was deleted is not restored.
"""

from django.utils.translation import gettext as _
from reversion.models import Version

from ..models import Article, Authorship, Section, TaggedArticle
from .registration import RELATIONS


def _last_known_name(model, pk):
    version = Version.objects.get_for_object_reference(model, pk).first()
    return version.object_repr if version is not None else None


class RestorePlan:
    """What the revision of ``version`` points to that no longer exists.

    The rows that link the article to a deleted author, tag or suggested article
    cannot come back: restoring brings back everything else and leaves those out
    (the version replaced stays in the history, so nothing is lost). A deleted
    section cannot be left out (every article has one): that restore is refused.
    A deleted user who created the article is forgotten, as deleting them did.
    """

    def __init__(self, version):
        self.article_pk = version.object_id
        self.dropped = []  # (model, object_id, what the editor reads)
        self.missing_section = None  # (pk, last known name or None)
        self.creator_deleted = False
        self._inspect(version.revision.version_set.select_related("content_type"))

    def _inspect(self, versions):
        versions = list(versions)
        pointers, wanted = [], {}
        for row in versions:
            model = row._model
            if model is Article and row.object_id != self.article_pk:
                continue
            if model is not Article and model not in RELATIONS.values():
                continue
            data = row.field_dict
            for field in model._meta.concrete_fields:
                if not field.many_to_one:
                    continue
                pk = data.get(field.attname)
                if pk is None:
                    continue
                if field.related_model is Article and str(pk) == self.article_pk:
                    continue  # the article being restored
                pointers.append((row, field, pk))
                wanted.setdefault(field.related_model, set()).add(pk)
        existing = {
            model: {
                str(pk)
                for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
            }
            for model, pks in wanted.items()
        }
        for row, field, pk in pointers:
            if str(pk) in existing[field.related_model]:
                continue
            if row._model is Article:
                if field.related_model is Section:
                    self.missing_section = (pk, _last_known_name(Section, pk))
                else:
                    self.creator_deleted = self.creator_deleted or field.name == "created_by"
                continue
            if field.related_model is Article:
                what = _("the suggested article “%(name)s”") % {"name": row.object_repr}
            elif row._model is Authorship:
                what = _("the author “%(name)s”") % {"name": row.object_repr}
            elif row._model is TaggedArticle:
                # A tag link is recorded under its tag's name, as an authorship under
                # its author's (revisions saved before that carry taggit's longer words).
                name = row.object_repr
                what = _("the tag “%(name)s”") % {"name": name} if name else _("a tag")
            else:
                what = str(field.verbose_name)
            self.dropped.append((row._model, row.object_id, what))

    @property
    def refused(self):
        """Why this revision cannot be restored at all, or None."""
        if self.missing_section is None:
            return None
        _pk, name = self.missing_section
        if name:
            return _(
                "This version cannot be restored: its section “%(name)s” has been deleted "
                "since it was saved. Nothing was changed."
            ) % {"name": name}
        return _(
            "This version cannot be restored: its section has been deleted since it was "
            "saved. Nothing was changed."
        )

    def missing(self):
        return _(", ").join(what for _model, _pk, what in self.dropped)

    def preview_message(self):
        return _(
            "Deleted since this version was saved, so it cannot come back with it: "
            "%(missing)s. Saving restores everything else; the current version stays "
            "in the history."
        ) % {"missing": self.missing()}

    def done_message(self):
        return _(
            "Restored without what has been deleted since that version was saved: "
            "%(missing)s. The version before the restore stays in the history; add them "
            "again if they are needed."
        ) % {"missing": self.missing()}

    def apply(self):
        """Right after the revert, in its transaction: drop the rows that point nowhere.

        The revert wrote them (Django's foreign keys on PostgreSQL and SQLite are
        checked at commit); removed here, the commit finds nothing missing.
        """
        for model, object_id, _what in self.dropped:
            model._default_manager.filter(pk=object_id).delete()
        if self.creator_deleted:
            Article.objects.filter(pk=self.article_pk).update(created_by=None)
