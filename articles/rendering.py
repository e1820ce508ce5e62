"""Turning stored article HTML into what readers see.

The body is sanitized once, on the way in (``sanitize.py``); here footnote
markers ``[n]`` become links on the way out. Pure functions on strings, so
tests call them directly.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .search import WORD

FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
TAG = re.compile(r"(<[^>]*>)")
WORDS_PER_MINUTE = 200


@dataclass
class RenderedBody:
    html: str
    #: reference number → the ids of the places in the text that cite it, in order
    citations: dict[int, list[str]] = field(default_factory=dict)


def cite_id(number, occurrence):
    return f"cite-{number}-{occurrence}"


def link_footnotes(html, numbers, base=""):
    """Replace ``[n]`` with a link to reference ``n`` where such a reference exists.

    Only text is touched, never markup, and never text already inside a link.
    Each marker gets its own id so the reference can link back to every place
    that cites it. ``base`` is put before the "#ref-n" links, for copies of
    the text read away from the page (feeds).
    """
    numbers = set(numbers)
    citations: dict[int, list[str]] = {}
    inside_link = 0
    pieces = TAG.split(html)
    for i, piece in enumerate(pieces):
        if i % 2:  # markup
            name = piece[1:].lstrip("/").split(None, 1)[0].lower().rstrip(">") if piece else ""
            if name == "a":
                inside_link += -1 if piece.startswith("</") else 1
            continue
        if inside_link:
            continue

        def replace(match):
            number = int(match.group(1))
            if number not in numbers:
                return match.group(0)
            ids = citations.setdefault(number, [])
            ids.append(cite_id(number, len(ids) + 1))
            label = _("Reference %(number)s") % {"number": number}
            return (
                f'<sup class="footnote-ref"><a id="{ids[-1]}" href="{base}#ref-{number}" '
                f'role="doc-noteref" aria-label="{label}">[{number}]</a></sup>'
            )

        pieces[i] = FOOTNOTE.sub(replace, piece)
    return RenderedBody(html="".join(pieces), citations=citations)


def text_of(html):
    """The text of sanitized ``html``, for counting letters and words (not for showing).

    A plain cut at the tags: the body was sanitized on the way in, and Django's
    ``strip_tags`` (which parses again until nothing changes) cost most of the
    article page's time on long articles.
    """
    return TAG.sub(" ", html)


def reading_minutes(html):
    """Minutes a reader needs for ``html``, at least one."""
    words = len(WORD.findall(text_of(html)))
    return max(1, round(words / WORDS_PER_MINUTE))


BLOCK = re.compile(r"<(blockquote|p|li|h2|h3)>(.*?)</\1>", re.DOTALL)
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
SCRIPT_OF = {"ar": ("rtl", "ar"), "en": ("ltr", "en")}


def script_language(text):
    """'ar' or 'en' by which script most letters of ``text`` are in (None without letters)."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if not arabic and not latin:
        return None
    return "ar" if arabic >= latin else "en"


def mark_directions(html, language):
    """Give blocks written in the other script their own ``dir`` and ``lang``.

    An Arabic quotation in an English article reads right to left, an English
    paragraph in an Arabic one left to right; the page's own language needs no
    mark. Blocks are looked at outermost first, so a quotation is marked whole.
    """

    def mark(match):
        tag, inner = match.group(1), match.group(2)
        found = script_language(text_of(inner))
        if found and found != language:
            direction, lang = SCRIPT_OF[found]
            return f'<{tag} dir="{direction}" lang="{lang}">{inner}</{tag}>'
        return f"<{tag}>{BLOCK.sub(mark, inner)}</{tag}>"

    return BLOCK.sub(mark, html)
