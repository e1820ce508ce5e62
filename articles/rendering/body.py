"""Turning the stored body HTML into what readers see.

The body is sanitized once, on the way in (``articles.sanitize``); here footnote
markers ``[n]`` become links and blocks in the other script get their direction,
on the way out. Pure functions on strings, so tests call them directly.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.arabic import WORD, script_language

from ..sanitize import sanitize_html
from .markup import Element, Text, parse, splice, walk

# A marker, with the space an editor may have typed before it.
FOOTNOTE = re.compile(r"( ?)\[(\d{1,3})\]")
NO_BREAK_SPACE = "\u00a0"
TAG = re.compile(r"(<[^>]*>)")
WORDS_PER_MINUTE = 200
# Blocks that may be written in the other script than the page's.
BLOCKS = {"blockquote", "p", "li", "h2", "h3"}
SCRIPT_OF = {"ar": ("rtl", "ar"), "en": ("ltr", "en")}
TOC_MINIMUM = 3


@dataclass
class RenderedBody:
    html: str
    #: reference number → the ids of the places in the text that cite it, in order
    citations: dict[int, list[str]] = field(default_factory=dict)
    #: (id, text) of each h2, for a table of contents (only when asked for an outline)
    headings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def toc(self):
        """The table of contents: shown from three headings on."""
        return self.headings if len(self.headings) >= TOC_MINIMUM else []


def cite_id(number, occurrence):
    return f"cite-{number}-{occurrence}"


def _inside_link(node):
    parent = node.parent
    while parent is not None:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _marker_texts(root):
    """The text nodes that may hold footnote markers: those with a "[" outside any link."""
    for node in walk(root):
        if isinstance(node, Text) and "[" in node.value and not _inside_link(node):
            yield node


def _footnote_edits(html, root, numbers, base, citations):
    """The replacements that link each ``[n]`` marker; ``citations`` is filled in."""

    def replace(match):
        space, number = match.group(1), int(match.group(2))
        if number not in numbers:
            return match.group(0)
        ids = citations.setdefault(number, [])
        ids.append(cite_id(number, len(ids) + 1))
        label = _("Reference %(number)s") % {"number": number}
        # A marker typed after a space stays with the word before it, never alone at
        # the start of a line.
        return (
            f"{NO_BREAK_SPACE if space else ''}"
            f'<sup class="footnote-ref"><a id="{ids[-1]}" href="{base}#ref-{number}" '
            f'role="doc-noteref" aria-label="{label}">[{number}]</a></sup>'
        )

    if not numbers:
        return []
    edits = []
    for node in _marker_texts(root):
        raw = html[node.start : node.end]
        linked = FOOTNOTE.sub(replace, raw)
        if linked != raw:
            edits.append((node.start, node.end, linked))
    return edits


def link_footnotes(html, numbers, base=""):
    """Replace ``[n]`` with a link to reference ``n`` where such a reference exists.

    Only text is touched, never markup, and never text already inside a link.
    Each marker gets its own id so the reference can link back to every place
    that cites it. ``base`` is put before the "#ref-n" links, for copies of
    the text read away from the page (feeds).
    """
    citations: dict[int, list[str]] = {}
    if not numbers:
        return RenderedBody(html=html, citations=citations)
    edits = _footnote_edits(html, parse(html), set(numbers), base, citations)
    return RenderedBody(html=splice(html, edits), citations=citations)


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


def _direction_edits(root, language):
    """The ``dir``/``lang`` insertions for blocks in another script than their surroundings."""
    edits = []

    def visit(node, around):
        for child in node.children:
            if not isinstance(child, Element):
                continue
            inside = around
            if child.tag in BLOCKS and not child.attrs:
                found = script_language(child.text())
                if found and found != around:
                    direction, lang = SCRIPT_OF[found]
                    tag_end = child.start_end - 1  # before the start tag's ">"
                    edits.append((tag_end, tag_end, f' dir="{direction}" lang="{lang}"'))
                    inside = found
            visit(child, inside)

    visit(root, language)
    return edits


def mark_directions(html, language):
    """Give blocks written in another script than their surroundings a ``dir`` and ``lang``.

    An Arabic quotation in an English article reads right to left, an English
    paragraph in an Arabic one left to right; the page's own language needs no
    mark. Blocks are looked at outermost first, so a quotation is marked whole,
    and inside a marked block its own blocks are judged against it: an Arabic item
    of a list nested in an English item reads right to left again.
    """
    return splice(html, _direction_edits(parse(html), language))


def heading_id(text, taken):
    """A readable id for a heading (Arabic letters kept), unique among ``taken``."""
    words = FOOTNOTE.sub("", text).strip().rstrip(":：")
    base = slugify(words, allow_unicode=True) or "section"
    if base[0].isdigit():
        base = f"s-{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _heading_edits(root, headings):
    """Ids for the h2s that have none; ``headings`` is filled with (id, text)."""
    taken = {
        value
        for node in walk(root)
        if isinstance(node, Element)
        for name, value in node.attrs
        if name == "id" and value
    }
    edits = []
    for node in walk(root):
        if not isinstance(node, Element) or node.tag != "h2":
            continue
        text = " ".join(FOOTNOTE.sub("", node.text()).split()).rstrip(":：").strip()
        if not text:
            continue
        existing = dict(node.attrs).get("id")
        if existing:
            headings.append((existing, text))
            continue
        ident = heading_id(text, taken)
        tag_end = node.start_end - 1
        edits.append((tag_end, tag_end, f' id="{escape(ident)}"'))
        headings.append((ident, text))
    return edits


def render_body(html, *, language, numbers, base="", outline=False):
    """The stored body as readers get it: sanitized again, directions marked, notes linked.

    With ``outline`` (papers) the h2s get ids and ``headings`` lists them.

    Sanitized again here because not every way into the database goes through
    ``Article.save()``; the allowlist leaves a clean body unchanged. One parse serves
    both transforms: they change different places (start tags, text), so their edits
    are spliced in together.
    """
    html = sanitize_html(html)
    root = parse(html)
    citations: dict[int, list[str]] = {}
    headings: list[tuple[str, str]] = []
    edits = _direction_edits(root, language) + _footnote_edits(
        html, root, set(numbers), base, citations
    )
    if outline:
        # Papers: each h2 gets a stable id from its words, for the table of contents.
        edits += _heading_edits(root, headings)
    return RenderedBody(html=splice(html, edits), citations=citations, headings=headings)


def cited_numbers(html):
    """The reference numbers ``html`` cites with ``[n]`` markers (outside links)."""
    found = set()
    for node in _marker_texts(parse(html or "")):
        found.update(int(match.group(2)) for match in FOOTNOTE.finditer(node.value))
    return found
