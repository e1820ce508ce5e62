"""Reading the seed documents in ``seeds/``: text in, dataclasses out.

The documents are plain text copied out of the old site, so their structure is
only implied by layout (blank lines, a colon after a heading, a numbered list).
Everything here is a pure function of its input and touches no database, so the
rules can be tested on short strings; ``manage.py import_seeds`` does the
writing. Errors are :class:`SeedError` carrying the 1-based line number, which
the command prefixes with the file name.

Two layouts exist:

``paper``
    An analysis paper: title on the first line; a heading is a line ending in
    a colon that starts a block; then «المراجع:» (numbered references) and
    «اقرأ أيضا» (related articles: title, excerpt, date, author).
``news``
    A news article: a dateline («الإثنين, 3 نوفمبر 2025 04:54 AM») first,
    then the title; a heading is a short line without final punctuation.

A document's English translation is read by the same rules, in
:mod:`articles.ingest.translations`.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..models import Article
from .dates import DEFAULT_TZ, fold, looks_like_date, parse_date, parse_dateline
from .errors import SeedError
from .references import ParsedReference, parse_reference

LAYOUTS = ("paper", "news")

# A longer line ending in a colon introduces what follows; it is not a heading.
MAX_HEADING_WORDS = 12
MAX_LABEL_WORDS = 6
MAX_AUTHOR_WORDS = 6
# The model's column size, so an over-long title is reported with its line.
MAX_TITLE = Article._meta.get_field("title").max_length

# Sentence-ending punctuation that keeps a short news line from being a heading.
# A closing parenthesis is deliberately absent: «… (قسد وسوريا الحرة)» is a heading.
FINAL_PUNCTUATION = ".:؟?!،,؛;\"'»”…"


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # without surrounding white space: indentation is an extraction artefact


@dataclass
class Block:
    """One element of the body: a heading, a paragraph or a numbered list."""

    kind: str  # "h2", "p" or "ol"
    text: str = ""
    items: list[str] = field(default_factory=list)
    start: int = 1
    line: int | None = None

    def html(self):
        if self.kind == "ol":
            start = f' start="{self.start}"' if self.start != 1 else ""
            items = "".join(f"<li>{_list_item_html(item)}</li>" for item in self.items)
            return f"<ol{start}>{items}</ol>"
        return f"<{self.kind}>{html.escape(self.text, quote=False)}</{self.kind}>"


@dataclass
class ReadAlsoEntry:
    title: str
    summary: str
    date: date
    author: str
    line: int | None = None
    author_line: int | None = None


@dataclass
class SeedDocument:
    title: str
    blocks: list[Block]
    references: list[ParsedReference] = field(default_factory=list)
    read_also: list[ReadAlsoEntry] = field(default_factory=list)
    published_at: datetime | None = None  # from a news dateline
    title_line: int = 1
    dateline_line: int | None = None
    # The line of each special section's heading: {"references": 47, "read_also": 59}.
    section_lines: dict[str, int] = field(default_factory=dict)

    @property
    def body_html(self):
        return "".join(block.html() for block in self.blocks)

    @property
    def headings(self):
        return [block.text for block in self.blocks if block.kind == "h2"]


_LIST_ITEM = re.compile(r"(?P<number>\d+)[.)]\s+(?P<text>\S.*)")
_LABEL = re.compile(r"(?P<label>[^:.،؟?!]+:)\s+(?P<rest>\S.*)")
FOOTNOTE = re.compile(r"\[(\d+)\]")

REFERENCE_HEADINGS = {
    fold(name)
    for name in (
        "المراجع",
        "المصادر",
        "المصادر والمراجع",
        "المراجع والمصادر",
        "الهوامش",
        "References",
        "Sources",
        "Bibliography",
    )
}
READ_ALSO_HEADINGS = {fold(name) for name in ("اقرأ أيضا", "اقرأ أيضاً", "Read also")}
_SPECIAL_SECTIONS = {
    **dict.fromkeys(REFERENCE_HEADINGS, "references"),
    **dict.fromkeys(READ_ALSO_HEADINGS, "read_also"),
}
# The old site's share buttons, whose caption came along with the text.
SHARE_LINES = {
    fold(name)
    for name in (
        "شاركها على",
        "شاركه على",
        "شارك على",
        "شارك المقال",
        "مشاركة المقال",
        "Share",
        "Share this",
        "Share on",
    )
}


def _key(text):
    """A line as a possible special heading: folded, without its colon."""
    return fold(text.rstrip().rstrip(":").rstrip())


def _list_item_html(text):
    label = _LABEL.fullmatch(text)
    if label and len(label["label"].split()) <= MAX_LABEL_WORDS:
        return (
            f"<strong>{html.escape(label['label'], quote=False)}</strong> "
            f"{html.escape(label['rest'], quote=False)}"
        )
    return html.escape(text, quote=False)


def decode(data):
    """The text of a document's bytes, which must be UTF-8 (a BOM is allowed)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SeedError(f"not valid UTF-8 (byte {error.start})", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _blocks_of_lines(text):
    """Runs of non-blank lines, with their line numbers; share captions dropped."""
    blocks, current = [], []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            if current:
                blocks.append(current)
            current = []
        elif _key(stripped) not in SHARE_LINES:
            current.append(Line(number, stripped))
    if current:
        blocks.append(current)
    return blocks


def _is_short_heading(text):
    return len(text.split()) <= MAX_HEADING_WORDS and text[-1] not in FINAL_PUNCTUATION


def _is_colon_heading(text):
    return (
        text.endswith(":")
        and len(text.split()) <= MAX_HEADING_WORDS
        and not _LIST_ITEM.fullmatch(text)
    )


def _body_blocks(lines, out, layout):
    """Append the body elements of one run of lines to ``out``."""
    open_list = None
    for index, line in enumerate(lines):
        item = _LIST_ITEM.fullmatch(line.text)
        if item:
            if open_list is None:
                open_list = Block("ol", start=int(item["number"]), line=line.number)
                out.append(open_list)
            open_list.items.append(item["text"])
            continue
        open_list = None
        if layout == "paper":
            heading = index == 0 and _is_colon_heading(line.text)
        else:
            heading = _is_short_heading(line.text)
        if heading:
            out.append(Block("h2", text=line.text.rstrip(":").rstrip(), line=line.number))
        else:
            out.append(Block("p", text=line.text, line=line.number))


def _parse_references(heading, lines):
    references = []
    for line in lines:
        item = _LIST_ITEM.fullmatch(line.text)
        if item is None:
            raise SeedError("expected a numbered reference entry", line.number)
        number = int(item["number"])
        if number != len(references) + 1:
            raise SeedError(
                f"reference numbered {number} where {len(references) + 1} was expected",
                line.number,
            )
        references.append(parse_reference(item["text"], number, line.number))
    if not references:
        raise SeedError("references heading without entries", heading.number)
    return references


def _looks_like_name(text):
    return len(text.split()) <= MAX_AUTHOR_WORDS and text[-1] not in FINAL_PUNCTUATION


def _parse_read_also(heading, lines):
    """Entries of four lines each: title, excerpt, date, author."""
    entries, i = [], 0
    while i < len(lines):
        title = lines[i]
        if looks_like_date(title.text):
            raise SeedError("read-also entry without a title", title.number)
        window = lines[i : i + 4]
        if len(window) < 3 or not looks_like_date(window[2].text):
            if len(window) > 1 and looks_like_date(window[1].text):
                raise SeedError("read-also entry without an excerpt", title.number)
            raise SeedError("read-also entry without a date", title.number)
        date_line = window[2]
        if len(window) < 4 or not _looks_like_name(window[3].text):
            raise SeedError("read-also entry without an author", date_line.number)
        if len(title.text) > MAX_TITLE:
            raise SeedError(f"title longer than {MAX_TITLE} characters", title.number)
        entries.append(
            ReadAlsoEntry(
                title=title.text,
                summary=window[1].text,
                date=parse_date(date_line.text, date_line.number),
                author=window[3].text,
                line=title.number,
                author_line=window[3].number,
            )
        )
        i += 4
    if not entries:
        raise SeedError("read-also heading without entries", heading.number)
    return entries


def parse_document(text, layout, tz=DEFAULT_TZ, *, shared_references=frozenset()):
    """Parse a seed document's text in the given layout («paper» or «news»).

    ``shared_references`` are reference numbers the footnote markers may cite
    besides the document's own: a translation cites its source's references.
    """
    if layout not in LAYOUTS:
        raise SeedError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    runs = _blocks_of_lines(text)
    if not runs:
        raise SeedError("empty document", 1)
    lines = [line for run in runs for line in run]

    published_at = dateline = None
    if layout == "news":
        dateline = lines.pop(0)
        published_at = parse_dateline(dateline.text, tz, dateline.number)
        if not lines:
            raise SeedError("no title after the dateline", dateline.number)
    title = lines[0]
    if title.text.endswith(":") or _LIST_ITEM.fullmatch(title.text):
        raise SeedError("no title: the first line is a heading or a list item", title.number)
    if _key(title.text) in REFERENCE_HEADINGS | READ_ALSO_HEADINGS:
        raise SeedError("no title before the first section", title.number)
    if len(title.text) > MAX_TITLE:
        raise SeedError(f"title longer than {MAX_TITLE} characters", title.number)

    # Drop the title (and, in news, its verbatim repetition) from the runs.
    skip = {title.number}
    for line in lines[1:]:
        if line.text != title.text:
            break
        skip.add(line.number)
    if published_at is not None:
        skip.add(dateline.number)
    runs = [[line for line in run if line.number not in skip] for run in runs]
    runs = [run for run in runs if run]

    blocks, body_lines, sections = [], [], {}
    current = None  # None for the body, else the special section being read
    for run in runs:
        special = _SPECIAL_SECTIONS.get(_key(run[0].text))
        if special:
            if special in sections:
                raise SeedError("this section appears twice", run[0].number)
            current = special
            sections[special] = (run[0], [])
            run = run[1:]
        if current is None:
            _body_blocks(run, blocks, layout)
            body_lines.extend(run)
        else:
            sections[current][1].extend(run)

    if not blocks:
        raise SeedError("no body text after the title", title.number)
    references = _parse_references(*sections["references"]) if "references" in sections else []
    read_also = _parse_read_also(*sections["read_also"]) if "read_also" in sections else []

    # Every marker must lead somewhere; a paper's markers always need a reference.
    if layout == "paper" or references or shared_references:
        numbers = {reference.number for reference in references} | set(shared_references)
        for line in body_lines:
            for marker in FOOTNOTE.findall(line.text):
                if int(marker) not in numbers:
                    raise SeedError(f"footnote [{marker}] has no reference {marker}", line.number)

    return SeedDocument(
        title=title.text,
        blocks=blocks,
        references=references,
        read_also=read_also,
        published_at=published_at,
        title_line=title.number,
        dateline_line=dateline.number if dateline else None,
        section_lines={name: heading.number for name, (heading, _lines) in sections.items()},
    )
