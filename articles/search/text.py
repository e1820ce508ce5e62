"""Arabic-aware search text: what is indexed, what a query looks for, what a reader sees.

Both databases are fed the same normalized text (``Article.search_document``) and
the same normalized query terms, so they find the same articles. Normalizing is
``core.arabic``'s: hamza forms of alef become ا, ى becomes ي, ة becomes ه,
diacritics and tatweel go; and a word carrying a definite article or a clitic
(ال، وال، بال، لل…) is indexed a second time without it, so «مدرسة» finds
«المدرسة». Pure functions on strings.
"""

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from core.arabic import WORD, normalize, stem, words
from core.text import plain_text

MAX_TERMS = 8


def index_text(*parts):
    """Normalized text to index: every word, and its stem where that differs."""
    indexed = []
    for part in parts:
        for word in words(strip_tags(part or "")):
            indexed.append(word)
            stemmed = stem(word)
            if stemmed != word:
                indexed.append(stemmed)
    return " ".join(indexed)


def query_terms(query):
    """The normalized, stemmed terms of a query: letters and digits only, at most a few."""
    terms = []
    for word in words(query):
        term = stem(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def highlight(text, terms):
    """``text`` escaped, with the words that match a query term wrapped in <mark>."""
    if not terms:
        return escape(text)
    out, last = [], 0
    for match in WORD.finditer(text):
        word = normalize(match.group(0))
        if any(word.startswith(t) or stem(word).startswith(t) for t in terms):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(html, terms, width=30):
    """About ``width`` words of ``html`` around the first match, as plain text."""
    text_words = plain_text(html).split()
    for i, word in enumerate(text_words):
        normalized = normalize(word)
        if any(t in normalized for t in terms):
            start = max(0, i - width // 3)
            piece = " ".join(text_words[start : start + width])
            more = start + width < len(text_words)
            return ("… " if start else "") + piece + (" …" if more else "")
    return " ".join(text_words[:width]) + (" …" if len(text_words) > width else "")
