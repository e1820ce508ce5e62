"""Arabic-aware search text: what is indexed, what a query looks for, what a reader sees.

Both databases are fed the same normalized text (each edition's search document) and
the same normalized query terms, so they find the same articles. Normalizing is
``core.arabic``'s: hamza forms of alef become ا, ى becomes ي, ة becomes ه,
diacritics and tatweel go; and a word carrying a definite article or a clitic
(ال، وال، بال، لل…) is indexed a second time without it, so «مدرسة» finds
«المدرسة». A word in any spelling of an editors' group («سوريا», «وسوريا») is indexed,
looked up and highlighted as the group's canonical word (``variants``): the table
given, or the current one.
"""

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from core.arabic import WORD, normalize, stem, words
from core.text import plain_text

from . import variants as spelling

MAX_TERMS = 8


def _table(variants):
    return spelling.current() if variants is None else variants


def index_text(*parts, variants=None):
    """Normalized text to index: every word, and its stem where that differs."""
    variants = _table(variants)
    indexed = []
    for part in parts:
        for word in words(strip_tags(part or "")):
            canonical = variants.canonical(word)
            if canonical:
                indexed.append(canonical)
                continue
            indexed.append(word)
            stemmed = stem(word)
            if stemmed != word:
                indexed.append(stemmed)
    return " ".join(indexed)


def query_terms(query, variants=None):
    """The normalized, stemmed terms of a query: letters and digits only, at most a few."""
    variants = _table(variants)
    terms = []
    for word in words(query):
        term = variants.canonical(word) or stem(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def _matches(word, terms, variants):
    """Whether a normalized word of the text is what one of ``terms`` finds."""
    forms = (word, stem(word), variants.canonical(word) or word)
    return any(form.startswith(term) for form in forms for term in terms)


def highlight(text, terms, variants=None):
    """``text`` escaped, with the words that match a query term wrapped in <mark>."""
    if not terms:
        return escape(text)
    variants = _table(variants)
    out, last = [], 0
    for match in WORD.finditer(text):
        if _matches(normalize(match.group(0)), terms, variants):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(html, terms, width=30, variants=None):
    """About ``width`` words of ``html`` around the first match, as plain text."""
    variants = _table(variants)
    text_words = plain_text(html).split()
    for i, word in enumerate(text_words):
        normalized = normalize(word)
        if any(t in normalized for t in terms) or any(
            variants.canonical(w) in terms for w in WORD.findall(normalized)
        ):
            start = max(0, i - width // 3)
            piece = " ".join(text_words[start : start + width])
            more = start + width < len(text_words)
            return ("… " if start else "") + piece + (" …" if more else "")
    return " ".join(text_words[:width]) + (" …" if len(text_words) > width else "")
