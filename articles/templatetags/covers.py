"""``{% cover_picture article %}``: a card's cover, WebP renditions with the original behind."""

from django import template

from ..rendering.cover import cover_renditions

register = template.Library()

# How wide a card's image is shown (static/css/site.css: the grid's columns).
CARD_SIZES = "(min-width: 72rem) 23rem, (min-width: 48rem) 45vw, 100vw"
LARGE_SIZES = "(min-width: 72rem) 72rem, 100vw"


@register.inclusion_tag("includes/cover_picture.html")
def cover_picture(article, *, large=False, eager=False):
    """No query and no storage call: names from the row (``rendering.cover``).

    ``alt`` is empty: the image sits beside the card's linked title, and its caption is
    the article page's to show; a screen reader hears the title once.
    """
    return {
        "cover": cover_renditions(article),
        "sizes": LARGE_SIZES if large else CARD_SIZES,
        "eager": eager,
        "large": large,
    }
