"""Share links: plain URLs that work without JavaScript, no third-party script."""

from functools import partial
from urllib.parse import quote
from urllib.parse import urlencode as _urlencode

from django.utils.translation import gettext_lazy as _

# Spaces as %20, not "+": mail clients show a "+" literally.
urlencode = partial(_urlencode, quote_via=quote)


def share_links(*, url, title):
    """The share targets for a page, each a (key, label, href) triple."""
    text = f"{title} {url}"
    return [
        ("whatsapp", _("WhatsApp"), "https://wa.me/?" + urlencode({"text": text})),
        (
            "telegram",
            _("Telegram"),
            "https://t.me/share/url?" + urlencode({"url": url, "text": title}),
        ),
        ("x", _("X"), "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        (
            "facebook",
            _("Facebook"),
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        (
            "linkedin",
            _("LinkedIn"),
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("email", _("Email"), "mailto:?" + urlencode({"subject": title, "body": url})),
    ]
