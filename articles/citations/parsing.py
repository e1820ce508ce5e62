"""A reference's structured parts (CSL) from the parts it was written with.

``articles.ingest.references`` splits a running citation into the fields the
public list shows (authors as written, title, publisher, date as written…);
this module reads those fields once more for what a reference manager needs:
the item type, each author as a person or an institution (family and given
name only where the text splits them, as APA's «Lund, A.» does), the date as
numbers, the site a page or statement appeared on. Migration 0014 uses it on
existing rows; nothing here touches the database.
"""

import re

from ..ingest.dates import MONTHS, ascii_digits, fold

# Words that make a name an institution's: «وزارة الداخلية السورية», «International
# Crisis Group». A name that is none of these and not split stays a person's literal name.
_INSTITUTION_WORDS = {
    fold(word)
    for word in (
        "وزارة",
        "مركز",
        "إدارة",
        "مؤسسة",
        "هيئة",
        "مجلس",
        "منظمة",
        "معهد",
        "حكومة",
        "الأمم",
        "جامعة",
        "رئاسة",
        "department",
        "ministry",
        "group",
        "center",
        "centre",
        "council",
        "institute",
        "institution",
        "organization",
        "organisation",
        "office",
        "agency",
        "government",
        "coalition",
        "nations",
        "university",
        "foundation",
        "commission",
        "committee",
        "house",
        "bank",
        "fund",
    )
}
# «Lund, A.», «Collombier, V.», «Smith, J. R.», «Al-Khatib, H.-M.»: APA's family, initials.
_FAMILY_INITIALS = re.compile(r"\s*([^,&،]+?),\s*((?:[A-Z][a-z]?\.\s*-?\s*)+)\s*")
_SITE_PREFIX = re.compile(r"^(?:ال)?موقع\s+")
_SITE_NOTE = re.compile(r"web\s*site|home\s*page|online|موقع", re.IGNORECASE)
_STATEMENT = re.compile(r"^(?:بيان|تصريح|statement|press release)\b", re.IGNORECASE)
_NEWS = re.compile(r"news|times|post|herald|guardian|reuters|جريدة|صحيفة|وكالة", re.IGNORECASE)
_JOURNAL = re.compile(r"journal|review|quarterly|مجلة|دورية", re.IGNORECASE)
_DATE_TOKENS = re.compile(r"[\s/\-.,،]+")


def is_institution(name):
    return any(word in _INSTITUTION_WORDS for word in fold(name).split())


def _creator(name, *, family="", given=""):
    creator = {"name": name.strip()}
    if family:
        creator["family"], creator["given"] = family.strip(), given.strip()
    if not family and is_institution(name):
        creator["institution"] = True
    return creator


def parse_names(text):
    """The authors written in ``text``, in order, as creator dicts.

    ``{"name": as written, "family": …, "given": …}`` for a split person,
    ``{"name": …, "institution": True}`` for an institution, ``{"name": …}`` otherwise.
    """
    text = (text or "").strip().rstrip(",،").strip()
    if not re.search(r"\b[A-Z]\.$", text):
        text = text.rstrip(".").strip()
    if not text:
        return []
    # APA lists: «Lund, A., & Smith, B.» — every name is a family with initials.
    pairs = list(_FAMILY_INITIALS.finditer(text.replace("&", ",")))
    rest = _FAMILY_INITIALS.sub("", text.replace("&", ",")).strip(" ,")
    if pairs and not rest:
        return [_creator(f"{m[1].strip()}, {m[2].strip()}", family=m[1], given=m[2]) for m in pairs]
    parts = re.split(r"\s*(?:&|\band\b|،\s*و|؛|;)\s*", text)
    return [_creator(part) for part in parts if part.strip()]


def parse_date(text):
    """(year, month, day) from a date as written; the parts it does not give are None.

    «7 تشرين الثاني/نوفمبر 2025» → (2025, 11, 7); «updated 2024» → (2024, None, None).
    """
    tokens = [t for t in _DATE_TOKENS.split(fold(ascii_digits(text or ""))) if t]
    years = [int(t) for t in tokens if re.fullmatch(r"\d{4}", t)]
    if not years:
        return None, None, None
    month = None
    words = [t for t in tokens if not t.isdigit()]
    # Two-word names first («تشرين الثاني»), then single words.
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            month = MONTHS.get(" ".join(words[i : i + size]))
            if month:
                break
        if month:
            break
    days = [int(t) for t in tokens if re.fullmatch(r"\d{1,2}", t) and 1 <= int(t) <= 31]
    day = days[0] if month and days else None
    return years[0], month, day


def guess_type(*, title, publisher, note, report_number, url):
    if _STATEMENT.match(title or ""):
        return "document"
    if report_number:
        return "report"
    if _JOURNAL.search(publisher or ""):
        return "article-journal"
    if _SITE_NOTE.search(note or "") or _SITE_PREFIX.match(publisher or ""):
        return "webpage"
    if _NEWS.search(publisher or ""):
        return "article-newspaper"
    if url and not publisher:
        return "webpage"
    return "report"


WRITTEN_FIELDS = ("authors", "title", "publisher", "date_text", "report_number", "url", "note")


def with_structure(parts):
    """A reference's written ``parts`` with the structured ones read from them added."""
    return parts | structure(**{name: parts.get(name) or "" for name in WRITTEN_FIELDS})


def structure(*, authors, title, publisher, date_text, report_number, url, note):
    """The structured fields of a reference, read from its written ones."""
    item_type = guess_type(
        title=title, publisher=publisher, note=note, report_number=report_number, url=url
    )
    container = ""
    if item_type in ("webpage", "document", "article-newspaper", "article-journal"):
        container = _SITE_PREFIX.sub("", publisher or "").strip()
    # «updated 2024» is kept in the note when the entry gives no other date.
    year, month, day = parse_date(date_text or note)
    return {
        "item_type": item_type,
        "creators": parse_names(authors),
        "issued_year": year,
        "issued_month": month,
        "issued_day": day,
        "container": container,
    }


# The admin writes the creators as lines (see Reference.creators' help text).


def creators_to_text(creators):
    lines = []
    for creator in creators or []:
        if creator.get("family"):
            lines.append(f"{creator['family']} | {creator.get('given', '')}".strip())
        elif creator.get("institution"):
            lines.append(f"@{creator.get('name', '')}")
        else:
            lines.append(creator.get("name", ""))
    return "\n".join(lines)


def creators_from_text(text):
    creators = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("@"):
            creators.append({"name": line[1:].strip(), "institution": True})
        elif "|" in line:
            family, given = (part.strip() for part in line.split("|", 1))
            name = f"{family}, {given}" if given else family
            creators.append({"name": name, "family": family, "given": given})
        else:
            creators.append({"name": line})
    return creators
