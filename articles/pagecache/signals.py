"""Receivers that give the site a new stamp whenever content shown on pages changes."""

from django.core.signals import request_started
from django.db.models.signals import m2m_changed, post_delete, post_save

from .stamp import forget_pending, stamp_changed

# The models whose changes show on public pages, by app.
CONTENT_APPS = {"articles", "authors"}


def content_changed(sender, using="default", **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        stamp_changed(using)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"pages-{id(signal)}")
    request_started.connect(forget_pending, dispatch_uid="pages-request-started")
