"""A seed document's metadata: the TOML file beside it (see ``seeds/*.toml``).

It says what the document does not say about itself: its layout, section,
authors, tags and summary, and the sections and authors to make when the
database has none of those names yet.
"""

import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, time

from ..models import Tag
from .dates import DEFAULT_TZ
from .documents import LAYOUTS
from .errors import SeedError

GENRES = ("analysis", "news", "opinion")
AUTHOR_KINDS = ("person", "desk")
MAX_TAG = Tag._meta.get_field("name").max_length  # the tag model's column size


@dataclass
class SectionSpec:
    name: str
    slug: str
    genre: str = "analysis"
    position: int = 0
    description: str = ""
    name_en: str = ""
    description_en: str = ""

    def english(self):
        """The English fields this spec gives, by model field name."""
        return _given(name_en=self.name_en, description_en=self.description_en)


@dataclass
class AuthorSpec:
    name: str
    kind: str = "person"
    role: str = ""
    name_en: str = ""
    role_en: str = ""

    def english(self):
        return _given(name_en=self.name_en, role_en=self.role_en)


def _given(**fields):
    return {name: value for name, value in fields.items() if value}


@dataclass
class Metadata:
    """What a document does not say about itself, from the TOML file beside it."""

    layout: str
    section: str
    authors: list[str]
    summary: str = ""
    slug: str = ""
    tags: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    read_also_section: str = ""
    read_also_time: time = time(12, 0)
    sections: list[SectionSpec] = field(default_factory=list)
    author_specs: list[AuthorSpec] = field(default_factory=list)
    summary_en: str = ""  # the English summary, used with the document's translation
    tags_en: dict[str, str] = field(default_factory=dict)  # Arabic tag name → English
    source: str = field(default="", repr=False)

    def line_of(self, table, key, index=0):
        """The line of ``key`` in ``[table]`` (or the ``index``-th ``[[table]]``), if any."""
        return _line_of(self.source, table, key, index)


def _line_of(source, table, key, index=0):
    current, seen = None, -1
    header = re.compile(r"\s*\[\[?\s*([^\]\s]+)\s*\]\]?")
    # A key may be quoted, as the Arabic tag names under [tags_en] must be.
    assignment = re.compile(rf"\s*([\"']?){re.escape(key or '')}\1\s*=")
    for number, raw in enumerate(source.split("\n"), start=1):
        match = header.match(raw)
        if match:
            current = match[1]
            if current == table:
                seen += 1
                if key is None and seen == index:
                    return number
            continue
        in_place = key and current == table and (table is None or seen == index)
        if in_place and assignment.match(raw):
            return number
    return None


_METADATA_KEYS = {
    None: {"layout", "article", "read_also", "sections", "authors", "tags_en"},
    "article": {"section", "authors", "summary", "summary_en", "slug", "tags", "published_at"},
    "read_also": {"section", "time"},
    "sections": {
        "name",
        "name_en",
        "slug",
        "genre",
        "position",
        "description",
        "description_en",
    },
    "authors": {"name", "name_en", "kind", "role", "role_en"},
}


def _check_keys(table, values, source, index=0):
    unknown = sorted(set(values) - _METADATA_KEYS[table])
    if unknown:
        where = f"[{table}]" if table else "the top level"
        line = _line_of(source, table, unknown[0], index)
        raise SeedError(f"unknown key {unknown[0]!r} in {where}", line)


def _typed(values, key, kind, source, table, index=0, *, required=False, default=None):
    if key not in values:
        if required:
            where = f"[{table}]" if table else "the top level"
            raise SeedError(f"missing {key!r} in {where}", _line_of(source, table, None, index))
        return default
    value = values[key]
    ok = all(isinstance(v, str) for v in value) if kind is list else isinstance(value, kind)
    if not ok or (kind is str and required and not value.strip()):
        raise SeedError(
            f"{key!r} has the wrong type or is empty", _line_of(source, table, key, index)
        )
    return value.strip() if kind is str else value


def parse_metadata(text, tz=DEFAULT_TZ):
    """Read and check a document's metadata (see ``seeds/*.toml`` for the format)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        raise SeedError(f"invalid TOML: {error}", int(line[1]) if line else None) from None
    _check_keys(None, data, text)
    layout = data.get("layout")
    if layout not in LAYOUTS:
        raise SeedError(
            f"'layout' must be one of {', '.join(LAYOUTS)}", _line_of(text, None, "layout")
        )

    article = data.get("article")
    if not isinstance(article, dict):
        raise SeedError("missing [article] table")
    _check_keys("article", article, text)
    authors = _typed(article, "authors", list, text, "article", required=True)
    if not authors:
        raise SeedError("'authors' lists nobody", _line_of(text, "article", "authors"))
    published_at = article.get("published_at")
    if published_at is not None:
        if not isinstance(published_at, datetime):
            raise SeedError(
                "'published_at' must be a date and time such as 2025-11-08T10:00:00",
                _line_of(text, "article", "published_at"),
            )
        if published_at.tzinfo is None:
            published_at = published_at.replace(tzinfo=tz)

    read_also = data.get("read_also", {})
    if not isinstance(read_also, dict):
        raise SeedError("[read_also] must be a table", _line_of(text, None, "read_also"))
    _check_keys("read_also", read_also, text)

    sections = []
    for index, values in enumerate(data.get("sections", [])):
        _check_keys("sections", values, text, index)
        spec = SectionSpec(
            name=_typed(values, "name", str, text, "sections", index, required=True),
            slug=_typed(values, "slug", str, text, "sections", index, required=True),
            genre=_typed(values, "genre", str, text, "sections", index, default="analysis"),
            position=_typed(values, "position", int, text, "sections", index, default=0),
            description=_typed(values, "description", str, text, "sections", index, default=""),
            name_en=_typed(values, "name_en", str, text, "sections", index, default=""),
            description_en=_typed(
                values, "description_en", str, text, "sections", index, default=""
            ),
        )
        if spec.genre not in GENRES:
            raise SeedError(
                f"'genre' must be one of {', '.join(GENRES)}",
                _line_of(text, "sections", "genre", index),
            )
        sections.append(spec)

    author_specs = []
    for index, values in enumerate(data.get("authors", [])):
        _check_keys("authors", values, text, index)
        spec = AuthorSpec(
            name=_typed(values, "name", str, text, "authors", index, required=True),
            kind=_typed(values, "kind", str, text, "authors", index, default="person"),
            role=_typed(values, "role", str, text, "authors", index, default=""),
            name_en=_typed(values, "name_en", str, text, "authors", index, default=""),
            role_en=_typed(values, "role_en", str, text, "authors", index, default=""),
        )
        if spec.kind not in AUTHOR_KINDS:
            raise SeedError(
                f"'kind' must be one of {', '.join(AUTHOR_KINDS)}",
                _line_of(text, "authors", "kind", index),
            )
        author_specs.append(spec)

    tags = _typed(article, "tags", list, text, "article", default=[])
    tags_en = data.get("tags_en", {})
    if not isinstance(tags_en, dict):
        raise SeedError("[tags_en] must be a table", _line_of(text, None, "tags_en"))
    for name, english in tags_en.items():
        line = _line_of(text, "tags_en", name)
        if name not in tags:
            raise SeedError(
                f"[tags_en] names «{name}», which is not among the article's tags", line
            )
        if not isinstance(english, str) or not english.strip():
            raise SeedError(f"the English name of «{name}» must be a non-empty string", line)
        if len(english.strip()) > MAX_TAG:
            raise SeedError(
                f"the English name of «{name}» is longer than {MAX_TAG} characters", line
            )

    return Metadata(
        layout=layout,
        section=_typed(article, "section", str, text, "article", required=True),
        authors=[name.strip() for name in authors],
        summary=_typed(article, "summary", str, text, "article", default=""),
        summary_en=_typed(article, "summary_en", str, text, "article", default=""),
        slug=_typed(article, "slug", str, text, "article", default=""),
        tags=tags,
        tags_en={name: english.strip() for name, english in tags_en.items()},
        published_at=published_at,
        read_also_section=_typed(read_also, "section", str, text, "read_also", default=""),
        read_also_time=_typed(read_also, "time", time, text, "read_also", default=time(12, 0)),
        sections=sections,
        author_specs=author_specs,
        source=text,
    )


def publication_time(document, metadata):
    """When the main article was published: the dateline's time, else the metadata's.

    Both may be given only if they agree, so a metadata typo cannot silently win.
    """
    line = metadata.line_of("article", "published_at")
    both = document.published_at and metadata.published_at
    if both and document.published_at != metadata.published_at:
        raise SeedError(
            f"'published_at' contradicts the document's dateline "
            f"({document.published_at.isoformat()})",
            line,
        )
    published_at = document.published_at or metadata.published_at
    if published_at is None:
        raise SeedError("missing 'published_at' in [article]: the document has no dateline")
    return published_at
