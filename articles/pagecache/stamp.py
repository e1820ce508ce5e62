"""The site's stamp: the token every cached page is filed under, new after every change.

The stamp is a row in the database (``PageStamp``), written in the same transaction
as the change it marks: readers see the new token exactly when they can see the new
content, and the cache holds pages only. A cache that is emptied, restarted or
restored from an old snapshot can therefore only cause misses, never an old page
served as current. (Not to be confused with an article's ``edit_version``, the edit
lock of the admin.)
"""

import logging
import uuid
from typing import NamedTuple

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from core.faults import warn_every

logger = logging.getLogger(__name__)


class Stamp(NamedTuple):
    #: what every cached page is filed under, new after every change
    token: str
    #: new only when a section changes
    sections: str


# The last stamp this process read: what cached pages are served under while the
# database does not answer (its pages were current when it went away).
_last_read = None


def _stamp_made_in_this_transaction():
    """A marker among the transaction's on-commit callbacks: the stamp is written.

    Django forgets the callbacks of a transaction or savepoint that rolls back, and the
    write rolls back with them, so the marker is there exactly while the write is.
    """


def new_stamp(using="default", *, sections=False):
    """Write a fresh stamp, valid until the next scheduled article is due; its token.

    ``sections``: the sections changed too, and get a new token of their own (the
    section menu is kept under it, ``articles.context_processors``).
    """
    from ..models import Article, PageStamp

    due = Article.objects.using(using).scheduled().aggregate(due=Min("published_at"))["due"]
    token = uuid.uuid4().hex
    values = {"token": token, "until": due}
    if sections:
        values["sections"] = uuid.uuid4().hex
    stamps = PageStamp.objects.using(using)
    if not stamps.filter(pk=1).update(**values):
        try:
            with transaction.atomic(using=using):
                stamps.create(pk=1, **{"sections": uuid.uuid4().hex, **values})
        except IntegrityError:  # another process made the row first: ours is newer
            stamps.filter(pk=1).update(**values)
    return token


def stamp_used(using="default"):
    """A page was just filed under the current stamp: the next change must make a new one.

    Only ever true within the transaction that wrote the stamp, on its own connection (a
    test, or a command that renders pages as it writes): another connection cannot see
    the token before the commit, and so files no page under it.
    """
    connection = transaction.get_connection(using)
    connection.run_on_commit[:] = [
        entry
        for entry in connection.run_on_commit
        if entry[1] is not _stamp_made_in_this_transaction
    ]


def current_stamp():
    """The token cached pages are valid for now: one query (``read_stamp``)."""
    stamp = read_stamp()
    return stamp.token if stamp else None


def read_stamp():
    """The current ``Stamp`` (the pages' token and the sections'): one query.

    A new one if there is none or its time is up (a scheduled article is due). When
    the database does not answer, the last one this process read, or None if it has
    read none: pages cached before keep being served, nothing can be rendered anew.
    """
    from ..models import PageStamp

    global _last_read
    try:
        row = PageStamp.objects.filter(pk=1).values_list("token", "until", "sections").first()
        if row is None or (row[1] is not None and timezone.now() >= row[1]):
            new_stamp()
            row = PageStamp.objects.filter(pk=1).values_list("token", "until", "sections").get()
    except DatabaseError as error:
        warn_every(10, logger, "stamp", "Page cache: no database (%s): serving cached pages", error)
        return _last_read
    _last_read = Stamp(token=row[0], sections=row[2])
    return _last_read


def stamp_changed(using="default", *, scheduling=False, sections=False):
    """The content changed: a new stamp, written once per transaction.

    Inside a transaction the first change writes it and the others of that transaction
    find it written; ``scheduling`` (an article saved or deleted, which may move the
    next due time) and ``sections`` (a section changed: a new sections token) write it
    again so that it says so.
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        new_stamp(using, sections=sections)
        return
    written = any(
        callback is _stamp_made_in_this_transaction
        for _savepoints, callback, _robust in connection.run_on_commit
    )
    if written and not (scheduling or sections):
        return
    new_stamp(using, sections=sections)
    if not written:
        transaction.on_commit(_stamp_made_in_this_transaction, using=using)
