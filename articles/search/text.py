"""Arabic-aware search text: what is indexed, what a query looks for, what a reader sees.

Both databases are fed the same normalized text and the same normalized query terms,
so they find the same articles. Normalizing is ``core.arabic``'s: hamza forms of alef
become ا, ى becomes ي, ة becomes ه, diacritics and tatweel go.

An edition's search text is three texts (``search_texts``):

- its words: every word, and a second time without its definite article or clitic
  (ال، وال، بال، لل…), so «مدرسة» is the word «المدرسة» — a query's *exact* matches;
- its stems: the Snowball Arabic stem of every word (``core.arabic.stem``), so
  «تحالفات» finds «التحالف» — what a query's words match by;
- its head: the words and stems of the title, summary, authors and tags only, the
  small text results are ranked on.

A word in any spelling of an editors' group («سوريا», «وسوريا») is indexed, looked up
and highlighted as the group's canonical word (``variants``), in words and stems alike:
the editors said which spellings are one word, and no stemmer second-guesses them.
"""

from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from core.arabic import WORD, normalize, stem, without_clitics, words
from core.text import plain_text

from . import variants as spelling

MAX_TERMS = 8


def _table(variants):
    return spelling.current() if variants is None else variants


def _forms(word, variants):
    """The index words of a normalized word of the text, and its stem."""
    canonical = variants.canonical(word)
    if canonical:
        return [canonical], canonical
    bare = without_clitics(word)
    return ([word] if bare == word else [word, bare]), stem(word)


@dataclass(frozen=True)
class SearchTexts:
    words: str
    stems: str
    head: str


def search_texts(head, body, variants=None):
    """An edition's three search texts, from its ``head`` parts (title, summary, names)
    and ``body`` parts (HTML or text)."""
    variants = _table(variants)
    indexed, stems, heading = [], [], []
    for position, part in enumerate((*head, *body)):
        for word in words(strip_tags(part or "")):
            forms, stemmed = _forms(word, variants)
            indexed += forms
            stems.append(stemmed)
            if position < len(head):
                heading += forms if stemmed in forms else [*forms, stemmed]
    return SearchTexts(" ".join(indexed), " ".join(stems), " ".join(heading))


def index_text(*parts, variants=None):
    """Normalized text to index: every word, and it without its clitic where that differs."""
    return search_texts((), parts, variants).words


def query_terms(query, variants=None):
    """The normalized terms of a query, without clitics: letters and digits only, a few."""
    variants = _table(variants)
    terms = []
    for word in words(query):
        term = variants.canonical(word) or without_clitics(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def term_stem(term, variants=None):
    """The stem a query term matches by: a group's canonical word is its own."""
    return term if _table(variants).canonical(term) else stem(term)


def _matches(word, terms, stems, variants):
    """Whether a normalized word of the text is what one of ``terms`` finds."""
    forms, stemmed = _forms(word, variants)
    return stemmed in stems or any(form.startswith(term) for form in forms for term in terms)


def highlight(text, terms, variants=None):
    """``text`` escaped, with the words that match a query term wrapped in <mark>."""
    if not terms:
        return escape(text)
    variants = _table(variants)
    stems = {term_stem(term, variants) for term in terms}
    out, last = [], 0
    for match in WORD.finditer(text):
        if _matches(normalize(match.group(0)), terms, stems, variants):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(html, terms, width=30, variants=None):
    """About ``width`` words of ``html`` around the first match, as plain text."""
    variants = _table(variants)
    stems = {term_stem(term, variants) for term in terms}
    text_words = plain_text(html).split()
    for i, word in enumerate(text_words):
        if any(_matches(w, terms, stems, variants) for w in WORD.findall(normalize(word))):
            start = max(0, i - width // 3)
            piece = " ".join(text_words[start : start + width])
            more = start + width < len(text_words)
            return ("… " if start else "") + piece + (" …" if more else "")
    return " ".join(text_words[:width]) + (" …" if len(text_words) > width else "")
