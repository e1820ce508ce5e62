"""CSL styles rendered by citeproc-py, with the style and locale files shipped here.

citeproc-py (0.9) falls short of CSL 1.0.2 in two ways the shipped styles meet, and
the style tree is adjusted once, when it is loaded, instead of editing the files:

- a ``cs:group``'s delimiter must also separate the elements of a ``cs:choose``
  branch inside it (CSL 1.0.2, "Group"); citeproc-py joins them with nothing, so
  each such branch's children are wrapped in a group with that delimiter;
- a ``cs:label`` outside ``cs:names`` must render only when its variable has a
  value; citeproc-py renders the term anyway ("Version."), so it is wrapped in a
  ``cs:choose`` testing the variable.

The Arabic locale writes quotation marks as ``"``; an in-style locale gives «» on
the Arabic edition (the locale can express it). Delimiters such as ", " are
written in the styles themselves, not in the locale, so on the Arabic edition a
comma next to Arabic text becomes «،» after rendering (``arabic_punctuation``).
"""

import io
import re
import threading
import warnings
from functools import lru_cache
from html import escape
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as formatters
from citeproc.frontend import CitationStylesXML
from citeproc.source.json import CiteProcJSON
from lxml import etree

from core.arabic import LETTERS

CSL = Path(__file__).resolve().parent / "csl"
NS = "{http://purl.org/net/xbiblio/csl}"
STYLES = {
    "chicago": "chicago-notes-bibliography.csl",
    "apa": "apa.csl",
}
LOCALES = {"ar": "locales-ar.xml", "en": "locales-en-US.xml"}
_ARABIC_LOCALE = f"""<locale xmlns="{NS[1:-1]}" xml:lang="ar"><terms>
<term name="open-quote">«</term><term name="close-quote">»</term>
<term name="open-inner-quote">“</term><term name="close-inner-quote">”</term>
</terms></locale>"""
_lock = threading.Lock()


def adjusted_style(path):
    """The style's XML with the two adjustments of the module docstring."""
    tree = etree.parse(str(path), etree.XMLParser(remove_comments=True, no_network=True))
    for choose in list(tree.iter(f"{NS}choose")):
        parent = choose.getparent()
        delimiter = parent.get("delimiter") if parent.tag == f"{NS}group" else None
        if not delimiter:
            continue
        for branch in choose:
            if len(branch) > 1:
                group = etree.SubElement(branch, f"{NS}group", delimiter=delimiter)
                for child in list(branch)[:-1]:
                    group.append(child)
    for label in list(tree.iter(f"{NS}label")):
        variable = label.get("variable")
        if not variable or variable == "locator" or label.getparent().tag == f"{NS}names":
            continue
        choose = etree.Element(f"{NS}choose")
        label.addprevious(choose)
        condition = etree.SubElement(choose, f"{NS}if", variable=variable)
        condition.append(label)
    root = tree.getroot()
    info = root.find(f"{NS}info")
    info.addnext(etree.fromstring(_ARABIC_LOCALE))
    return etree.tostring(tree)


@lru_cache(maxsize=8)
def _style(style, language):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of CSL 1.0.2 it does not know
        csl = CitationStylesStyle(
            io.BytesIO(adjusted_style(CSL / STYLES[style])),
            locale="ar" if language == "ar" else "en-US",
            validate=False,
        )
    # citeproc-py reads its own copies of the locales (set_locale_list); ours replace
    # them, the style's own <locale> elements first (checked with citeproc-py 0.9.3).
    own = [element for element in csl.root.locales if element.getparent() is not None]
    files = [LOCALES[language]] + ([LOCALES["en"]] if language != "en" else [])
    shipped = [CitationStylesXML(str(CSL / name), validate=False).root for name in files]
    csl.root.locales = own + shipped
    for locale in csl.root.locales:
        locale.style = csl.root  # as set_locale_list does: dates find the formatter
    return csl


_ARABIC_COMMA = re.compile(f"(?<=[{LETTERS}\u0660-\u0669»)]),(?=\\s)|,(?=\\s*[{LETTERS}«])")


def arabic_punctuation(text):
    """«،» for a comma that follows or precedes Arabic text (never inside English)."""
    return _ARABIC_COMMA.sub("،", text)


_URL = re.compile(r"https?://[^\s<]+?(?=[.,]?(?:\s|<|$))")


def isolate_urls(html):
    """Each address as a left-to-right island: in an Arabic citation an address with an
    Arabic slug would otherwise be laid out in pieces, its path before its host."""
    return _URL.sub(lambda m: f'<span class="url" dir="ltr">{m[0]}</span>', html)


def _escaped(value):
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _escaped(v) for k, v in value.items()}
    return value


def render(items, *, style, language, html=True):
    """The bibliography entries of CSL-JSON ``items``, in their order, as strings.

    ``html`` gives citeproc-py's HTML (escaped text, <i> for titles); else plain text.
    """
    if not items:
        return []
    if html:
        # citeproc-py 0.9's HTML formatter adds its markup but escapes nothing of the
        # data: every string goes in escaped, so the output holds only its own tags.
        items = [_escaped(item) for item in items]
    source = CiteProcJSON([dict(item) for item in items])
    with _lock:  # a style object carries its formatter while it renders
        csl = _style(style, language)
        bibliography = CitationStylesBibliography(
            csl, source, formatters.html if html else formatters.plain
        )
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"].lower())]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entries = [str(entry) for entry in bibliography.bibliography()]
    if language == "ar":
        entries = [arabic_punctuation(entry) for entry in entries]
    if html:
        entries = [isolate_urls(entry) for entry in entries]
    return entries
