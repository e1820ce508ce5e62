"""``{% share_card_meta subject %}``: the page's share card in its head (Open Graph, X)."""

import logging

from django import template
from django.templatetags.static import static

from .. import cards

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("includes/share_card_meta.html", takes_context=True)
def share_card_meta(context, subject=None):
    """og:image and twitter:image of the card of ``subject`` (an article, section, tag or
    author; None for the site's), as absolute addresses; the default card if it fails."""
    request = context.get("request")
    if request is None:  # the server-error page, rendered with no request
        return {}
    try:
        card = cards.card_of(subject)
        url, alt = card.get_absolute_url(), card.title
    except Exception:
        logger.exception("No share card for %r", subject)
        url, alt = static(cards.DEFAULT_CARD), context.get("site_name", "")
    return {
        "url": request.build_absolute_uri(url),
        "alt": alt,
        "width": cards.WIDTH,
        "height": cards.HEIGHT,
        "type": cards.MIME_TYPE,
    }
