"""The one place that keeps search text current: a receiver per part it is made of.

Connected in ``ArticlesConfig.ready``. Each receiver names the articles whose text
the change touches (an article, its authors and tags, a spelling group, a migration
that made the text anew) and hands them to ``indexing.reindex`` (one bulk step).
Sections are not in the text (``indexing.documents_of``): renaming one changes none.
"""

from django.apps import apps
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save

from authors.models import Author

from ..models import Article, Authorship, SpellingGroup, Tag, TaggedArticle
from . import variants
from .backends import containing_ids
from .indexing import index_unindexed, reindex


def article_saved(sender, instance, **kwargs):
    reindex([instance.pk])


def link_changed(sender, instance, **kwargs):
    # An authorship or a tag link: its article's text names the author or the tag.
    reindex([instance.article_id if sender is Authorship else instance.content_object_id])


def link_deleted(sender, instance, origin=None, **kwargs):
    # A link deleted along with its article (whose text is gone with it) or its tag or
    # author (name_deleted rebuilds all of their articles at once) is left to those;
    # otherwise (tags.remove(), an authorship taken off in the admin) it is a change.
    started_at = origin.model if isinstance(origin, QuerySet) else type(origin)
    if started_at not in (Article, Author, Tag):
        link_changed(sender, instance)


def articles_showing(named):
    """The ids of the articles whose text names ``named``, an author or a tag."""
    if isinstance(named, Author):
        links = Authorship.objects.filter(author=named).values_list("article_id", flat=True)
    else:
        links = TaggedArticle.objects.filter(tag=named).values_list("content_object_id", flat=True)
    return list(links)


def name_changed(sender, instance, created=False, **kwargs):
    # A renamed author or tag: every article that shows it is found under the new name.
    if not created:
        reindex(articles_showing(instance))


def name_deleting(sender, instance, **kwargs):
    # Read while the links are there: they are deleted by cascade, before post_delete.
    instance.articles_showing = articles_showing(instance)


def name_deleted(sender, instance, **kwargs):
    # A deleted author or tag: every article that showed it, in one step, without it.
    reindex(instance.articles_showing)


def spellings_before(sender, instance, **kwargs):
    # What the index was built with: the group as stored, before this save changes it.
    stored = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance.keys_before = stored.keys() if stored else []


def spellings_saved(sender, instance, **kwargs):
    respelt(instance.keys_before, instance.keys())


def spellings_deleted(sender, instance, **kwargs):
    respelt(instance.keys(), [])


def respelt(before, after):
    """A group changed from ``before`` to ``after`` (its keys): every article with a
    spelling it joins, parts or re-spells, found in the index under the words it was
    indexed as, is indexed again with the new table."""
    variants.changed()
    reindex(containing_ids(variants.respelt_words(before, after)))


def connect():
    post_save.connect(article_saved, sender=Article, dispatch_uid="search-article")
    for model in (Authorship, TaggedArticle):
        post_save.connect(link_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(link_deleted, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for model in (Author, Tag):
        name = model.__name__
        post_save.connect(name_changed, sender=model, dispatch_uid=f"search-name-{name}")
        pre_delete.connect(name_deleting, sender=model, dispatch_uid=f"search-pre-del-{name}")
        post_delete.connect(name_deleted, sender=model, dispatch_uid=f"search-name-del-{name}")
    pre_save.connect(spellings_before, sender=SpellingGroup, dispatch_uid="search-spellings-pre")
    post_save.connect(spellings_saved, sender=SpellingGroup, dispatch_uid="search-spellings")
    post_delete.connect(
        spellings_deleted, sender=SpellingGroup, dispatch_uid="search-spellings-del"
    )
    post_migrate.connect(
        index_unindexed, sender=apps.get_app_config("articles"), dispatch_uid="search-migrate"
    )
