"""A Word document as mammoth reads it: HTML by our style map, the first image, what it skipped.

Mammoth turns Word's styles into HTML by a style map (``STYLE_MAP``, before its
own defaults; names compare case-insensitively), footnotes and endnotes into
``<sup><a id="…-footnote-ref-N">`` at their places plus an ``<ol>`` of the notes
at the end, and reports what it did not recognise in its messages. The map names
Word's English built-in styles, their Arabic names in Arabic editions of Word, and
those LibreOffice and pandoc write. What mammoth reads but the body does not keep
(images, tables) is counted by :mod:`.body`; what it never reads (comments,
headers and footers, tracked deletions, fields, page breaks) is counted here from
the document's parts.
"""

import io
import re
from dataclasses import dataclass, field

import mammoth
import mammoth.transforms

from .package import WordImportError, damaged_message

#: The prefix of the ids mammoth gives notes and their references.
ID_PREFIX = "docx-"

_TITLE = ["Title", "العنوان", "عنوان"]
_SUBTITLE = ["Subtitle", "عنوان فرعي", "العنوان الفرعي"]
_HEADING_1 = ["Heading 1", "عنوان 1"]
_HEADING_2 = ["Heading 2", "عنوان 2"]
_HEADING_3 = [f"{word} {level}" for level in range(3, 10) for word in ("Heading", "عنوان")]
_QUOTE = [
    "Quote",
    "Intense Quote",
    "Quotations",
    "Block Text",
    "اقتباس",
    "اقتباس مكثف",
    "نص كتلة",
    "Imported Quote",
]
_PARAGRAPH = [
    "Body Text",
    "First Paragraph",
    "Compact",
    "Text Body",
    "Default",
    "Standard",
    "Normal (Web)",
    "نص أساسي",
    "عادي",
    "Footnote Text",
    "Endnote Text",
    "نص حاشية سفلية",
    "نص تعليق ختامي",
    "List Paragraph",
    "فقرة القائمة",
]


def _list_path(kind, level):
    outer = "ul|ol > li > " * (level - 1)
    return f"p:{kind}-list({level}) => {outer}{kind[0]}l > li:fresh"


# Mammoth's own list rules (its defaults), repeated ahead of ours.
_LISTS = [_list_path(kind, level) for kind in ("unordered", "ordered") for level in range(1, 6)]


def _lines(names, path):
    return [f"p[style-name='{name}'] => {path}" for name in names]


STYLE_MAP = "\n".join(
    [
        *_lines(_TITLE, "h1.title:fresh"),
        *_lines(_SUBTITLE, "p.subtitle:fresh"),
        *_lines(_HEADING_1, "h2.heading-1:fresh"),
        *_lines(_HEADING_2, "h2:fresh"),
        *_lines(_HEADING_3, "h3:fresh"),
        "p.Heading1 => h2.heading-1:fresh",
        "p.Heading2 => h2:fresh",
        *[f"p.Heading{level} => h3:fresh" for level in range(3, 10)],
        *_lines(_QUOTE, "blockquote > p:fresh"),
        # Before the plain paragraph styles: a list item styled "Compact" is a list item.
        *_LISTS,
        *_lines(_PARAGRAPH, "p:fresh"),
        "r[style-name='Footnote Reference'] =>",
        "r[style-name='Endnote Reference'] =>",
        "r[style-name='Footnote Characters'] =>",
        "r[style-name='Endnote Characters'] =>",
        "u => u",
        "strike => s",
    ]
)

# An indented block paragraph (no list, no style of its own) is a quotation:
# 1 cm, in twentieths of a point.
_QUOTE_INDENT = 567
_PLAIN_STYLES = {None, "Normal", "Body Text", "First Paragraph", "Text Body", "Default", "Standard"}


def _indented_is_quote(paragraph):
    indent = paragraph.indent
    if (
        paragraph.numbering is not None
        or indent is None
        or paragraph.style_name not in (_PLAIN_STYLES)
    ):
        return paragraph
    try:
        start = int(indent.start or 0)
        hanging = int(indent.hanging or 0)
    except ValueError:
        return paragraph
    if start >= _QUOTE_INDENT and not hanging:
        return paragraph.copy(style_id="ImportedQuote", style_name="Imported Quote")
    return paragraph


# Counted in the document's own XML: what mammoth never turns into HTML.
_PART_COUNTS = {
    "text_boxes": re.compile(rb"<w:txbxContent[\s>]"),
    "deletions": re.compile(rb"<w:del[\s>]"),
    "fields": re.compile(rb"<w:fldSimple[\s>]|w:fldCharType=\"begin\""),
    "page_breaks": re.compile(rb"<w:br\b[^>]*w:type=\"page\""),
}
_COMMENT = re.compile(rb"<w:comment[\s>]")
_HEADER_FOOTER = re.compile(r"word/(?:header|footer)\d*\.xml")
_TEXT_RUN = re.compile(rb"<w:t[\s>]")
_UNRECOGNISED = re.compile(r"Unrecognised (?:paragraph|run) style: '([^']*)'")


@dataclass
class Conversion:
    html: str
    image: bytes | None = None
    image_type: str = ""
    #: kinds of content left out, counted: {"comments": 2, …}
    skipped: dict = field(default_factory=dict)
    #: style names mammoth did not know, read as plain paragraphs
    unknown_styles: list = field(default_factory=list)


def convert(package, data):
    """Convert the opened package (``package.open_package``) of the bytes ``data``."""
    conversion = Conversion(html="")

    def keep_first_image(image):
        if conversion.image is None:
            with image.open() as stream:
                conversion.image = stream.read()
            conversion.image_type = image.content_type or ""
        return {"src": ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            include_embedded_style_map=False,
            id_prefix=ID_PREFIX,
            convert_image=mammoth.images.img_element(keep_first_image),
            transform_document=mammoth.transforms.paragraph(_indented_is_quote),
        )
    except Exception as error:
        # Mammoth raises whatever its zip and XML readers meet (KeyError, ExpatError, …).
        raise WordImportError(damaged_message(), "damaged") from error
    conversion.html = result.value
    conversion.unknown_styles = sorted(
        {
            match[1]
            for message in result.messages
            if (match := _UNRECOGNISED.search(message.message))
        }
    )
    conversion.skipped = _count_skipped(package)
    return conversion


def _count_skipped(package):
    names = package.namelist()
    counts = {}
    document = _read(package, "word/document.xml")
    for kind, pattern in _PART_COUNTS.items():
        counts[kind] = len(pattern.findall(document))
    counts["comments"] = len(_COMMENT.findall(_read(package, "word/comments.xml")))
    counts["headers_footers"] = sum(
        1
        for name in names
        if _HEADER_FOOTER.fullmatch(name) and _TEXT_RUN.search(_read(package, name))
    )
    return {kind: count for kind, count in counts.items() if count}


def _read(package, name):
    try:
        return package.read(name)
    except KeyError:
        return b""
