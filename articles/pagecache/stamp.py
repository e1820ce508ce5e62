"""The site's stamp: the token every cached page is filed under, new after every change.

(Not to be confused with an article's ``edit_version``, the edit lock of the admin.)
"""

import threading
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

STAMP_KEY = "pages:stamp"

# Whether this thread has a new stamp waiting for its transaction's commit. Cleared by
# that commit, at the start of every request and whenever no transaction is open.
_pending = threading.local()


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_stamp():
    """A fresh stamp for the site, valid until the next scheduled article is due."""
    from ..models import Article

    _pending.waiting = False
    due = Article.objects.scheduled().aggregate(due=Min("published_at"))["due"]
    stamp = {"stamp": uuid.uuid4().hex, "until": due}
    page_cache().set(STAMP_KEY, stamp, None)
    return stamp["stamp"]


def valid_stamp(stamp):
    """The stored stamp's token, or a new one if there is none or its time is up."""
    if stamp is None or (stamp["until"] is not None and timezone.now() >= stamp["until"]):
        return new_stamp()
    return stamp["stamp"]


def forget_pending(**kwargs):
    """request_started: no transaction is open yet, so nothing can be waiting."""
    _pending.waiting = False


def stamp_changed(using="default"):
    """The content changed: drop the stamp now, make a new one once, at commit.

    The current stamp is dropped at once (no query), so no page of it is served
    again, and a new one is made when the transaction commits, once however many
    rows it saved, so that a page rendered from the old rows in between is not kept.
    """
    page_cache().delete(STAMP_KEY)
    if not transaction.get_connection(using).in_atomic_block:
        _pending.waiting = False
    if not getattr(_pending, "waiting", False):
        _pending.waiting = True
        transaction.on_commit(new_stamp, using=using)
