"""When an article's stored rendering goes out of date, besides a save of the article itself.

Connected in ``ArticlesConfig.ready``. A saved article gets a new ``render_token`` in
``Article.save()``; these receivers move the token on for the other rows a rendering
shows: a reference, a «read also» pick, a tag link or an authorship, a tag's or an
author's name (a paper's cite box names its authors). A renamed or deleted tag or
author does it for all of its articles in one UPDATE.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete

from authors.models import Author

from ..models import Article, Authorship, ReadAlso, Reference, Tag, TaggedArticle
from . import invalidate


def row_changed(sender, instance, **kwargs):
    invalidate([instance.content_object_id if sender is TaggedArticle else instance.article_id])


def author_saved(sender, instance, created=False, **kwargs):
    # A paper's cite box names its authors.
    if not created:
        invalidate(Authorship.objects.filter(author=instance).values("article_id"))


def row_deleted(sender, instance, origin=None, **kwargs):
    # Deleted along with its article (whose rendering goes with it) or its tag (done
    # in one step below), it needs nothing more.
    started_at = origin.model if isinstance(origin, QuerySet) else type(origin)
    if started_at not in (Article, Author, Tag):
        row_changed(sender, instance)


def author_deleting(sender, instance, **kwargs):
    invalidate(Authorship.objects.filter(author=instance).values("article_id"))


def tagged_articles(tag):
    return TaggedArticle.objects.filter(tag=tag).values("content_object_id")


def tag_saved(sender, instance, created=False, **kwargs):
    if not created:
        invalidate(tagged_articles(instance))


def tag_deleting(sender, instance, **kwargs):
    # Before the cascade deletes the links that say which articles showed it.
    invalidate(tagged_articles(instance))


def connect():
    for model in (Reference, ReadAlso, TaggedArticle, Authorship):
        name = model.__name__
        post_save.connect(row_changed, sender=model, dispatch_uid=f"rendering-{name}")
        post_delete.connect(row_deleted, sender=model, dispatch_uid=f"rendering-del-{name}")
    post_save.connect(author_saved, sender=Author, dispatch_uid="rendering-author")
    pre_delete.connect(author_deleting, sender=Author, dispatch_uid="rendering-author-del")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="rendering-tag")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="rendering-tag-del")
