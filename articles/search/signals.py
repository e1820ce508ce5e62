"""The one place that keeps search text current: a receiver per part it is made of.

Connected in ``ArticlesConfig.ready``. Each receiver names the articles whose text
the change touches and hands them to ``indexing.reindex`` (one bulk step).
"""

from django.db.models.signals import post_delete, post_save

from authors.models import Author

from ..models import Article, Authorship, Tag, TaggedArticle
from .indexing import reindex


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


def connect():
    post_save.connect(article_saved, sender=Article, dispatch_uid="search-article")
    for model in (Authorship, TaggedArticle):
        post_save.connect(link_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(link_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for model in (Author, Tag):
        post_save.connect(name_changed, sender=model, dispatch_uid=f"search-name-{model.__name__}")
