"""Who may see and pick which unpublished articles: one rule for the admin and the site.

An editor (``publish_article``) may edit, preview and pick every article. A writer
may edit and preview only the articles they created, and pick as «اقرأ أيضاً» only
those and what is already public. Everywhere an unpublished article can be shown
(the preview at its address, the admin's "view on site", the admin's lists and
autocompletes) asks here, so no page shows a writer what another writer drafted.
"""

from django.conf import settings

from .models import Article


def may_publish(user):
    return user.has_perm("articles.publish_article")


def is_staff_editor(user):
    """Staff who may change articles at all (writers and editors)."""
    return user.is_active and user.is_staff and user.has_perm("articles.change_article")


def editable_articles(user):
    """The articles ``user`` may open in the admin and preview on the site."""
    if not is_staff_editor(user):
        return Article.objects.none()
    if may_publish(user):
        return Article.objects.all()
    return Article.objects.filter(created_by=user)


def may_preview(user, article):
    return editable_articles(user).filter(pk=article.pk).exists()


def pickable_articles(user):
    """What ``user`` may choose as a «read also» target: public entries and their own."""
    if may_publish(user):
        return Article.objects.all()
    return Article.objects.published(settings.LANGUAGE_CODE, summaries=True) | editable_articles(
        user
    )
