"""Sanitized HTML read as a tree, and written back byte for byte with a few changes.

Transforms of the stored body (footnote links, direction marks) walk what the
standard library's parser finds, never match tags with regular expressions: a list
inside a list item, or a ``>`` inside an attribute, defeat those. Each token keeps
its place in the source, so the output is the input with insertions and
replacements only.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "wbr"}
NEWLINE = re.compile("\n")


@dataclass
class Element:
    tag: str
    attrs: list
    #: where its start tag begins and ends in the source
    start: int
    start_end: int
    children: list = field(default_factory=list)  # Element or Text, in order
    parent: "Element | None" = None

    def text(self):
        return "".join(child.text() for child in self.children)


@dataclass
class Text:
    value: str  # as the reader sees it (entities decoded)
    start: int
    end: int
    parent: Element | None = None

    def text(self):
        return self.value


class _TreeBuilder(HTMLParser):
    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.source = source
        # getpos() counts lines at "\n" only, as this does.
        self.line_starts = [0, *(match.end() for match in NEWLINE.finditer(source))]
        self.root = Element("#root", [], 0, 0)
        self.open = [self.root]

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.position()
        end = start + len(self.get_starttag_text())
        element = Element(tag, attrs, start, end, parent=self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        start = self.position()
        end = start + len(self.get_starttag_text())
        self.open[-1].children.append(Element(tag, attrs, start, end, parent=self.open[-1]))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def _text(self, value, raw_length):
        start = self.position()
        self.open[-1].children.append(Text(value, start, start + raw_length, self.open[-1]))

    def handle_data(self, data):
        self._text(data, len(data))

    def handle_entityref(self, name):
        self._text(unescape(f"&{name};"), len(name) + 2)

    def handle_charref(self, name):
        self._text(unescape(f"&#{name};"), len(name) + 3)


def parse(html):
    """The element tree of ``html`` under a root element."""
    builder = _TreeBuilder(html)
    builder.feed(html)
    builder.close()
    return builder.root


def walk(node):
    """``node`` and everything under it, in document order."""
    yield node
    if isinstance(node, Element):
        for child in node.children:
            yield from walk(child)


def splice(html, edits):
    """``html`` with each ``(start, end, replacement)`` applied (non-overlapping)."""
    out, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        out.append(html[last:start])
        out.append(replacement)
        last = end
    out.append(html[last:])
    return "".join(out)
