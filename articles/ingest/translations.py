"""A document's English translation: ``NAME.en.txt`` beside ``NAME.txt``.

It is not a document of its own. It is laid out as its source and read by the
same rules (:func:`parse_translation`), but holds only the title and the body:
references and «read also» belong to the source and serve both editions.
"""

from .dates import DEFAULT_TZ
from .documents import FOOTNOTE, parse_document
from .errors import SeedError

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
    markers = FOOTNOTE.findall(" ".join([block.text, *block.items]))
    return (block.kind, len(block.items), block.start, markers)


def _described(block):
    if block.kind == "ol":
        count = len(block.items)
        return f"a numbered list of {count} item{'s' if count != 1 else ''}"
    markers = FOOTNOTE.findall(block.text)
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
