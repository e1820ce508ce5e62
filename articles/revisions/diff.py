"""Differences between two texts, word by word, as HTML that keeps Arabic letters joined.

reversion-compare's ``html_diff`` compares characters: changing «السلام» to «السلم»
marks the one deleted «ا» inside the word, and the browser can no longer join the
letters around the mark. Here the texts are cut into words, spaces and punctuation,
and diff-match-patch (the library reversion-compare itself uses) compares those
tokens, each standing for one character ("word mode" in its documentation). A word
is marked whole or not at all; a word replaced reads «<del>old</del> <ins>new</ins>»,
with a space between so the two never join into one.
"""

import unicodedata
from itertools import groupby

from diff_match_patch import diff_match_patch
from django.utils.html import format_html, format_html_join

from ..rendering.markup import Element, Text, parse

_dmp = diff_match_patch()
# Each token stands for one character of a private-use plane: no real text uses them,
# so nothing in diff-match-patch's clean-up reads them as spaces or letters.
_FIRST_CODE = 0xF0000
# Elements that start a line of their own in the body's text.
_LINES = {"p", "h2", "h3", "li", "blockquote", "ul", "ol", "br"}


def _kind(char):
    if char.isspace():
        return "space"
    if unicodedata.category(char)[0] in "PS":  # punctuation and symbols: «،» «.» «-»
        return "mark"
    return "word"  # letters, digits, and the marks that sit on letters (harakat)


def tokens(text):
    """``text`` cut into words, runs of white space, and single punctuation marks."""
    for kind, chars in groupby(text, key=_kind):
        if kind == "mark":
            yield from chars
        else:
            yield "".join(chars)


def _diff(old, new):
    """[(operation, text)] between ``old`` and ``new``, whole tokens only."""
    table, codes = [], {}

    def encode(text):
        out = []
        for token in tokens(text):
            if token not in codes:
                codes[token] = chr(_FIRST_CODE + len(table))
                table.append(token)
            out.append(codes[token])
        return "".join(out)

    first, second = encode(old), encode(new)
    diffs = _dmp.diff_main(first, second, checklines=False)
    _dmp.diff_cleanupSemantic(diffs)
    return [(op, "".join(table[ord(code) - _FIRST_CODE] for code in text)) for op, text in diffs]


def word_diff(old, new):
    """``old`` against ``new`` as HTML: whole words in ``<del>`` and ``<ins>``."""
    pieces, previous = [], None  # pieces: (text, "del", "ins" or None)
    for op, text in _diff(old or "", new or ""):
        tag = {_dmp.DIFF_DELETE: "del", _dmp.DIFF_INSERT: "ins"}.get(op)
        words = text.strip()
        if tag is None or not words:
            pieces.append((text, tag))
        else:
            # The spaces around a changed run are the text's, not the change's.
            before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            if tag == "ins" and previous == "del" and not before and not pieces[-1][0].isspace():
                before = " "  # «<del>old</del> <ins>new</ins>»: never joined into one word
            pieces += [(before, None), (words, tag), (after, None)]
        previous = tag
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<{}>{}</{}>", tag, text, tag) if tag else text,)
            for text, tag in pieces
            if text
        ),
    )


def body_text(html):
    """The text of sanitized body ``html``, one line per paragraph, heading or list item."""
    lines, line = [], []

    def end_line():
        text = " ".join("".join(line).split())
        if text:
            lines.append(text)
        line.clear()

    def visit(node):
        for child in node.children:
            if isinstance(child, Text):
                line.append(child.value)
            elif isinstance(child, Element):
                if child.tag in _LINES:
                    end_line()
                visit(child)
                if child.tag in _LINES:
                    end_line()

    visit(parse(html or ""))
    end_line()
    return "\n".join(lines)
