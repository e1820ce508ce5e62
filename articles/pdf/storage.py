"""Where each version of a PDF edition is kept, and one render per version.

A file's name says which version of the article it shows (its last save, its
edit version, its authors' last change, the print template's version) and in
which language: an editor's change makes a new name, so the next reader gets a
new PDF, never the old one. Files live in the media storage (``default_storage``:
local files or S3), shared by every server. Two readers arriving together cause
one render: the first takes a lock in the shared cache (``cache.add``), the
others wait for its file.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ..models import Article
from ..pagecache.stamp import stamp_changed
from .rendering import TEMPLATE_VERSION, RenderFailed, render_pdf

logger = logging.getLogger(__name__)

LOCK_SECONDS = 120
WAIT_STEP = 0.2


def version_key(article, language):
    """What the article's PDF in ``language`` depends on, as a short digest."""
    authors = max((a.author.updated_at for a in article.authorships.all()), default=None)
    parts = [
        article.pk,
        language,
        article.updated_at.isoformat(),
        article.edit_version,
        authors.isoformat() if authors else "",
        TEMPLATE_VERSION,
    ]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


def file_name(article, language):
    return f"pdf/{article.pk}/{language}-{version_key(article, language)}.pdf"


def read(name):
    with default_storage.open(name) as file:
        return file.read()


def pdf_for(article, language, *, base_url):
    """The bytes of the current PDF of ``article`` in ``language``, rendering it if need be.

    RenderFailed when it cannot be made (logged), or when another process's render
    did not finish in time.
    """
    name = file_name(article, language)
    if default_storage.exists(name):
        return read(name)
    lock = f"pdf-lock:{name}"
    deadline = time.monotonic() + LOCK_SECONDS
    while not (locked := cache.add(lock, 1, LOCK_SECONDS)):
        if cache.get(lock) is None:
            # No lock to wait for: the other render just ended, or the cache is down
            # (a fail-soft cache answers False to every add). Render without it.
            break
        # Another reader is paying for this render: wait for its file.
        time.sleep(WAIT_STEP)
        if default_storage.exists(name):
            return read(name)
        if time.monotonic() > deadline:
            raise RenderFailed(f"waited {LOCK_SECONDS}s for another render of {name}")
    try:
        if default_storage.exists(name):  # finished between our check and the lock
            return read(name)
        try:
            data, pages = render_pdf(article, language, base_url=base_url)
        except RenderFailed:
            logger.exception("PDF edition of article %s (%s) failed", article.pk, language)
            raise
        default_storage.save(name, ContentFile(data))
        record_pages(article, language, pages)
        return data
    finally:
        if locked:
            cache.delete(lock)


def record_pages(article, language, pages):
    """The default edition's page count, on the row: update() sends no signal, so the
    page cache gets its new stamp here, once, and only when the count changed."""
    if language != settings.LANGUAGE_CODE:
        return
    updated = (
        Article.objects.filter(pk=article.pk).exclude(page_count=pages).update(page_count=pages)
    )
    if updated:
        stamp_changed()
