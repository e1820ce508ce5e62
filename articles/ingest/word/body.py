"""Mammoth's HTML made an article: title, summary, body, notes and a references list.

The HTML is read as a tree (mammoth writes it well formed) and changed node by
node, never by matching tags with patterns: footnote references become ``[n]``
markers numbered in order of first appearance, the notes and a closing
references list («المراجع», "References", …) leave the body and become
citations, images and tables are counted and dropped, links keep only web and
mail addresses. The result then goes through the site's one sanitizer.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from core.text import safe_url, strip_control_characters

from ...sanitize import sanitize_html
from ..dates import fold
from .convert import ID_PREFIX
from .package import WordImportError

VOID = {"br", "img", "hr"}
_NOTE_ID = re.compile(re.escape(ID_PREFIX) + r"((?:foot|end)note)-(-?\d+)")
_NOTE_REF_ID = re.compile(re.escape(ID_PREFIX) + r"((?:foot|end)note)-ref-(-?\d+)")
_IBID = re.compile(
    r"^\s*(?:ibid\b|ibidem\b|المرجع السابق|المصدر السابق|المرجع نفسه|المصدر نفسه|نفسه)",
    re.IGNORECASE,
)
_SUMMARY_START = re.compile(r"^\s*(?:ملخص|الملخص|summary|abstract)\s*[:：\-–—]?\s*", re.IGNORECASE)
_REFERENCE_HEADINGS = {
    fold(name) for name in ("المراجع", "المصادر", "المصادر والمراجع", "قائمة المراجع", "الهوامش")
} | {"references", "bibliography", "sources", "works cited", "notes"}
# What a note's text must never hold: markup, or a script address written out.
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in list(self.children):
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def replace(self, *nodes):
        """Put ``nodes`` where this element is."""
        siblings = self.parent.children
        index = siblings.index(self)
        siblings[index : index + 1] = list(nodes)
        for node in nodes:
            if isinstance(node, Element):
                node.parent = self.parent

    def remove(self):
        self.replace()

    def unwrap(self):
        self.replace(*self.children)

    def html(self):
        inner = "".join(
            escape(c, quote=False) if isinstance(c, str) else c.html() for c in self.children
        )
        if self.tag == "#root":
            return inner
        attrs = "".join(f' {name}="{escape(value or "")}"' for name, value in self.attrs.items())
        if self.tag in VOID:
            return f"<{self.tag}{attrs}>"
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#root", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Extracted:
    title: str = ""
    summary: str = ""
    body: str = ""
    #: (number, text) of each reference, in order
    references: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


def _words(element):
    return " ".join(strip_control_characters(element.text()).split())


def extract(html):
    """Split mammoth's ``html`` into the parts of an article; see the module's docstring."""
    root = parse(html)
    out = Extracted()
    counts = out.counts
    if not _words(root):
        raise WordImportError(_no_text(), "no_text")

    notes = _take_notes(root)
    references = {}  # note key → number
    texts = {}  # folded text → number
    ordered = []  # (number, text)
    last_number = None
    for anchor in root.iter():
        match = _NOTE_REF_ID.fullmatch(anchor.attrs.get("id") or "")
        if anchor.tag != "a" or not match:
            continue
        key = match.groups()
        text = notes.get(key, "")
        folded = fold(text)
        if key in references:
            number = references[key]
        elif last_number is not None and _IBID.match(text):
            number = last_number
        elif folded and folded in texts:
            number = texts[folded]
        else:
            number = len(ordered) + 1
            ordered.append((number, text or "—"))
            if folded:
                texts[folded] = number
        references[key] = last_number = number
        marker = (
            anchor.parent
            if anchor.parent.tag == "sup" and len(anchor.parent.children) == 1
            else anchor
        )
        marker.replace(f"[{number}]")
    counts["notes"] = len(references)

    out.title = _take_title(root)
    out.summary = _take_summary(root)
    for text in _take_reference_list(root):
        if fold(text) not in texts:
            ordered.append((len(ordered) + 1, text))
            texts[fold(text)] = len(ordered)
    out.references = ordered

    for element in list(root.iter()):
        if element.parent is None or element not in element.parent.children:
            continue  # inside something already removed
        if element.tag == "img":
            counts["images"] = counts.get("images", 0) + 1
            element.remove()
        elif element.tag == "table":
            counts["tables"] = counts.get("tables", 0) + 1
            element.remove()
        elif element.tag == "a":
            href = element.attrs.get("href")
            if href and safe_url(href):
                element.attrs = {"href": safe_url(href)}
            else:
                if href and not href.startswith("#"):
                    counts["unsafe_links"] = counts.get("unsafe_links", 0) + 1
                element.unwrap()
        elif element.tag == "h1":
            element.tag = "h2"
        elif element.tag in {"h4", "h5", "h6"}:
            element.tag = "h3"
        if element.tag in HEADINGS:
            element.attrs = {}
    for element in list(root.iter()):
        if element.tag in {"p", *HEADINGS} and not _words(element) and element.parent:
            element.remove()  # what held only an image or a page break
    out.body = sanitize_html(root.html())
    if not out.body and not out.title:
        raise WordImportError(_no_text(), "no_text")
    return out


def _no_text():
    return _("The document has no text: not one paragraph was found in it.")


def _take_notes(root):
    """The notes' texts by (kind, id); their list leaves the tree. Refuses unsafe notes."""
    notes = {}
    for item in list(root.iter()):
        match = _NOTE_ID.fullmatch(item.attrs.get("id") or "")
        if item.tag != "li" or not match:
            continue
        for link in list(item.iter()):
            href = link.attrs.get("href") if link.tag == "a" else None
            if href is None:
                continue
            if href.startswith("#" + ID_PREFIX):
                link.remove()  # mammoth's link back to the text
            elif not safe_url(href):
                raise _unsafe_note(len(notes) + 1)
            elif href not in link.text():
                link.children.append(f" {href}")
        text = _words(item)
        if _MARKUP.search(text):
            raise _unsafe_note(len(notes) + 1)
        notes[match.groups()] = text
        parent = item.parent
        item.remove()
        if parent.tag == "ol" and not any(isinstance(c, Element) for c in parent.children):
            parent.remove()
    for element in list(root.iter()):
        if element.tag == "dl" and not _words(element):
            element.remove()  # mammoth's (empty) list of comments
    return notes


def _unsafe_note(number):
    return WordImportError(
        _(
            "Note %(number)s holds web page code or a link that is not a web or mail "
            "address (for example javascript:). Correct the note in Word and upload "
            "the document again."
        )
        % {"number": number},
        "unsafe_note",
    )


def _blocks(root):
    return [child for child in root.children if isinstance(child, Element)]


def _take_title(root):
    blocks = _blocks(root)
    for test in (
        lambda b: b.tag == "h1" and "title" in (b.attrs.get("class") or ""),
        lambda b: "heading-1" in (b.attrs.get("class") or ""),
        lambda b: b.tag in {"p", *HEADINGS} and _words(b),
    ):
        for block in blocks:
            if test(block) and _words(block):
                block.remove()
                return _words(block)
    return ""


def _take_summary(root):
    for block in _blocks(root):
        if block.tag != "p":
            continue
        text = _words(block)
        if "subtitle" in (block.attrs.get("class") or ""):
            block.remove()
            return text
        start = _SUMMARY_START.match(text)
        if start and start.end() < len(text):
            block.remove()
            return text[start.end() :]
    return ""


def _is_reference_heading(block):
    text = fold(_words(block).rstrip(":：").strip()).lower()
    if text not in _REFERENCE_HEADINGS:
        return False
    return block.tag in HEADINGS or (block.tag == "p" and len(text) < 40)


def _take_reference_list(root):
    """The entries under the last «المراجع» heading; the heading and entries leave the body."""
    blocks = _blocks(root)
    starts = [i for i, block in enumerate(blocks) if _is_reference_heading(block)]
    if not starts:
        return []
    section = []
    for block in blocks[starts[-1] + 1 :]:
        if block.tag in HEADINGS:
            break
        section.append(block)
    if not any(block.tag in {"ol", "ul"} for block in section):
        return []
    entries = []
    for block in section:
        if block.tag in {"ol", "ul"}:
            items = [c for c in block.children if isinstance(c, Element) and c.tag == "li"]
            entries += [_words(item) for item in items]
        elif _words(block):
            entries.append(_words(block))
        block.remove()
    blocks[starts[-1]].remove()
    return [entry for entry in entries if entry]
