"""The cover image as pages show it: its address and a srcset of stored renditions.

Renditions (WebP, easy-thumbnails' aliases) are made when the cover is saved, after
the transaction commits (``connect``), never on a reader's first view: pages only name
them, from the cover's stored name and size, with no query and no storage call.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)

# easy-thumbnails is imported where it is used: importing it picks its storage, and this
# module is loaded while the apps start, before settings may still change (tests).

RENDITIONS = (("w480", 480), ("w800", 800), ("w1200", 1200))


def _widths(article):
    """The renditions narrower than the cover (easy-thumbnails never enlarges)."""
    return [(alias, width) for alias, width in RENDITIONS if width < (article.cover_width or 0)]


def cover_renditions(article, request=None):
    """The cover's URL, size and a WebP srcset of its stored renditions (empty without one)."""
    if not article.cover_image:
        return {"url": "", "srcset": "", "absolute": "", "width": 0, "height": 0}
    from easy_thumbnails.alias import aliases
    from easy_thumbnails.files import get_thumbnailer

    thumbnailer = get_thumbnailer(article.cover_image)
    storage = thumbnailer.thumbnail_storage
    renditions = [
        f"{storage.url(thumbnailer.get_thumbnail_name(aliases.get(alias)))} {width}w"
        for alias, width in _widths(article)
    ]
    url = article.cover_image.url
    return {
        "url": url,
        # WebP renditions, then the original (JPEG or PNG) at its own width.
        "srcset": ", ".join([*renditions, f"{url} {article.cover_width}w"]),
        # The renditions alone: the WebP <source> of a <picture> whose <img> is the original.
        "webp_srcset": ", ".join(renditions),
        "absolute": request.build_absolute_uri(url) if request else url,
        "width": article.cover_width or 0,
        "height": article.cover_height or 0,
    }


def make_renditions(article):
    """Every rendition of the article's cover, made and stored now (existing ones kept)."""
    if not article.cover_image:
        return
    from easy_thumbnails.alias import aliases
    from easy_thumbnails.files import get_thumbnailer

    thumbnailer = get_thumbnailer(article.cover_image)
    for alias, _width in _widths(article):
        thumbnailer.get_thumbnail(aliases.get(alias), generate=True)


def _cover_saved(sender, instance, **kwargs):
    if not instance.cover_image:
        return
    name = instance.cover_image.name

    def make():
        try:
            make_renditions(instance)
        except Exception:
            # The page still shows the original; the next save tries again.
            logger.exception("Renditions of the cover %s could not be made", name)

    transaction.on_commit(make)


def connect():
    from ..models import Article

    post_save.connect(_cover_saved, sender=Article, dispatch_uid="cover_renditions")
