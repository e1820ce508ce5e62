"""Arabic-aware full-text search, the same on SQLite (FTS5) and PostgreSQL.

Both backends are fed the same normalized text (``search_document``) and the
same normalized query terms, so they find the same articles: hamza forms of
alef become ا, ى becomes ي, ة becomes ه, diacritics and tatweel go, and a word
carrying a definite article or a clitic (ال، وال، بال، لل…) is indexed a second
time without it, so «مدرسة» finds «المدرسة».

PostgreSQL uses the ``simple`` text-search configuration, not ``arabic``: the
normalizing is done here, identically for both databases; a stemmer that only
one of them runs would make them disagree.
"""

import re
import unicodedata
from html import unescape
from importlib import import_module

from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
DIACRITICS = re.compile(f"[{MARKS}]")
TATWEEL = "\u0640"
LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# A word, with the diacritics inside it: «سُورِيَّة» is one word, not four.
WORD = re.compile(f"[\\w{MARKS}]+")
# Longest first: «وال» before «و».
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
MAX_TERMS = 8
MAX_RESULTS = 500
MAX_RANKED = 1000


def normalize(text):
    """The one normalizer for indexed text and for queries."""
    text = unicodedata.normalize("NFKC", text or "")
    text = DIACRITICS.sub("", text).replace(TATWEEL, "")
    return text.translate(LETTERS).casefold()


def stem(word):
    """The word without a leading article or clitic, when enough of it remains."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def index_text(*parts):
    """Normalized text to index: every word, and its stem where that differs."""
    words = []
    for part in parts:
        for word in WORD.findall(normalize(strip_tags(part or ""))):
            words.append(word)
            stemmed = stem(word)
            if stemmed != word:
                words.append(stemmed)
    return " ".join(words)


def query_terms(query):
    """The normalized, stemmed terms of a query: letters and digits only, at most a few."""
    terms = []
    for word in WORD.findall(normalize(query)):
        term = stem(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def ranked_ids(terms):
    """Article ids matching every term, best first (every article, public or not).

    Whole words first: when they alone fill the results, that is the answer.
    Otherwise (a rare word, or one still being typed) each term also matches the
    words it begins («سوري» finds «سورية»). Matching by beginnings costs far more
    on a large archive, so it is only paid when it can change the answer.

    Ranking reads each candidate's whole index entry, so it is bounded: among the
    ``MAX_RANKED`` newest matches. A word that few articles use is ranked across
    the whole archive; one that thousands use («سورية») ranks its newest thousand,
    which for a publication is where a reader looks first anyway.
    """
    if not terms:
        return []
    ids = _ranked(terms, prefix=False)
    if len(ids) < MAX_RESULTS:
        ids = _ranked(terms, prefix=True)
    return ids


def _ranked(terms, *, prefix):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{term}:*" if prefix else term for term in terms)
            cursor.execute(
                "WITH query AS (SELECT to_tsquery('simple', %s) AS q), "
                "newest AS (SELECT id, search_vector FROM articles_article, query "
                "WHERE search_vector @@ q ORDER BY id DESC LIMIT %s) "
                "SELECT id FROM newest, query "
                "ORDER BY ts_rank(search_vector, q) DESC, id DESC LIMIT %s",
                [tsquery, MAX_RANKED, MAX_RESULTS],
            )
        else:
            match = " ".join(f'"{term}"*' if prefix else f'"{term}"' for term in terms)
            cursor.execute(
                "SELECT rowid FROM articles_article_fts "
                "WHERE articles_article_fts MATCH %s AND rowid >= coalesce(("
                "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0) "
                "ORDER BY bm25(articles_article_fts), rowid DESC LIMIT %s",
                [match, match, MAX_RANKED - 1, MAX_RESULTS],
            )
        return [row[0] for row in cursor.fetchall()]


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
    words = unescape(strip_tags(html or "")).split()
    for i, word in enumerate(words):
        normalized = normalize(word)
        if any(t in normalized for t in terms):
            start = max(0, i - width // 3)
            piece = " ".join(words[start : start + width])
            return ("… " if start else "") + piece + (" …" if start + width < len(words) else "")
    return " ".join(words[:width]) + (" …" if len(words) > width else "")


def restore_sqlite_index(using="default", **kwargs):
    """post_migrate: put back the FTS triggers a migration of the article table dropped.

    SQLite alters a table by copying it into a new one, which loses its triggers; then
    the index would stop following the articles. Recreated (and the index rebuilt) only
    when missing.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    index = import_module("articles.migrations.0003_search_index")
    triggers = [sql for sql in index.SQLITE_FORWARD if sql.startswith("CREATE TRIGGER")]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            ["articles_article"],
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [sql for sql in triggers if sql.split()[2] not in present]
        if not missing or "articles_article_fts" not in connection.introspection.table_names(
            cursor
        ):
            return
        for sql in missing:
            cursor.execute(sql)
        cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')")
