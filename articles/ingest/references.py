"""One bibliography entry as the fields of ``Reference``: the citation parser.

Used for the «المراجع» list of a seed document, and meant for any other import
that has citations written as running text.
"""

import re
from dataclasses import dataclass

from ..models import Reference
from .dates import MONTH_WORDS, fold
from .errors import SeedError

QUOTES = "\"'«»“”\u2018\u2019"
# The model's column sizes, so an over-long value is reported with its line.
MAX_REFERENCE = {
    name: Reference._meta.get_field(name).max_length
    for name in ("authors", "title", "publisher", "date_text", "report_number", "url", "note")
}


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
    tokens = re.split(r"[\s/\-.,،]+", fold(part))
    tokens = [token for token in tokens if token]
    return any(re.fullmatch(r"\d{4}", t) for t in tokens) and all(
        token.isdigit() or token in MONTH_WORDS for token in tokens
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
