"""Receivers that give the site a new stamp whenever content shown on pages changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .stamp import stamp_changed

# The models whose changes show on public pages, by app.
CONTENT_APPS = {"articles", "authors"}


def content_changed(sender, using="default", **kwargs):
    # A migration's historical models (module "__fake__") write before the stamp's
    # table may exist; the migrated site gets its stamp on its first request.
    if sender._meta.app_label in CONTENT_APPS and sender.__module__ != "__fake__":
        from ..models import Article, PageStamp, RenderedArticle, Section

        # A stored rendering is what the pages show already: it changes nothing.
        if sender not in (PageStamp, RenderedArticle):
            stamp_changed(using, scheduling=sender is Article, sections=sender is Section)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"pages-{id(signal)}")
