"""Share cards: the 1200×630 image a chat app shows when a page's link is pasted.

Each public page has one (an article, a section, a tag, an author, the site itself),
drawn with Pillow's complex text layout (libraqm) in the site's Arabic font, stored
once per content version in the media storage under a name keyed by a hash of what it
shows (``subjects.Card.digest``), and served at an address that carries that hash.
"""

from .draw import DESIGN_VERSION, raqm_available, render
from .store import DEFAULT_CARD, ensure_stored
from .subjects import Card, card_for, card_of

HEIGHT = 630
WIDTH = 1200
MIME_TYPE = "image/jpeg"

__all__ = [
    "DEFAULT_CARD",
    "DESIGN_VERSION",
    "HEIGHT",
    "MIME_TYPE",
    "WIDTH",
    "Card",
    "card_for",
    "card_of",
    "ensure_stored",
    "raqm_available",
    "render",
]
