"""The content model, one module per concern; import from here."""

from .content import Article, ArticleQuerySet, Authorship
from .records import PageStamp, SeedImport, SlugRedirect
from .references import ReadAlso, Reference
from .rendering import RenderedArticle
from .search import SpellingGroup
from .taxonomy import Section, Tag, TaggedArticle

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Authorship",
    "PageStamp",
    "ReadAlso",
    "Reference",
    "RenderedArticle",
    "Section",
    "SeedImport",
    "SlugRedirect",
    "SpellingGroup",
    "Tag",
    "TaggedArticle",
]
