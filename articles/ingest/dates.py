"""Dates as the seed documents write them: «4 ديسمبر 2025», «الإثنين, 3 نوفمبر 2025 04:54 AM».

Month and weekday names are compared folded (:func:`fold`), so every spelling
a writer may use for one name finds it.
"""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from core.arabic import normalize

from .errors import SeedError

DEFAULT_TZ = ZoneInfo("Asia/Damascus")


def fold(text):
    """``text`` as the seed reader compares it: Arabic folded, white space collapsed."""
    return " ".join(normalize(text).split())


_DIGIT = re.compile(r"\d")


def ascii_digits(text):
    """``text`` with only its digits folded to ASCII («٣» → «3»).

    The rest stays as written, since an error quotes it back to the writer.
    """
    return _DIGIT.sub(lambda digit: normalize(digit[0]), text)


def _names(table):
    return {fold(name): value for value, names in table.items() for name in names}


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
MONTH_WORDS = {word for name in MONTHS for word in name.split()}

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

_AM = {fold(marker) for marker in ("am", "a.m.", "ص", "صباحا")}
_PM = {fold(marker) for marker in ("pm", "p.m.", "م", "مساء")}


def parse_month(name, line=None):
    """The number of a month named in Arabic or English.

    A double name such as «تشرين الثاني/نوفمبر» must agree with itself.
    """
    numbers = set()
    for part in name.split("/"):
        number = MONTHS.get(fold(part))
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
    return _DATE.fullmatch(ascii_digits(text.strip())) is not None


def parse_date(text, line=None):
    """«4 ديسمبر 2025» or «7 تشرين الثاني/نوفمبر 2025» as a date."""
    match = _DATE.fullmatch(ascii_digits(text.strip()))
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
    match = _DATELINE.fullmatch(ascii_digits(text.strip()))
    if match is None:
        raise SeedError(f"unparseable dateline «{text.strip()}»", line)
    day = _make_date(match, line)
    hour, minute = int(match["hour"]), int(match["minute"])
    marker = fold(match["ampm"] or "")
    if marker:
        if marker not in _AM | _PM:
            raise SeedError(f"unknown time marker «{match['ampm']}»", line)
        if not 1 <= hour <= 12:
            raise SeedError(f"no such hour on a 12-hour clock: {hour}", line)
        hour = hour % 12 + (12 if marker in _PM else 0)
    if hour > 23 or minute > 59:
        raise SeedError(f"no such time: {match['hour']}:{match['minute']}", line)
    if match["weekday"]:
        weekday = WEEKDAYS.get(fold(match["weekday"]))
        if weekday is None:
            raise SeedError(f"unknown weekday «{match['weekday']}»", line)
        if weekday != day.weekday():
            raise SeedError(
                f"«{match['weekday']}» does not match {day.isoformat()}, "
                f"which is a {day.strftime('%A')}",
                line,
            )
    return datetime.combine(day, time(hour, minute), tzinfo=tz)
