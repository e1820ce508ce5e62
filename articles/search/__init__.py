"""Arabic-aware full-text search, the same on SQLite (FTS5) and PostgreSQL.

PostgreSQL uses the ``simple`` text-search configuration, not ``arabic``: the
normalizing is done here (``core.arabic``), identically for both databases; a
stemmer that only one of them runs would make them disagree.

Each edition searches its own language's text only, in an index of its own.

- ``text``: what is indexed, a query's terms, highlighting and excerpts;
- ``variants``: the editors' spelling groups («سورية» = «سوريا») as the search reads them;
- ``backends``: ranking in each database;
- ``indexing``: ``reindex(articles)``, the one way search text is rebuilt;
- ``signals``: the receivers that call it when an article, its authors or tags, or a
  spelling group change;
- ``sql``: the index's SQL, which the migrations freeze.
"""

from .backends import MAX_RANKED, MAX_RESULTS, ranked_ids, restore_sqlite_index
from .indexing import deferred, reindex
from .text import excerpt, highlight, index_text, query_terms
from .variants import current as spelling_variants

__all__ = [
    "MAX_RANKED",
    "MAX_RESULTS",
    "deferred",
    "excerpt",
    "highlight",
    "index_text",
    "query_terms",
    "ranked_ids",
    "reindex",
    "restore_sqlite_index",
    "spelling_variants",
]
