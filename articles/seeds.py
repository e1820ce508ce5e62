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

A file ``NAME.en.txt`` beside ``NAME.txt`` is that document's English
translation, not a document of its own. It is laid out as its source and read
by the same rules (:func:`parse_translation`), but holds only the title and the
body: references and «read also» belong to the source and serve both editions.
"""

import html
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

DEFAULT_TZ = ZoneInfo("Asia/Damascus")
LAYOUTS = ("paper", "news")
GENRES = ("analysis", "news", "opinion")
AUTHOR_KINDS = ("person", "desk")

# A longer line ending in a colon introduces what follows; it is not a heading.
MAX_HEADING_WORDS = 12
MAX_LABEL_WORDS = 6
MAX_AUTHOR_WORDS = 6
# The model's column sizes, so an over-long value is reported with its line.
MAX_TITLE = 300
MAX_REFERENCE = {
    "authors": 300,
    "title": 500,
    "publisher": 300,
    "date_text": 100,
    "report_number": 100,
    "url": 500,
    "note": 300,
}

# Sentence-ending punctuation that keeps a short news line from being a heading.
# A closing parenthesis is deliberately absent: «… (قسد وسوريا الحرة)» is a heading.
FINAL_PUNCTUATION = ".:؟?!،,؛;\"'»”…"
QUOTES = "\"'«»“”\u2018\u2019"


class SeedError(ValueError):
    """A seed document or its metadata cannot be read as intended."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"{self.line}: {self.message}" if self.line else self.message


# --- Arabic text ------------------------------------------------------------

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEF = str.maketrans("أإآٱى", "ااااي")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalize(text):
    """Fold the spellings a writer may use for one word: «الإثنين» = «الاثنين»."""
    text = _DIACRITICS.sub("", text.translate(_DIGITS)).translate(_ALEF)
    return " ".join(text.lower().split())


def _names(table):
    return {normalize(name): value for value, names in table.items() for name in names}


# Egyptian/Gulf, Levantine and Maghrebi month names, and English for references.
MONTHS = _names(
    {
        1: ["يناير", "كانون الثاني", "جانفي", "january", "jan"],
        2: ["فبراير", "شباط", "فيفري", "february", "feb"],
        3: ["مارس", "آذار", "march", "mar"],
        4: ["أبريل", "إبريل", "نيسان", "أفريل", "april", "apr"],
        5: ["مايو", "أيار", "ماي", "may"],
        6: ["يونيو", "يونيه", "حزيران", "جوان", "june", "jun"],
        7: ["يوليو", "يوليه", "تموز", "جويلية", "july", "jul"],
        8: ["أغسطس", "آب", "أوت", "august", "aug"],
        9: ["سبتمبر", "أيلول", "september", "sep", "sept"],
        10: ["أكتوبر", "تشرين الأول", "october", "oct"],
        11: ["نوفمبر", "تشرين الثاني", "november", "nov"],
        12: ["ديسمبر", "كانون الأول", "december", "dec"],
    }
)
_MONTH_WORDS = {word for name in MONTHS for word in name.split()}

# Python's numbering: Monday is 0.
WEEKDAYS = _names(
    {
        0: ["الإثنين", "الاثنين", "monday"],
        1: ["الثلاثاء", "tuesday"],
        2: ["الأربعاء", "wednesday"],
        3: ["الخميس", "thursday"],
        4: ["الجمعة", "friday"],
        5: ["السبت", "saturday"],
        6: ["الأحد", "sunday"],
    }
)

_AM = {"am", "a.m.", "ص", "صباحا"}
_PM = {"pm", "p.m.", "م", "مساء"}


def parse_month(name, line=None):
    """The number of a month named in Arabic or English.

    A double name such as «تشرين الثاني/نوفمبر» must agree with itself.
    """
    numbers = set()
    for part in name.split("/"):
        number = MONTHS.get(normalize(part))
        if number is None:
            raise SeedError(f"unknown month «{part.strip()}»", line)
        numbers.add(number)
    if len(numbers) != 1:
        raise SeedError(f"the month names in «{name.strip()}» disagree", line)
    return numbers.pop()


_DATE = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[^\d]+?)\s+(?P<year>\d{4})")


def _make_date(match, line):
    year, day = int(match["year"]), int(match["day"])
    month = parse_month(match["month"], line)
    try:
        return date(year, month, day)
    except ValueError:
        raise SeedError(f"no such date: «{match.group(0).strip()}»", line) from None


def looks_like_date(text):
    return _DATE.fullmatch(text.strip().translate(_DIGITS)) is not None


def parse_date(text, line=None):
    """«4 ديسمبر 2025» or «7 تشرين الثاني/نوفمبر 2025» as a date."""
    match = _DATE.fullmatch(text.strip().translate(_DIGITS))
    if match is None:
        raise SeedError(f"not a date: «{text.strip()}»", line)
    return _make_date(match, line)


_DATELINE = re.compile(
    r"(?:(?P<weekday>[^\d,،]+?)\s*[,،]?\s+)?"
    + _DATE.pattern
    + r"\s*[,،]?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<ampm>[^\d\s]+))?"
)


def parse_dateline(text, tz=DEFAULT_TZ, line=None):
    """«الإثنين, 3 نوفمبر 2025 04:54 AM» as an aware datetime in ``tz``.

    The weekday, when given, must be that of the date: a mismatch means the
    date was mistyped, and guessing which half is right would publish a wrong date.
    """
    match = _DATELINE.fullmatch(text.strip().translate(_DIGITS))
    if match is None:
        raise SeedError(f"unparseable dateline «{text.strip()}»", line)
    day = _make_date(match, line)
    hour, minute = int(match["hour"]), int(match["minute"])
    marker = normalize(match["ampm"] or "")
    if marker:
        if marker not in _AM | _PM:
            raise SeedError(f"unknown time marker «{match['ampm']}»", line)
        if not 1 <= hour <= 12:
            raise SeedError(f"no such hour on a 12-hour clock: {hour}", line)
        hour = hour % 12 + (12 if marker in _PM else 0)
    if hour > 23 or minute > 59:
        raise SeedError(f"no such time: {match['hour']}:{match['minute']}", line)
    if match["weekday"]:
        weekday = WEEKDAYS.get(normalize(match["weekday"]))
        if weekday is None:
            raise SeedError(f"unknown weekday «{match['weekday']}»", line)
        if weekday != day.weekday():
            raise SeedError(
                f"«{match['weekday']}» does not match {day.isoformat()}, "
                f"which is a {day.strftime('%A')}",
                line,
            )
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


# --- References -------------------------------------------------------------


@dataclass
class ParsedReference:
    number: int
    title: str
    authors: str = ""
    publisher: str = ""
    date_text: str = ""
    report_number: str = ""
    url: str = ""
    note: str = ""
    line: int | None = None


_URL = re.compile(r"https?://\S+")
# «Collombier, V. (2023). Title. Publisher.»: the year in brackets after the authors.
# Authors never hold a quotation mark; a quoted title with a year in brackets is not APA.
_APA = re.compile(
    r"(?P<authors>[^\"«“]*?)\s*\((?P<date>[^()]*\d{4}[^()]*|n\.d\.)\)\s*\.?\s*(?P<rest>.*)"
)
# A full stop ends a part unless it follows a lone capital: «U.S.», «V.».
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])\.\s+")
_COMMA_BREAK = re.compile(r"\s*،\s*|,\s+")
_QUOTED = re.compile(r"\"([^\"]+)\"|«([^»]+)»|“([^”]+)”")
_REPORT_NUMBER = re.compile(
    r"(?:(?:[A-Z][a-z]+\s+)?(?:Report|Paper|Brief|Briefing)\s+)?No\.?\s*\d+"
    r"|(?:تقرير|ورقة|دراسة|العدد)\s+(?:رقم\s+)?\d+",
)
# Kinds of publication that trail a publisher's name: «Chatham House Research Paper».
_KINDS = (
    "Research Paper",
    "Working Paper",
    "Policy Paper",
    "Policy Brief",
    "Briefing Paper",
    "Discussion Paper",
    "Occasional Paper",
    "Report",
    "ورقة بحثية",
    "ورقة سياسات",
    "تقرير",
)
_NOTE = re.compile(
    r"(?:official\s+)?(?:web\s*site|home\s*page)|online"
    r"|(?:last\s+)?(?:updated|accessed|retrieved)\b.*"
    r"|(?:ال)?موقع (?:ال)?رسمي|محدث.*|تحديث.*|تاريخ الاطلاع.*",
    re.IGNORECASE,
)


def _is_pure_date(part):
    """Whether ``part`` is nothing but a date: «2025», «7 تشرين الثاني/نوفمبر 2025»."""
    tokens = re.split(r"[\s/\-.,،]+", normalize(part))
    tokens = [token for token in tokens if token]
    return any(re.fullmatch(r"\d{4}", t) for t in tokens) and all(
        token.isdigit() or token in _MONTH_WORDS for token in tokens
    )


def _clean(text):
    text = text.strip().rstrip(".,،;؛ ").strip()
    if len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES:
        text = text[1:-1].strip()
    return text


def _split_kind(publisher):
    for kind in _KINDS:
        if publisher != kind and publisher.endswith(" " + kind):
            return publisher[: -len(kind)].strip(), kind
    return publisher, ""


def _sort_tail(parts, fields):
    """Put the parts after the title where they belong: date, number, note, publisher."""
    notes = []
    for raw in parts:
        part = _clean(raw)
        if not part:
            continue
        if _is_pure_date(part) and not fields["date_text"]:
            fields["date_text"] = part
        elif _REPORT_NUMBER.fullmatch(part) and not fields["report_number"]:
            fields["report_number"] = part
        elif part in _KINDS or _NOTE.fullmatch(part) or re.search(r"\d{4}", part):
            notes.append(part)
        elif not fields["publisher"]:
            fields["publisher"], kind = _split_kind(part)
            if kind:
                notes.append(kind)
        else:
            notes.append(part)
    fields["note"] = ", ".join(notes)


def parse_reference(text, number=1, line=None):
    """Split one bibliography entry into the fields of ``Reference``.

    Two styles are understood: APA-like ``Author (Year). Title. Publisher.``
    and comma-separated ``Author, "Title", Publisher, [Report No. N,] date.``
    (with «،» or "," and the title in quotes when it holds a comma).
    """
    fields = dict.fromkeys(MAX_REFERENCE, "")
    text = text.strip()
    url = _URL.search(text)
    if url:
        fields["url"] = url.group(0).rstrip(".,;)")
        text = (text[: url.start()] + text[url.end() :]).strip()
    text = text.rstrip(". ")

    apa = _APA.fullmatch(text)
    if apa:
        fields["authors"] = apa["authors"].strip().rstrip(",،").strip()
        fields["date_text"] = apa["date"].strip()
        parts = _SENTENCE_BREAK.split(apa["rest"]) if apa["rest"] else []
        title, tail = (parts[0], parts[1:]) if parts else ("", [])
    else:
        quoted = _QUOTED.search(text)
        if quoted:
            title = next(group for group in quoted.groups() if group is not None)
            fields["authors"] = _clean(text[: quoted.start()])
            tail = _COMMA_BREAK.split(text[quoted.end() :].strip(" ,،"))
        else:
            parts = _COMMA_BREAK.split(text)
            fields["authors"] = _clean(parts[0]) if len(parts) > 1 else ""
            title, tail = (parts[1], parts[2:]) if len(parts) > 1 else ("", [])
    fields["title"] = _clean(title)
    if not fields["title"]:
        raise SeedError("reference entry without a title", line)
    _sort_tail(tail, fields)
    for name, limit in MAX_REFERENCE.items():
        if len(fields[name]) > limit:
            raise SeedError(f"reference {name} longer than {limit} characters", line)
    return ParsedReference(number=number, line=line, **fields)


# --- Documents --------------------------------------------------------------


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
_FOOTNOTE = re.compile(r"\[(\d+)\]")

REFERENCE_HEADINGS = {
    normalize(name)
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
READ_ALSO_HEADINGS = {normalize(name) for name in ("اقرأ أيضا", "اقرأ أيضاً", "Read also")}
_SPECIAL_SECTIONS = {
    **dict.fromkeys(REFERENCE_HEADINGS, "references"),
    **dict.fromkeys(READ_ALSO_HEADINGS, "read_also"),
}
# The old site's share buttons, whose caption came along with the text.
SHARE_LINES = {
    normalize(name)
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
    return normalize(text.rstrip().rstrip(":").rstrip())


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
            for marker in _FOOTNOTE.findall(line.text):
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


# --- Translations -----------------------------------------------------------

TRANSLATION_LANGUAGE = "en"
TRANSLATION_SUFFIX = f".{TRANSLATION_LANGUAGE}.txt"


def is_translation(name):
    """Whether the file ``name`` is a translation («001_x.en.txt»), not a document."""
    return name.endswith(TRANSLATION_SUFFIX)


def translation_name(document_name):
    """«001_x.txt» → «001_x.en.txt»: where a document's translation is kept."""
    return document_name.removesuffix(".txt") + TRANSLATION_SUFFIX


def source_name(translation):
    """«001_x.en.txt» → «001_x.txt»: the document a translation is of."""
    return translation.removesuffix(TRANSLATION_SUFFIX) + ".txt"


_KIND_NAMES = {"h2": "heading", "p": "paragraph", "ol": "numbered list"}


def _shape(block):
    """What a faithful translation keeps of a block: its kind, list size and footnotes."""
    markers = _FOOTNOTE.findall(" ".join([block.text, *block.items]))
    return (block.kind, len(block.items), block.start, markers)


def _described(block):
    if block.kind == "ol":
        count = len(block.items)
        return f"a numbered list of {count} item{'s' if count != 1 else ''}"
    markers = _FOOTNOTE.findall(block.text)
    cites = f" citing {''.join(f'[{m}]' for m in markers)}" if markers else ""
    return f"a {_KIND_NAMES[block.kind]}{cites}"


def parse_translation(text, source, layout, tz=DEFAULT_TZ):
    """Parse the translation of ``source`` (the parsed original), in the source's layout.

    The translation must be the source block for block: the same headings,
    paragraphs and lists in the same order, citing the same footnotes, and (in
    news) under a dateline giving the same time. A block merged, split, lost or
    read as a heading because of its punctuation is an error at its line, so the
    English page cannot silently drift from the Arabic one.
    """
    document = parse_document(
        text,
        layout,
        tz,
        shared_references=frozenset(reference.number for reference in source.references),
    )
    if "references" in document.section_lines:
        raise SeedError(
            "a translation has no references of its own: the source's serve both editions",
            document.section_lines["references"],
        )
    if "read_also" in document.section_lines:
        raise SeedError(
            "a translation has no «read also» list: the source's serves both editions",
            document.section_lines["read_also"],
        )
    if source.published_at and document.published_at != source.published_at:
        raise SeedError(
            f"the dateline says {document.published_at:%Y-%m-%d %H:%M}, "
            f"the source's {source.published_at:%Y-%m-%d %H:%M}",
            document.dateline_line,
        )
    for mine, theirs in zip(document.blocks, source.blocks, strict=False):
        if _shape(mine) != _shape(theirs):
            raise SeedError(
                f"{_described(mine)} where the source has {_described(theirs)} "
                f"(line {theirs.line} of the source)",
                mine.line,
            )
    if len(document.blocks) < len(source.blocks):
        missing = source.blocks[len(document.blocks)]
        raise SeedError(
            f"the translation ends here, but the source goes on with {_described(missing)} "
            f"(line {missing.line} of the source)",
            document.blocks[-1].line,
        )
    if len(document.blocks) > len(source.blocks):
        extra = document.blocks[len(source.blocks)]
        raise SeedError(
            f"{_described(extra)} the source does not have (it ends at line "
            f"{source.blocks[-1].line})",
            extra.line,
        )
    return document


# --- Metadata ---------------------------------------------------------------


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
MAX_TAG = 100  # the tag model's column size


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
