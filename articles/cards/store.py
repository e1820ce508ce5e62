"""Cards kept in the media storage (local files or S3, through the storage API only)."""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .draw import render

logger = logging.getLogger(__name__)

# What a page shows when its own card cannot be made: the site's card, drawn once
# by this package (static/img/share-card.jpg) and served as a static file.
DEFAULT_CARD = "img/share-card.jpg"


def ensure_stored(card):
    """The storage name of ``card``, drawn and saved first if it is not there yet.

    Names are keyed by what the card shows, so an existing file is always current. Two
    servers drawing the same card at once both save it; the second copy (the storage
    gives it a suffix rather than overwrite) is removed.
    """
    name = card.storage_name
    if default_storage.exists(name):
        return name
    saved = default_storage.save(name, ContentFile(render(card)))
    if saved != name:
        default_storage.delete(saved)
    return name
