"""The one place that keeps search text current: a receiver per part it is made of.

Connected in ``ArticlesConfig.ready``. Each receiver names the articles whose text
the change touches (an article, its authors and tags, a spelling group, a migration
that made the text anew) and hands them to ``indexing.reindex`` (one bulk step).
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

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


def name_changed(sender, instance, created=False, **kwargs):
    # A renamed author or tag: every article that shows it is found under the new name.
    if created:
        return
    if sender is Author:
        articles = Authorship.objects.filter(author=instance).values_list("article_id", flat=True)
    else:
        articles = TaggedArticle.objects.filter(tag=instance).values_list(
            "content_object_id", flat=True
        )
    reindex(list(articles))


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
        post_delete.connect(link_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for model in (Author, Tag):
        post_save.connect(name_changed, sender=model, dispatch_uid=f"search-name-{model.__name__}")
    pre_save.connect(spellings_before, sender=SpellingGroup, dispatch_uid="search-spellings-pre")
    post_save.connect(spellings_saved, sender=SpellingGroup, dispatch_uid="search-spellings")
    post_delete.connect(
        spellings_deleted, sender=SpellingGroup, dispatch_uid="search-spellings-del"
    )
    post_migrate.connect(
        index_unindexed, sender=apps.get_app_config("articles"), dispatch_uid="search-migrate"
    )
