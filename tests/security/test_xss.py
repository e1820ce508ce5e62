"""Whatever an editor types or pastes, the saved and rendered result executes nothing.

Every payload of ``xss_payloads.PAYLOADS`` is saved into every editable field
(one parametrized test per field, many payloads to an object), then every place
that shows the field is fetched and read as a browser would: pages and the admin
with html5lib (the WHATWG parsing algorithm), feeds as XML and then the HTML
inside their descriptions and contents with html5lib again, the sitemap as XML,
the admin's autocomplete as JSON. A representative sample also goes through the
admin's own forms, posted as an editor's browser would post them.

"Executes nothing" is checked on the parsed tree, never on the raw text:

* no ``<script>`` but the site's own (``/static/js/share.js`` and ``cite.js``, one JSON-LD block
  that parses as JSON and holds no ``</script``; the admin's scripts from
  ``/static/`` and its import map);
* no ``on*`` attribute anywhere, no ``srcdoc``, ``formaction`` or ``http-equiv``;
* no URL attribute (``href``, ``src``, ``action``, ``xlink:href``, ``data``,
  ``poster``, ``srcset`` …) whose scheme, read as the URL parser reads it, is
  ``javascript:``, ``vbscript:`` or ``data:``;
* no ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<frame>``, SVG
  animation, and no ``<form>``, ``<meta>``, ``<link>`` or ``<style>`` but the
  site's own;
* no ``style`` attribute with ``expression(``, ``url(javascript:`` and the like.

Each payload is preceded by its marker ``⟦n⟧`` (URL fields and X handles, which
are matched whole, excepted), so a finding names the payload that caused it.
Where a place must also show the value as typed (a title in its ``<h1>``, a name
in the JSON-LD…), a value that comes out changed is a finding too.

Coverage and time: every payload is saved in every field and read back in every
place that lists many objects (cards, feeds, the admin's lists, autocomplete,
the article page for references, authors and tags). Pages of one object each
(an article's page for its title, an author's page for a website…) are read for
at most ``PER_OBJECT_PAGES`` objects per field, chosen so that every family of
payloads is among them. Each payload is also run, alone, through the body's
whole path (sanitizer, language marks, footnote links, feed URLs). A feed that
cannot be written is reported, then read again without the characters XML
cannot carry, so the crash hides nothing else.
"""

import itertools
import json
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote, urlsplit

import html5lib
import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from articles.feeds import absolutize
from articles.models import Article, Authorship, Reference, Section, Tag
from articles.rendering import link_footnotes, mark_directions
from articles.sanitize import sanitize_html
from authors.models import Author
from tests.helpers.admin import article_form as shared_article_form
from tests.helpers.admin import inline_management
from tests.helpers.factories import jpeg_file

from .xss_payloads import FAMILIES, NUL, PAYLOADS

pytestmark = pytest.mark.django_db

PAYLOAD_BY_NUMBER = {p.number: p for p in PAYLOADS}
# Characters XML 1.0 cannot carry at all: a feed holding one cannot be written.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML_HOSTILE = tuple(p.number for p in PAYLOADS if NOT_IN_XML.search(p.text))
MARK = re.compile(r"⟦(\d+)⟧")
CANARY = "xsscanary"  # a word in every test article's title, for the search page
GROUP = 20  # articles per section/tag/author: one feed of 20 items
HOST = "testserver"

SVG_NS = "http://www.w3.org/2000/svg"
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


def mark(payload):
    return f"⟦{payload.number}⟧"


# --- Reading HTML as a browser does -------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "codebase",
    "cite",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "longdesc",
    "usemap",
    "icon",
    "profile",
    "archive",
    "classid",
    "code",
    "itemtype",
    "xmlns",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
# The public site's own scripts: files, never inline code.
SITE_SCRIPTS = ("/static/js/share.js", "/static/js/cite.js")
NEVER_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "bgsound",
    "param",
    "isindex",
}
SVG_ACTIVE = {
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "discard",
    "foreignobject",
}
DANGEROUS_CSS = (
    "expression(",
    "javascript:",
    "vbscript:",
    "-moz-binding",
    "behavior:",
    "url(data:text/html",
    "@import",
)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def local(name):
    return name.rsplit("}", 1)[-1].lower() if isinstance(name, str) else ""


def namespace(name):
    return name[1:].split("}", 1)[0] if isinstance(name, str) and name.startswith("{") else ""


def url_scheme_is_dangerous(value):
    """The scheme of ``value`` as the WHATWG URL parser reads it.

    The attribute value is already entity-decoded by the HTML parser; the URL
    parser then strips leading and trailing C0 controls and spaces and removes
    every tab and newline, and schemes are case-insensitive.
    """
    url = value.strip(C0_OR_SPACE)
    url = re.sub(r"[\t\n\r]", "", url).lower()
    return url.startswith(DANGEROUS_SCHEMES)


def css_is_dangerous(css):
    def unescape(match):
        if match.group(1):
            try:
                return chr(int(match.group(1), 16))
            except (ValueError, OverflowError):
                return ""
        return match.group(2)

    text = CSS_ESCAPE.sub(unescape, CSS_COMMENT.sub("", css))
    text = re.sub(r"[\s\"']", "", text).lower()
    return [bad for bad in DANGEROUS_CSS if bad in text]


def describe(element):
    attrs = " ".join(f'{local(k)}="{v[:80]}"' for k, v in element.attrib.items())
    text = (element.text or "").strip()[:80]
    return f"<{local(element.tag)}{' ' if attrs else ''}{attrs}>{text}"


@dataclass
class Finding:
    place: str
    rule: str
    snippet: str
    payloads: tuple = ()

    def __str__(self):
        culprits = "; ".join(str(PAYLOAD_BY_NUMBER[n]) for n in self.payloads[:3]) or "?"
        return f"[{self.place}] {self.rule}\n      shown: {self.snippet}\n      payload {culprits}"


class Inspector:
    """Walks a parsed document in order, remembering the last payload marker seen."""

    def __init__(self, context, place, candidates=()):
        assert context in {"public", "admin", "fragment"}
        self.context, self.place, self.candidates = context, place, tuple(candidates)
        self.findings = []
        self.last_mark = None
        self.json_ld = []

    # Attribution: the marker nearest before the element, else a payload whose
    # whole text is the offending value, else the place's only candidates.
    def culprits(self, element, value=None):
        found = []
        for attr in element.attrib.values():
            found += [int(n) for n in MARK.findall(attr)]
        if found:
            return tuple(dict.fromkeys(found))
        if self.last_mark is not None:
            return (self.last_mark,)
        if value is not None:
            among = self.candidates or tuple(PAYLOAD_BY_NUMBER)
            matches = tuple(n for n in among if PAYLOAD_BY_NUMBER[n].text.strip() == value.strip())
            if matches:
                return matches
        return self.candidates if len(self.candidates) <= 3 else ()

    def flag(self, element, rule, value=None):
        self.findings.append(
            Finding(self.place, rule, describe(element), self.culprits(element, value))
        )

    def see_text(self, text):
        if text:
            marks = MARK.findall(text)
            if marks:
                self.last_mark = int(marks[-1])

    def walk(self, element):
        if isinstance(element.tag, str):
            self.check(element)
            for value in element.attrib.values():
                self.see_text(value)
            self.see_text(element.text)
        for child in element:
            self.walk(child)
            self.see_text(child.tail)

    def check(self, element):
        tag, ns, attrs = local(element.tag), namespace(element.tag), element.attrib
        for name, value in attrs.items():
            attr = local(name)
            if attr.startswith("on"):
                self.flag(element, f"event handler attribute {attr}=")
            if attr in {"srcdoc", "formaction", "http-equiv"}:
                self.flag(element, f"{attr} attribute")
            if attr in URL_ATTRIBUTES and url_scheme_is_dangerous(value):
                self.flag(element, f"{attr}= with a dangerous scheme", value)
            if attr in {"srcset", "imagesrcset"} and any(
                url_scheme_is_dangerous(part.strip().split(" ")[0]) for part in value.split(",")
            ):
                self.flag(element, f"{attr}= with a dangerous scheme", value)
            if attr == "style" and (bad := css_is_dangerous(value)):
                self.flag(element, f"style attribute with {', '.join(bad)}")
        if tag in NEVER_ELEMENTS:
            self.flag(element, f"<{tag}> element")
        if ns == SVG_NS and tag in SVG_ACTIVE:
            self.flag(element, f"SVG <{tag}> element")
        handler = getattr(self, f"check_{tag}", None)
        if handler:
            handler(element, attrs)

    def check_script(self, element, attrs):
        text = element.text or ""
        src, kind = attrs.get("src"), attrs.get("type", "")
        if self.context == "public":
            if src is not None and src.endswith(SITE_SCRIPTS) and not text.strip():
                return
            if kind == "application/ld+json" and src is None:
                self.json_ld.append(text)
                if "</script" in text.lower() or "<!--" in text:
                    self.flag(element, "JSON-LD block holds </script or <!--")
                try:
                    json.loads(text)
                except ValueError as error:
                    self.flag(element, f"JSON-LD block is not JSON ({error})")
                return
        elif self.context == "admin":
            if src is not None and not text.strip():
                if src.startswith(("/static/", "/admin/jsi18n/")):
                    return
            elif kind == "importmap" and not MARK.search(text):
                try:
                    json.loads(text)
                    return
                except ValueError:
                    pass
        self.flag(element, "<script> element")

    def check_style(self, element, attrs):
        text = element.text or ""
        if self.context != "admin" or MARK.search(text) or css_is_dangerous(text):
            self.flag(element, "<style> element")

    def check_form(self, element, attrs):
        action = attrs.get("action")
        if self.context == "public" and action in {"/search/", "/en/search/"}:
            return
        if self.context == "admin" and (not action or action.startswith("/admin/")):
            return
        # The admin's language switch (templates/admin/base_site.html) posts to Django's
        # set_language, and only its two hidden fields.
        if self.context == "admin" and action == "/i18n/setlang/":
            return
        self.flag(element, "<form> element")

    def check_meta(self, element, attrs):
        names = {local(k) for k in attrs}
        harmless = names <= {"charset", "name", "property", "content"}
        if self.context != "fragment" and harmless and attrs.get("charset", "utf-8") == "utf-8":
            return
        self.flag(element, "<meta> element")

    def check_link(self, element, attrs):
        rel = set(attrs.get("rel", "").lower().split())
        href = attrs.get("href", "")
        local_href = (href.startswith("/") and not href.startswith("//")) or href.startswith(
            f"http://{HOST}/"
        )
        static = href.startswith("/static/")
        site_rels = rel <= {"stylesheet", "icon", "alternate", "canonical"}
        resource_ok = static or not rel & {"stylesheet", "icon"}
        if self.context == "public" and site_rels and local_href and resource_ok:
            return
        admin_rels = rel in ({"stylesheet"}, {"icon"})
        if self.context == "admin" and admin_rels and href.startswith("/static/"):
            return
        self.flag(element, "<link> element")


PARSER = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)


def parse_page(text):
    """The tree a browser builds, scripting on (so <noscript> holds raw text)."""
    return PARSER.parse(text, scripting=True)


def parse_fragment(text, scripting=True):
    return PARSER.parseFragment(text, container="div", scripting=scripting)


def inspect_html(text, *, context, place, candidates=(), fragment=False):
    """Findings in ``text`` parsed as a page, or as a fragment both with scripting
    on and off (a feed reader may be either)."""
    inspector = Inspector(context, place, candidates)
    if fragment and "<" not in text:
        inspector.root = parse_fragment("")  # text only: nothing but characters
    elif fragment:
        inspector.root = parse_fragment(text)
        inspector.walk(inspector.root)
        if "noscript" not in text.lower():
            return inspector  # scripting only changes how <noscript> is read
        inspector.last_mark = None
        seen = {(f.rule, f.snippet) for f in inspector.findings}
        before = len(inspector.findings)
        inspector.walk(parse_fragment(text, scripting=False))
        extra = [f for f in inspector.findings[before:] if (f.rule, f.snippet) not in seen]
        inspector.findings[before:] = extra
    else:
        inspector.root = parse_page(text)
        inspector.walk(inspector.root)
    return inspector


def text_of(element):
    return "".join(element.itertext())


def norm(text):
    """Text as compared after a round trip through HTML: newlines, NUL and spaces evened."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(NUL, "").replace("\ufffd", "")
    return " ".join(text.split())


def find_all(root, tag, **attrs):
    found = []
    for element in root.iter():
        if local(element.tag) != tag:
            continue
        ok = True
        for name, value in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            have = element.attrib.get(name)
            if name == "class":
                ok = ok and have is not None and value in have.split()
            else:
                ok = ok and have == value
        if ok:
            found.append(element)
    return found


# --- Places ----------------------------------------------------------------------


@dataclass
class Place:
    url: str
    kind: str  # page, preview, admin, rss, atom, sitemap, autocomplete
    candidates: tuple = ()
    paginate: bool = False
    # What the page must show as typed: (tag, attrs, expected text or attribute value).
    shows: list = field(default_factory=list)
    json_ld: dict | None = None
    expected_texts: set | None = None  # autocomplete


NEXT_PUBLIC = re.compile(r'rel="next" href="\?([^"]*)"')


def next_page(url, text, place):
    """The next page of a paginated list, or None."""
    path, _, query = url.partition("?")
    if place.kind == "admin":
        current = int(re.search(r"(?:^|&)p=(\d+)", query).group(1)) if "p=" in query else 1
        if f'p={current + 1}"' not in text:
            return None
        query = re.sub(r"&?p=\d+", "", query)
        return f"{path}?{query}{'&' if query else ''}p={current + 1}"
    match = NEXT_PUBLIC.search(text)
    return f"{path}?{match.group(1).replace('&amp;', '&')}" if match else None


def fetch(client, url):
    """The response, or the exception a view raised (a crash is a finding too)."""
    try:
        return client.get(url), None
    except Exception as error:  # any crash is a finding, not the end of the test
        return None, error


CHECKS = {}


def visit(place, public, admin):
    client = admin if place.kind in {"admin", "autocomplete", "preview"} else public
    if place.kind == "sitemap":
        cache.clear()  # the sitemap is cached for a quarter of an hour
    findings, urls = [], [place.url]
    while urls:
        url = urls.pop(0)
        response, error = fetch(client, url)
        if error is not None:
            culprits = place.candidates
            if "Control characters" in str(error):
                culprits = tuple(n for n in XML_HOSTILE if n in culprits or not culprits)
            findings.append(Finding(url, "the view crashed", repr(error)[:300], culprits))
            return findings
        if response.status_code != 200:
            findings.append(
                Finding(url, f"status {response.status_code}", "", place.candidates[:3])
            )
            return findings
        text = response.content.decode()
        findings += CHECKS[place.kind](text, place, url, response)
        if place.kind == "sitemap":
            urls += listed_sitemaps(text)  # /sitemap.xml is an index of paged sitemaps
        elif place.paginate and (following := next_page(url, text, place)):
            urls.append(following)
    return findings


def listed_sitemaps(text):
    """The sitemaps (each page) a sitemap index lists, as paths; none in a sitemap page."""
    try:
        root = etree.fromstring(text.encode())
    except etree.XMLSyntaxError:
        return []
    if etree.QName(root).localname != "sitemapindex":
        return []
    listed = []
    for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        parts = urlsplit((loc.text or "").strip())
        listed.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return listed


def check_page(text, place, url, response):
    context = "admin" if place.kind == "admin" else "public"
    inspector = inspect_html(text, context=context, place=url, candidates=place.candidates)
    findings, root = inspector.findings, inspector.root
    for tag, attrs, attribute, expected in place.shows:
        elements = find_all(root, tag, **attrs)
        shown = [
            norm(el.attrib.get(attribute, "") if attribute else text_of(el)) for el in elements
        ]
        if not any(norm(expected) in value for value in shown):
            findings.append(
                Finding(
                    url,
                    f"not shown as typed in <{tag} {attrs}>{' @' + attribute if attribute else ''}",
                    f"expected {norm(expected)[:120]!r}, shown {[s[:120] for s in shown][:2]}",
                    tuple(int(n) for n in MARK.findall(expected))
                    or tuple(
                        n
                        for n in place.candidates
                        if norm(expected) == norm(PAYLOAD_BY_NUMBER[n].text)
                    )
                    or place.candidates[:3],
                )
            )
    if place.json_ld is not None:
        if len(inspector.json_ld) != 1:
            findings.append(Finding(url, f"{len(inspector.json_ld)} JSON-LD blocks", ""))
        else:
            try:
                data = json.loads(inspector.json_ld[0])
            except ValueError:
                data = {}
            data["author_names"] = [a.get("name") for a in data.get("author", [])]
            data["keywords"] = sorted(data.get("keywords", []))
            for key, expected in place.json_ld.items():
                if data.get(key) != expected:
                    findings.append(
                        Finding(
                            url,
                            f"JSON-LD {key} differs from what was saved",
                            f"{str(data.get(key))[:160]!r} != {str(expected)[:160]!r}",
                            tuple(int(n) for n in MARK.findall(str(expected)))[:3],
                        )
                    )
    return findings


def parse_xml(text, url, place):
    try:
        return etree.fromstring(text.encode()), []
    except etree.XMLSyntaxError as error:
        culprits = [p.number for p in PAYLOADS if NOT_IN_XML.search(p.text)]
        if char := re.search(r"Char value (\d+)", str(error)):
            culprits = [p.number for p in PAYLOADS if chr(int(char.group(1))) in p.text]
        return None, [Finding(url, "not well-formed XML", str(error)[:200], tuple(culprits))]


def check_urls_in_xml(root, url, place, names):
    findings = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        values = []
        if etree.QName(element).localname in names and (element.text or "").strip():
            values.append(element.text or "")
        values += [v for k, v in element.attrib.items() if etree.QName(k).localname in names]
        for value in values:
            if not value.startswith((f"http://{HOST}/", f"https://{HOST}/")):
                findings.append(
                    Finding(url, "a URL outside the site", f"<{element.tag}> {value[:200]!r}")
                )
    return findings


def check_embedded_html(html_text, url, where, place):
    inspector = inspect_html(
        html_text,
        context="fragment",
        place=f"{url} {where}",
        candidates=place.candidates,
        fragment=True,
    )
    return inspector.findings


RSS_ELEMENTS = {
    "rss",
    "channel",
    "title",
    "link",
    "description",
    "language",
    "lastBuildDate",
    "item",
    "pubDate",
    "guid",
    "category",
    "enclosure",
    "image",
    "url",
    f"{{{ATOM_NS}}}link",
    f"{{{DC_NS}}}creator",
    f"{{{CONTENT_NS}}}encoded",
    "comments",
}


def check_rss(text, place, url, response):
    root, findings = parse_xml(text, url, place)
    if root is None:
        return findings
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in RSS_ELEMENTS:
            findings.append(Finding(url, f"unexpected element {element.tag} in RSS", ""))
    for item in root.iter("item"):
        title = item.findtext("title") or ""
        for where in ("description", f"{{{CONTENT_NS}}}encoded"):
            for element in item.findall(where):
                findings += check_embedded_html(
                    element.text or "", url, f"item {title[:40]!r} <{where}>", place
                )
    findings += check_urls_in_xml(root, url, place, {"link", "guid", "url", "href"})
    return findings


def check_atom(text, place, url, response):
    root, findings = parse_xml(text, url, place)
    if root is None:
        return findings
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if not element.tag.startswith(f"{{{ATOM_NS}}}"):
            findings.append(Finding(url, f"unexpected element {element.tag} in Atom", ""))
        kind = element.get("type", "text")
        if kind == "html":
            findings += check_embedded_html(
                element.text or "", url, f"<{etree.QName(element).localname} type=html>", place
            )
        elif kind != "text" and etree.QName(element).localname in {"title", "summary", "content"}:
            findings.append(Finding(url, f"Atom text construct of type {kind}", ""))
    findings += check_urls_in_xml(root, url, place, {"href", "uri", "id", "icon", "logo"})
    return findings


def check_sitemap(text, place, url, response):
    root, findings = parse_xml(text, url, place)
    if root is None:
        return findings
    return findings + check_urls_in_xml(root, url, place, {"loc", "href"})


def check_autocomplete(text, place, url, response):
    findings = []
    if not response["Content-Type"].startswith("application/json"):
        findings.append(Finding(url, "autocomplete answers " + response["Content-Type"], ""))
    data = json.loads(text)
    for result in data["results"]:
        if result["text"] not in place.expected_texts:
            findings.append(
                Finding(
                    url,
                    "autocomplete text differs from what was saved",
                    repr(result["text"])[:200],
                    tuple(int(n) for n in MARK.findall(result["text"]))[:3],
                )
            )
    return findings


CHECKS.update(
    page=check_page,
    preview=check_page,  # an editor's view of a draft: the public page, logged in
    admin=check_page,
    rss=check_rss,
    atom=check_atom,
    sitemap=check_sitemap,
    autocomplete=check_autocomplete,
)


def autocomplete_places(app_label, model_name, field_name, expected):
    url = reverse("admin:autocomplete")
    base = f"{url}?app_label={app_label}&model_name={model_name}&field_name={field_name}&term="
    pages = -(-len(expected) // 20) or 1
    return [
        Place(f"{base}&page={n}", "autocomplete", expected_texts=expected)
        for n in range(1, pages + 1)
    ]


# --- Saving the corpus --------------------------------------------------------------


def db_text(text):
    """PostgreSQL refuses NUL in text (SQLite keeps it): there it becomes U+FFFD."""
    return text.replace(NUL, "\ufffd") if connection.vendor == "postgresql" else text


def pack(payloads, limit=None, *, per_value=None, marked=True, sep=" "):
    """Field values holding every payload once, as many to a value as fit ``limit``.

    Returns ``[(value, payload numbers)]``. A payload longer than ``limit`` is
    cut into pieces (each with its marker); unmarked values hold one payload each.
    """
    values, text, numbers = [], "", []

    def flush():
        nonlocal text, numbers
        if numbers:
            values.append((db_text(text), tuple(numbers)))
        text, numbers = "", []

    for payload in payloads:
        prefix = mark(payload) if marked else ""
        piece = prefix + payload.text
        if limit and len(piece) > limit:
            flush()
            room = limit - len(prefix)
            for start in range(0, len(payload.text), room):
                values.append(
                    (db_text(prefix + payload.text[start : start + room]), (payload.number,))
                )
            continue
        if not marked:
            values.append((db_text(piece), (payload.number,)))
            continue
        joined = f"{text}{sep}{piece}" if numbers else piece
        too_long = limit and len(joined) > limit
        too_many = per_value and len(numbers) >= per_value
        if numbers and (too_long or too_many):
            flush()
            joined = piece
        text = joined
        numbers.append(payload.number)
    flush()
    return values


_serial = itertools.count(1)


def benign_section(**kwargs):
    n = next(_serial)
    if "name_ar" not in kwargs:  # a slug of its own, else made from the (hostile) name
        kwargs.setdefault("slug", f"قسم-الاختبار-{n}")
    kwargs.setdefault("name_ar", f"قسم الاختبار {n}")
    kwargs.setdefault("name_en", f"Test section {n}")
    return Section.objects.create(**kwargs)


def benign_author(**kwargs):
    n = next(_serial)
    if "name_ar" not in kwargs:
        kwargs.setdefault("slug", f"كاتب-الاختبار-{n}")
    kwargs.setdefault("name_ar", f"كاتب الاختبار {n}")
    kwargs.setdefault("name_en", f"Test author {n}")
    return Author.objects.create(**kwargs)


def benign_tag(**kwargs):
    n = next(_serial)
    kwargs.setdefault("name_ar", f"وسم الاختبار {n}")
    kwargs.setdefault("name_en", f"Test tag {n}")
    return Tag.objects.create(**kwargs)


def new_article(index, **kwargs):
    n = next(_serial)
    kwargs.setdefault("title_ar", f"{CANARY} مقال الاختبار {n}")
    kwargs.setdefault("title_en", f"{CANARY} Test article {n}")
    kwargs.setdefault("summary_ar", f"ملخص المقال {n}.")
    kwargs.setdefault("body_ar", f"<p>نص المقال {n}[1].</p>")
    kwargs.setdefault("status", Article.Status.PUBLISHED)
    kwargs.setdefault("published_at", timezone.now() - timedelta(minutes=index + 1))
    if "section" not in kwargs:
        kwargs["section"] = benign_section()
    return Article.objects.create(**kwargs)


@dataclass
class FieldSpec:
    model: str
    name: str
    limit: int | None = None
    per_value: int | None = None
    marked: bool = True
    language: str = "ar"

    @property
    def id(self):
        return f"{self.model}.{self.name}"


FIELDS = [
    FieldSpec("article", "title_ar", 300),
    FieldSpec("article", "title_en", 300, language="en"),
    FieldSpec("article", "summary_ar", per_value=45),
    FieldSpec("article", "summary_en", per_value=45, language="en"),
    FieldSpec("article", "body_ar", per_value=45),
    FieldSpec("article", "body_en", per_value=45, language="en"),
    FieldSpec("article", "cover_caption", 300),
    FieldSpec("article", "cover_credit", 200),
    FieldSpec("reference", "authors", 300),
    FieldSpec("reference", "title", 500),
    FieldSpec("reference", "publisher", 300),
    FieldSpec("reference", "date_text", 100),
    FieldSpec("reference", "report_number", 100),
    FieldSpec("reference", "note", 300),
    FieldSpec("reference", "url", 500, marked=False),
    FieldSpec("author", "name_ar", 200),
    FieldSpec("author", "role_ar", 200),
    FieldSpec("author", "bio_ar", per_value=45),
    FieldSpec("author", "website", 200, marked=False),
    FieldSpec("author", "x_handle", 50, marked=False),
    FieldSpec("section", "name_ar", 120),
    FieldSpec("section", "description_ar", per_value=45),
    FieldSpec("tag", "name_ar", 100),
]


LINKABLE = ("http:", "https:", "mailto:")


def linkable(url):
    """Whether a stored URL is one a page may link to (a web or mail address)."""
    return url.strip().lower().startswith(LINKABLE)


def prefix(language):
    return "/en" if language == "en" else ""


def detail_place(article, language, *, shows=(), candidates=()):
    with translation.override(language):
        url = article.get_absolute_url()
        tags = [tag.name for tag in article.tags.all()]
        json_ld = {
            "headline": article.title,
            "description": article.summary,
            "articleSection": article.section.name,
            "keywords": sorted(tags),
        }
        authors = [a.author.name for a in article.authorships.all()]
        if authors:
            json_ld["author_names"] = authors
    return Place(url, "page", candidates=candidates, shows=list(shows), json_ld=json_ld)


def list_places(language, groups, *, search=True):
    """Every list page that shows cards of the articles of ``groups``."""
    p = prefix(language)
    places = [Place(f"{p}/", "page", paginate=True)]
    for section, tag, author in groups[:1]:  # the same cards as the home page's
        with translation.override(language):
            places += [
                Place(section.get_absolute_url(), "page", paginate=True),
                Place(tag.get_absolute_url(), "page", paginate=True),
                Place(author.get_absolute_url(), "page", paginate=True),
            ]
    now = timezone.localtime()
    for year, month in sorted({(d.year, d.month) for d in (now, now - timedelta(days=1))}):
        # The home page's cards again: the first page of the month is enough.
        places.append(Place(f"{p}/archive/{year}/{month}/", "page"))
    places.append(Place(f"{p}/archive/", "page"))
    if search:
        places.append(Place(f"{p}/search/?q={CANARY}", "page", paginate=True))
    return places


def feed_places(language, groups=(), *, kinds=("section",)):
    p = prefix(language)
    places = [Place(f"{p}/feed/", "rss"), Place(f"{p}/feed/atom/", "atom")]
    for group in groups:
        for kind, obj in zip(("section", "tag", "author"), group, strict=True):
            if kind in kinds:
                with translation.override(language):
                    url = obj.get_absolute_url()
                places += [Place(f"{url}feed/", "rss"), Place(f"{url}feed/atom/", "atom")]
    return places


def admin_change(model, pk):
    opts = model._meta
    return Place(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]), "admin")


def admin_changelist(model):
    opts = model._meta
    return Place(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), "admin", paginate=True
    )


PER_OBJECT_PAGES = 25


def sampled(places, cap=PER_OBJECT_PAGES, focus=()):
    """At most ``cap`` of the one-object pages: one for each family first, then those
    holding payloads of the ``focus`` families, then evenly spread."""
    if len(places) <= cap:
        return places
    chosen, families = [], set()

    def families_of(place):
        return {PAYLOAD_BY_NUMBER[n].family for n in place.candidates}

    for i, place in enumerate(places):
        if families_of(place) - families:
            chosen.append(i)
            families |= families_of(place)
    for family in focus:
        chosen += [i for i, place in enumerate(places) if family in families_of(place)]
    chosen = list(dict.fromkeys(chosen))[:cap]
    spread = [round(k * (len(places) - 1) / (cap - 1)) for k in range(cap)]
    for i in spread:
        if len(chosen) >= cap:
            break
        if i not in chosen:
            chosen.append(i)
    return [places[i] for i in sorted(chosen)]


def build_article_field(spec):
    values = pack(PAYLOADS, spec.limit, per_value=spec.per_value)
    groups, articles, places = [], [], []
    cover = None
    for i, (value, numbers) in enumerate(values):
        if i % GROUP == 0:
            groups.append((benign_section(), benign_tag(), benign_author()))
        section, tag, author = groups[-1]
        kwargs = {spec.name: value, "section": section, "featured": i == 0}
        if spec.name.startswith("summary") and i % 2:
            kwargs["body_ar"] = ""  # the feed shows the summary where there is no body
        if spec.name.startswith("cover"):
            if cover is None:
                kwargs["cover_image"] = jpeg_file(64, 48)
            else:
                kwargs["cover_image"] = cover
            kwargs.setdefault("cover_caption", "تعليق الصورة")
            kwargs.setdefault("cover_credit", "وكالة الأنباء")
        article = new_article(i, **kwargs)
        if i == 0:  # the same again as a draft, which only editors see (a preview)
            draft_kwargs = kwargs | {"featured": False, "status": Article.Status.DRAFT}
            draft_kwargs["cover_image"] = article.cover_image.name or ""
            draft = new_article(i, published_at=None, **draft_kwargs)
        cover = cover or article.cover_image.name
        Authorship.objects.create(article=article, author=author, position=1)
        article.tags.add(tag)
        if spec.name.startswith("body"):  # footnote markers [1]–[3] become links
            for number in (1, 2, 3):
                Reference.objects.create(article=article, number=number, title=f"مرجع {number}")
        articles.append((article, numbers))

    language = spec.language
    detail_pages = []
    for article, numbers in articles:
        shows = []
        value = getattr(article, spec.name)
        if spec.name.startswith("title"):
            shows = [("h1", {"id": "article-title"}, None, value), ("title", {}, None, value)]
        elif spec.name.startswith("summary"):
            shows = [("p", {"class_": "article__summary"}, None, value)]
        elif spec.name == "cover_caption":
            # The caption is read once, in the figcaption: the cover's alt stays empty.
            shows = [("figcaption", {}, None, value)]
        elif spec.name == "cover_credit":
            shows = [("span", {"class_": "credit"}, None, value)]
        detail_pages.append(detail_place(article, language, shows=shows, candidates=numbers))
    places += sampled(detail_pages)
    preview = detail_place(draft, language, candidates=articles[0][1])
    preview.kind = "preview"
    places.append(preview)
    on_cards = spec.name.startswith(("title", "summary"))
    if on_cards:
        places += list_places(language, groups)
    elif spec.name.startswith("body"):
        places.append(Place(f"{prefix(language)}/search/?q={CANARY}", "page", paginate=True))
    if spec.name != "cover_credit":
        places += feed_places(language, groups)
    if language == "ar":
        # The English edition falls back to the Arabic text where there is no English.
        places.append(detail_place(articles[0][0], "en", candidates=articles[0][1]))
    if spec.name.startswith("title"):
        places.append(Place(reverse("sitemap"), "sitemap"))
        expected = {str(article) for article, _ in articles}
        expected |= {str(a) for a in Article.objects.all()}
        places += autocomplete_places("articles", "readalso", "target", expected)
    places.append(admin_changelist(Article))
    first = articles[0][0]
    places.append(admin_change(Article, first.pk))
    if spec.name.startswith("title"):
        places.append(Place(reverse("admin:articles_article_delete", args=[first.pk]), "admin"))
    return places


def build_reference_field(spec):
    values = pack(PAYLOADS, spec.limit, marked=spec.marked)
    places = []
    # A first article with few references, for the admin's (slow) form of inlines.
    chunks = [values[:10]] + [values[i : i + 40] for i in range(10, len(values), 40)]
    for start, chunk in enumerate(chunks):
        cites = " ".join(f"نص[{n}]" for n in range(1, len(chunk) + 1))
        article = new_article(start, body_ar=f"<p>{cites}</p>", section=benign_section())
        candidates = []
        shows = []
        for number, (value, numbers) in enumerate(chunk, start=1):
            arabic = number % 2 == 0
            kwargs = {
                "authors": "وزارة الداخلية السورية" if arabic else "Ministry of Interior",
                "title": "بيان حول تفكيك الخلايا" if arabic else "Statement on the cells",
                "publisher": "الوكالة العربية السورية للأنباء" if arabic else "Reuters",
                "date_text": "2025",
                "report_number": "12/2025",
                "note": "الموقع الرسمي" if arabic else "official website",
                "url": "https://example.org/statement",
                spec.name: value,
            }
            reference = Reference.objects.create(article=article, number=number, **kwargs)
            value = getattr(reference, spec.name)  # as saved
            candidates += numbers
            if spec.name != "url":
                shows.append(("li", {"id": f"ref-{number}"}, None, value))
            elif linkable(value):  # anything else may be left unlinked
                shows.append(("a", {"rel": "noopener noreferrer"}, "href", value))
        places.append(detail_place(article, "ar", shows=shows, candidates=tuple(candidates)))
        if start == 0:
            places.append(admin_change(Article, article.pk))
    places += feed_places("ar")
    places.append(detail_place(Article.objects.first(), "en"))
    return places


def build_author_field(spec):
    values = pack(PAYLOADS, spec.limit, per_value=spec.per_value, marked=spec.marked)
    authors = []
    for value, numbers in values:
        kwargs = {spec.name: value}
        if spec.name == "name_ar":
            kwargs["name_en"] = ""
        authors.append((benign_author(**kwargs), numbers))
    places, author_pages = [], []
    for author, numbers in authors:
        value = getattr(author, spec.name)
        shows = {
            "name_ar": [("h1", {}, None, value)],
            "role_ar": [("p", {"class_": "author-card__role"}, None, value)],
            "bio_ar": [("p", {}, None, value.replace("\n", "").replace("\r", ""))],
            "website": [("a", {"rel": "me noopener"}, "href", value)] if linkable(value) else [],
            "x_handle": [
                ("a", {"rel": "me noopener"}, None, "@" + value),
                ("a", {"rel": "me noopener"}, "href", "https://x.com/" + quote(value)),
            ],
        }[spec.name]
        if not value.strip(" \t\n\r\x0c"):
            shows = []  # nothing to show: the template leaves the line out
        author_pages.append(
            Place(author.get_absolute_url(), "page", candidates=numbers, shows=shows)
        )
    focus = {
        "website": ("url-value", "url-scheme"),
        "x_handle": ("url-value", "encoding", "attribute-breakout", "unicode"),
    }.get(spec.name, ())
    places += sampled(author_pages, cap=60 if focus else PER_OBJECT_PAGES, focus=focus)
    if spec.name == "name_ar":
        articles = []
        for i in range(0, len(authors), GROUP):
            article = new_article(i, section=benign_section())
            for position, (author, _numbers) in enumerate(authors[i : i + GROUP], start=1):
                Authorship.objects.create(article=article, author=author, position=position)
            articles.append(article)
            places.append(detail_place(article, "ar"))
        places.append(Place("/", "page", paginate=True))
        places.append(Place(f"/search/?q={CANARY}", "page", paginate=True))
        places += feed_places("ar")
        for author, _numbers in authors[:3]:
            url = author.get_absolute_url()
            places += [Place(f"{url}feed/", "rss"), Place(f"{url}feed/atom/", "atom")]
        places.append(Place(f"/en{authors[0][0].get_absolute_url()}", "page"))
        places.append(Place(reverse("sitemap"), "sitemap"))
        places.append(admin_changelist(Article))
        places.append(admin_change(Article, articles[0].pk))
        expected = {str(author) for author in Author.objects.all()}
        places += autocomplete_places("articles", "authorship", "author", expected)
    places.append(admin_changelist(Author))
    places.append(admin_change(Author, authors[0][0].pk))
    return places


def build_section_field(spec):
    """Every page's menu lists every section: the one-section pages are read after the
    sections not sampled for them are gone, so that each is not a list of 240 links."""
    values = pack(PAYLOADS, spec.limit, per_value=spec.per_value)
    sections = [
        (benign_section(**{spec.name: value, "name_en": ""}), numbers) for value, numbers in values
    ]
    places, section_pages, by_url = [], [], {}
    for i, (section, numbers) in enumerate(sections):
        value = getattr(section, spec.name)
        shows = (
            [("h1", {}, None, value)]
            if spec.name == "name_ar"
            else [("p", {}, None, value), ("meta", {"name": "description"}, "content", value)]
        )
        url = section.get_absolute_url()
        by_url[url] = section
        section_pages.append(Place(url, "page", candidates=numbers, shows=shows))
        if spec.name == "description_ar" or i < 3:
            places += [
                Place(f"{url}feed/", "rss", candidates=numbers),
                Place(f"{url}feed/atom/", "atom", candidates=numbers),
            ]
    pages = sampled(section_pages)
    kept = [by_url[page.url] for page in pages]
    if spec.name == "name_ar":
        articles = [new_article(i, section=section) for i, section in enumerate(kept[:12])]
        pages += [detail_place(article, "ar") for article in articles]
        pages.append(Place(f"/en/search/?q={CANARY}", "page"))
        places.append(Place("/", "page", paginate=True))
        places += feed_places("ar")
        places.append(Place(reverse("sitemap"), "sitemap"))
        places.append(admin_changelist(Article))
        places.append(admin_change(Article, articles[0].pk))
        expected = {str(section) for section, _ in sections}
        places += autocomplete_places("articles", "article", "section", expected)
    places.append(admin_changelist(Section))
    places.append(admin_change(Section, sections[0][0].pk))
    yield places
    Section.objects.exclude(pk__in=[section.pk for section in kept]).delete()
    yield pages


def build_tag_field(spec):
    values = pack(PAYLOADS, spec.limit)
    tags = [(benign_tag(name_ar=value, name_en=None), numbers) for value, numbers in values]
    places = []
    articles = []
    per_article = 60
    for i in range(0, len(tags), per_article):
        article = new_article(i, section=benign_section())
        article.tags.add(*[tag for tag, _ in tags[i : i + per_article]])
        articles.append(article)
        places.append(detail_place(article, "ar"))
    tag_pages = []
    for i, (tag, numbers) in enumerate(tags):
        tag_pages.append(
            Place(
                tag.get_absolute_url(),
                "page",
                candidates=numbers,
                shows=[("h1", {}, None, tag.name)],
            )
        )
        if i < 3:
            url = tag.get_absolute_url()
            places += [Place(f"{url}feed/", "rss"), Place(f"{url}feed/atom/", "atom")]
    places += sampled(tag_pages)
    places += feed_places("ar")
    places.append(detail_place(articles[0], "en"))
    places.append(Place(reverse("sitemap"), "sitemap"))
    places.append(admin_changelist(Tag))
    places.append(admin_change(Tag, tags[0][0].pk))
    places.append(admin_changelist(Article))
    places.append(admin_change(Article, articles[0].pk))
    return places


BUILDERS = {
    "article": build_article_field,
    "reference": build_reference_field,
    "author": build_author_field,
    "section": build_section_field,
    "tag": build_tag_field,
}


def report(title, findings, limit=40):
    lines = [f"{title}: {len(findings)} finding(s)"]
    by_rule = Counter((f.rule.split(" in <")[0], f.place.split("?")[0]) for f in findings)
    lines += [
        f"  {count:4} × {rule} at {place}" for (rule, place), count in by_rule.most_common(15)
    ]
    lines += ["", *(f"  {finding}" for finding in findings[:limit])]
    if len(findings) > limit:
        lines.append(f"  … and {len(findings) - limit} more")
    return "\n".join(lines)


# --- Fixtures ---------------------------------------------------------------------


@pytest.fixture
def public(client):
    """An anonymous reader; the admin is read with ``superuser_client``, its own browser."""
    return client


# --- The detector itself ----------------------------------------------------------


KNOWN_BAD = [
    "<script>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<iframe src="data:text/html,x"></iframe>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<form action="https://evil.example/"></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<object data="x"></object>',
    '<embed src="x">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="import" href="https://evil.example/">',
    '<div style="width:expression(alert(1))">x</div>',
    '<div style="background:url(&quot;javascript:alert(1)&quot;)">x</div>',
    '<div style="x:\\65xpression(alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<img srcset="javascript:alert(1) 1x">',
    '<iframe srcdoc="x"></iframe>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]
KNOWN_GOOD = [
    '<p>نص <a href="https://example.org/x?a=1&amp;b=2" rel="noopener noreferrer">رابط</a></p>',
    '<a href="mailto:x@example.org">x</a><a href="#ref-1">[1]</a><a href="/x/">y</a>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
    '<a href="https://example.org/javascript:alert(1)">x</a>',
    '<p title="javascript:alert(1) onerror=alert(1)">x</p>',
    '<a href="jav&amp;#x09;ascript:alert(1)">relative, not a scheme</a>',
]


def test_the_detector_flags_what_a_browser_would_run():
    missed = [
        html
        for html in KNOWN_BAD
        if not inspect_html(html, context="fragment", place="self-test", fragment=True).findings
    ]
    assert not missed, f"the detector misses: {missed}"


KNOWN_BAD_PAGES = {
    "public": [
        '<script src="/static/js/other.js"></script>',
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "<!--"}</script>',
        '<script type="application/ld+json">{"a": </script>',
        '<form action="/elsewhere/"></form>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<meta http-equiv="refresh" content="0">',
        "<style>p{color:red}</style>",
    ],
    "admin": [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        '<script type="importmap">{"imports": {"x": "⟦1⟧"}}</script>',
        '<form action="https://evil.example/"></form>',
        "<style>⟦1⟧</style>",
    ],
}


@pytest.mark.parametrize("context", ["public", "admin"])
def test_the_detector_knows_the_site_from_what_is_not(context):
    missed = [
        html
        for html in KNOWN_BAD_PAGES[context]
        if not inspect_html(
            f"<!DOCTYPE html><title>t</title>{html}", context=context, place="t"
        ).findings
    ]
    assert not missed, f"the detector misses: {missed}"


def test_the_detector_passes_harmless_html():
    noisy = {
        html: [
            str(f)
            for f in inspect_html(html, context="fragment", place="t", fragment=True).findings
        ]
        for html in KNOWN_GOOD
    }
    assert not any(noisy.values()), noisy


def test_the_detector_flags_most_raw_payloads():
    """Unsanitized, most of the corpus is live markup: the corpus is hostile enough."""
    live = [
        p
        for p in PAYLOADS
        if inspect_html(p.text, context="fragment", place="raw", fragment=True).findings
    ]
    assert len(live) >= len(PAYLOADS) // 2, f"only {len(live)} of {len(PAYLOADS)} are live raw"


def test_the_corpus():
    assert len(PAYLOADS) >= 300
    assert len({p.text for p in PAYLOADS}) == len(PAYLOADS)
    for family in FAMILIES:
        assert sum(p.family == family for p in PAYLOADS) >= 10, family
    texts = " ".join(p.text for p in PAYLOADS)
    for needle in (
        "jav&#x09;ascript:",
        "<noscript>",
        "<!--[if gte mso 9]>",
        "<o:p>",
        "mso-",
        "\u202e",
        NUL,
        "{{",
        "{%",
        "<![CDATA[",
        "xlink:href",
        "formaction",
        "<base",
        "http-equiv",
        "<form",
        "<object",
        "<embed",
        'rel="import"',
        "<math",
        "url(javascript",
        "expression(",
        "vbscript:",
        "data:text/html",
        "<details",
        "<marquee",
        "<video",
        "<audio",
        "autofocus",
        "سوري",
    ):
        assert needle in texts, needle


# --- Clean pages: the rules know the site's own markup -------------------------------


def test_clean_site_and_admin_have_no_findings(public, superuser_client):
    """With harmless content every place passes: a finding elsewhere is the payload's."""
    section, tag, author = (
        benign_section(description_ar="وصف القسم"),
        benign_tag(),
        benign_author(
            bio_ar="سيرة", role_ar="باحث", website="https://example.org", x_handle="centre"
        ),
    )
    article = new_article(
        0,
        section=section,
        cover_image=jpeg_file(64, 48),
        cover_caption="تعليق",
        cover_credit="وكالة",
        summary_en="Summary",
        body_en="<p>English body[1]</p>",
    )
    Authorship.objects.create(article=article, author=author, position=1)
    article.tags.add(tag)
    Reference.objects.create(article=article, number=1, title="مرجع", url="https://example.org")
    places = [
        detail_place(article, "ar"),
        detail_place(article, "en"),
        *list_places("ar", [(section, tag, author)]),
        *list_places("en", [(section, tag, author)]),
        *feed_places("ar", [(section, tag, author)], kinds=("section", "tag", "author")),
        *feed_places("en", [(section, tag, author)], kinds=("section", "tag", "author")),
        Place(reverse("sitemap"), "sitemap"),
        Place(reverse("admin:index"), "admin"),
        admin_changelist(Article),
        admin_change(Article, article.pk),
        Place(reverse("admin:articles_article_add"), "admin"),
        admin_changelist(Author),
        admin_change(Author, author.pk),
        admin_changelist(Section),
        admin_change(Section, section.pk),
        admin_changelist(Tag),
        admin_change(Tag, tag.pk),
        *autocomplete_places("articles", "article", "section", {str(section)}),
    ]
    findings = [f for place in places for f in visit(place, public, superuser_client)]
    assert not findings, report("clean content", findings)


# --- Every payload through every field, every place it is shown ----------------------


MODELS = {
    "article": Article,
    "reference": Reference,
    "author": Author,
    "section": Section,
    "tag": Tag,
}


@contextmanager
def without_xml_hostile_characters(spec):
    """The stored values without what XML cannot carry, so feeds can be read again."""
    model, changed = MODELS[spec.model], {}
    for pk, value in model.objects.values_list("pk", spec.name):
        if value and NOT_IN_XML.search(value):
            changed[pk] = value
            model.objects.filter(pk=pk).update(**{spec.name: NOT_IN_XML.sub("", value)})
    try:
        yield
    finally:
        for pk, value in changed.items():
            model.objects.filter(pk=pk).update(**{spec.name: value})


def read(places, public, editor, spec):
    findings = [f for place in places for f in visit(place, public, editor)]
    crashed = {f.place for f in findings if f.rule in {"the view crashed", "not well-formed XML"}}
    if crashed:
        # A feed that cannot be written hides what else it would show: read the feeds
        # again without the characters XML cannot carry (the crash stays reported).
        with without_xml_hostile_characters(spec):
            for place in places:
                if place.kind in {"rss", "atom", "sitemap"}:
                    for finding in visit(place, public, editor):
                        finding.place += " (2nd reading, control characters removed)"
                        findings.append(finding)
    return findings


@pytest.mark.parametrize("spec", FIELDS, ids=lambda spec: spec.id)
def test_payloads_saved_in_a_field_execute_nowhere(spec, public, superuser_client):
    built = BUILDERS[spec.model](spec)
    batches = [built] if isinstance(built, list) else built
    findings, count = [], 0
    for places in batches:
        count += len(places)
        findings += read(places, public, superuser_client, spec)
    assert not findings, report(f"{spec.id} ({count} places)", findings)


def test_every_payload_in_the_body_alone():
    """Each payload as the whole body, on its own: nothing before it can swallow it.

    The body's path to readers, function by function: the sanitizer (twice, as
    the form and then ``save()`` run it), the language marks, the footnote links
    (for the page and, with the article's URL, for feeds), the feed's absolute URLs.
    """
    base = "https://example.org/articles/x/"
    findings = []
    for payload in PAYLOADS:
        clean = sanitize_html(payload.text)
        # A CR in text comes back as LF the second time: the same text to a browser.
        if sanitize_html(clean) != clean.replace("\r\n", "\n").replace("\r", "\n"):
            findings.append(
                Finding("sanitize_html", "not idempotent", clean[:200], (payload.number,))
            )
        for language in ("ar", "en"):
            marked = mark_directions(clean, language)
            page = link_footnotes(marked, [1, 2, 3]).html
            feed = absolutize(link_footnotes(marked, [1, 2, 3], base=base).html, base)
            for where, html in (("page", page), ("feed", feed)):
                inspector = inspect_html(
                    html,
                    context="fragment",
                    place=f"body ({language} {where})",
                    candidates=(payload.number,),
                    fragment=True,
                )
                for finding in inspector.findings:
                    finding.payloads = (payload.number,)
                findings += inspector.findings
    assert not findings, report("body, one payload at a time", findings)


def test_the_search_query_is_shown_inert(public):
    """Not an editor's field, but the one place the site shows what a visitor typed."""
    new_article(0, title_ar=f"{CANARY} <script>alert(1)</script>")
    findings = []
    for payload in sample() + [p for p in PAYLOADS if p.family == "attribute-breakout"]:
        query = f"{CANARY} {payload.text}"
        for prefix_ in ("", "/en"):
            response, error = fetch(public, f"{prefix_}/search/?q={quote(query)}")
            if error is not None:
                findings.append(Finding("search", "the view crashed", repr(error)[:300]))
                continue
            inspector = inspect_html(
                response.content.decode(),
                context="public",
                place=f"{prefix_}/search/?q=…",
                candidates=(payload.number,),
            )
            for finding in inspector.findings:
                finding.payloads = (payload.number,)
            findings += inspector.findings
    assert not findings, report("search query", findings)


# --- A sample through the admin's own forms ------------------------------------------


def sample():
    """One payload of each family, and those that are about the admin's forms."""
    chosen, seen = [], set()
    for payload in PAYLOADS:
        if payload.family not in seen and NUL not in payload.text:
            chosen.append(payload)
            seen.add(payload.family)
    wanted = (
        "<noscript>",
        "<!--[if gte mso 9]>",
        "\u202e",
        '"><script>',
        "{% debug %}",
        "</textarea>",
        "</title>",
        "\x0b",
        "<o:p>",
        "jav&#x09;ascript",
    )
    for needle in wanted:
        for payload in PAYLOADS:
            if needle in payload.text and NUL not in payload.text and payload not in chosen:
                chosen.append(payload)
                break
    return chosen


def article_form(section, **overrides):
    """The shared admin form with neutral content: a title only, published yesterday."""
    neutral = {
        "title_ar": "مقال",
        "summary_ar": "",
        "body_ar": "",
        "published_at_0": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d"),
        "published_at_1": "12:00:00",
        "tags": "",
    }
    return shared_article_form(section, **(neutral | overrides))


def author_form(**overrides):
    data = dict.fromkeys(
        ["name_en", "slug", "role_ar", "role_en", "bio_ar", "bio_en", "email", "website"], ""
    )
    return data | {"kind": "person", "x_handle": ""} | overrides


def posted(editor, url, data):
    """The admin's answer to a post: a redirect when saved, else the form again.

    The "was added" messages are shown on the next admin page read, which is checked.
    """
    try:
        return editor.post(url, data), None
    except Exception as error:  # any crash is a finding, not the end of the test
        return None, error


def saved(response, error):
    return error is None and response.status_code == 302


def check_response(response, error, place, candidates):
    if error is not None:
        return [Finding(place, "the admin crashed", repr(error)[:300], candidates)]
    if response.status_code == 302:
        return []
    text = response.content.decode()
    return inspect_html(text, context="admin", place=place, candidates=candidates).findings


def test_sample_through_the_admin_article_form(superuser_client, public):
    chosen = sample()
    section = benign_section()
    findings, articles = [], []
    for value, numbers in pack(chosen, 200):
        body = "".join(
            f"<p>{mark(PAYLOAD_BY_NUMBER[n])}</p>{PAYLOAD_BY_NUMBER[n].text}" for n in numbers
        )
        data = article_form(
            section,
            title_ar=f"{CANARY} {value}",
            title_en=value,
            summary_ar=value,
            summary_en=value,
            body_ar=body + "<p>نص[1]</p>",
            body_en=body,
            cover_caption=value,
            cover_credit=value,
            # Tags as typed: quoted, and bare (the way a paste arrives); without the
            # double quotes, which taggit reads as grouping (long names: another test).
            tags=f'"{value[:90].replace(chr(34), "")}", '
            + "، ".join(PAYLOAD_BY_NUMBER[n].text[:60].replace('"', "") for n in numbers),
        )
        data |= inline_management("references", total=2)
        for i, url in enumerate(('https://example.org/"><script>alert(1)</script>', "")):
            for name in ("authors", "title", "publisher", "note"):
                data[f"references-{i}-{name}"] = value
            data |= {
                f"references-{i}-number": str(i + 1),
                f"references-{i}-date_text": value[:100],
                f"references-{i}-report_number": value[:100],
                f"references-{i}-url": url,
            }
        response, error = posted(superuser_client, reverse("admin:articles_article_add"), data)
        findings += check_response(response, error, "admin article add", numbers)
        if saved(response, error):
            articles.append(Article.objects.latest("pk"))
        elif error is None:
            findings.append(
                Finding(
                    "admin article add",
                    "form refused",
                    str(response.context.get("errors"))[:300],
                    numbers,
                )
            )
    assert articles, "nothing was saved through the form"
    for tag in Tag.objects.filter(slug=""):
        findings.append(
            Finding(
                "admin article add, tags field",
                "a tag saved with an empty slug (its pages cannot be linked)",
                repr(tag.name),
                tuple(p.number for p in chosen if tag.name and tag.name in p.text)[:3],
            )
        )
    stored = articles[0]
    assert sanitize_html(stored.body_ar) == stored.body_ar
    places = [detail_place(a, "ar") for a in articles] + [detail_place(articles[0], "en")]
    places += feed_places("ar") + feed_places("en")
    places += [admin_changelist(Article), Place(reverse("admin:index"), "admin")]
    places += [admin_change(Article, a.pk) for a in articles[:2]]
    findings += [f for place in places for f in visit(place, public, superuser_client)]
    assert not findings, report("admin article form", findings)


def reference_rows(payloads):
    data = inline_management("references", total=len(payloads))
    for i, payload in enumerate(payloads):
        data |= {
            f"references-{i}-number": str(i + 1),
            f"references-{i}-title": f"مرجع {mark(payload)}",
            f"references-{i}-url": payload.text,
        }
    return data


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param('">", ؟، !!!، «»', id="names-without-letters"),
        pytest.param("وسم_طويل_" * 12 + "، قصير", id="name-longer-than-100"),
    ],
)
def test_odd_tags_typed_in_the_article_form(superuser_client, public, typed):
    """What the tags field takes is shown, and what it cannot take is refused, not a crash
    (taggit makes the tags: no slug from a name without letters, no length check)."""
    data = article_form(benign_section(), title_ar=f"{CANARY} وسوم غريبة", tags=typed)
    response, error = posted(superuser_client, reverse("admin:articles_article_add"), data)
    findings = check_response(response, error, "admin article add (tags)", ())
    for tag in Tag.objects.all():
        if not tag.slug or len(tag.name) > 100 or len(tag.slug) > 100:
            shown = f"name {tag.name[:50]!r} ({len(tag.name)} chars), slug {tag.slug[:50]!r}"
            findings.append(Finding("admin article add (tags)", "tag saved unusable", shown))
    for article in Article.objects.all():
        findings += visit(detail_place(article, "ar"), public, superuser_client)
    assert not findings, report(f"tags typed as {typed[:40]!r}", findings)


def test_urls_through_the_admin_forms(superuser_client, public):
    """A reference's URL and an author's website: what the form takes renders safely,
    and what it refuses is shown back safely."""
    urls = [p for p in PAYLOADS if p.family == "url-value"]
    section = benign_section()
    data = article_form(section, title_ar="مقال المراجع") | reference_rows(urls)
    response, error = posted(superuser_client, reverse("admin:articles_article_add"), data)
    findings = check_response(response, error, "admin reference urls", ())
    accepted = urls
    if error is None and not saved(response, error):
        formset = next(
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix == "references"
        )
        accepted = [p for p, form in zip(urls, formset.forms, strict=True) if not form.errors]
        data = article_form(section, title_ar="مقال المراجع") | reference_rows(accepted)
        response, error = posted(superuser_client, reverse("admin:articles_article_add"), data)
        findings += check_response(response, error, "admin reference urls (accepted)", ())
    for payload in urls:
        data = author_form(name_ar=f"كاتب {mark(payload)}", website=payload.text)
        response, error = posted(superuser_client, reverse("admin:authors_author_add"), data)
        findings += check_response(response, error, "admin author website", (payload.number,))
    for reference in Reference.objects.all():
        if url_scheme_is_dangerous(reference.url):
            findings.append(Finding("admin reference url", "saved", reference.url))
    for author in Author.objects.all():
        if url_scheme_is_dangerous(author.website):
            findings.append(Finding("admin author website", "saved", author.website))
    places = [Place(a.get_absolute_url(), "page") for a in Author.objects.all()]
    places += [detail_place(a, "ar") for a in Article.objects.all()]
    places += feed_places("ar")
    findings += [f for place in places for f in visit(place, public, superuser_client)]
    assert not findings, report("URLs through the admin", findings)


def test_null_bytes_are_refused_by_the_admin_forms_safely(superuser_client):
    section = benign_section()
    findings = []
    for payload in [p for p in PAYLOADS if NUL in p.text]:
        data = article_form(section, title_ar=payload.text, summary_ar=payload.text)
        response, error = posted(superuser_client, reverse("admin:articles_article_add"), data)
        findings += check_response(response, error, "admin article add (NUL)", (payload.number,))
        if saved(response, error):
            findings.append(Finding("admin article add (NUL)", "saved", "", (payload.number,)))
    assert not findings, report("NUL through the admin", findings)


def test_sample_through_the_admin_author_section_and_tag_forms(superuser_client, public):
    chosen = sample()
    findings, authors, sections, tags = [], [], [], []
    for i, (value, numbers) in enumerate(pack(chosen, 100)):
        data = author_form(
            name_ar=value, role_ar=value, bio_ar=value + "\n" + value, x_handle=value[:50]
        )
        response, error = posted(superuser_client, reverse("admin:authors_author_add"), data)
        findings += check_response(response, error, "admin author add", numbers)
        if saved(response, error):
            authors.append(Author.objects.latest("pk"))
        section_data = {
            "name_ar": value,
            "name_en": "",
            "slug": "",
            "description_ar": value,
            "description_en": "",
            "genre": "analysis",
            "position": "0",
        }
        response, error = posted(
            superuser_client, reverse("admin:articles_section_add"), section_data
        )
        findings += check_response(response, error, "admin section add", numbers)
        if saved(response, error):
            sections.append(Section.objects.latest("pk"))
        tag_data = {"name_ar": value, "name_en": "", "slug": f"xss-tag-{i}"}
        response, error = posted(superuser_client, reverse("admin:articles_tag_add"), tag_data)
        findings += check_response(response, error, "admin tag add", numbers)
        if saved(response, error):
            tags.append(Tag.objects.latest("pk"))
    assert authors and sections and tags
    article = new_article(0, section=sections[0])
    for position, author in enumerate(authors, start=1):
        Authorship.objects.create(article=article, author=author, position=position)
    article.tags.add(*tags)
    places = [Place(obj.get_absolute_url(), "page") for obj in [*authors, *sections, *tags]]
    places += [detail_place(article, "ar"), *feed_places("ar")]
    for model in (Author, Section, Tag, Article):
        places.append(admin_changelist(model))
    places += [admin_change(Author, authors[0].pk), admin_change(Section, sections[0].pk)]
    places += [admin_change(Tag, tags[0].pk), admin_change(Article, article.pk)]
    places.append(Place(reverse("admin:index"), "admin"))
    places += autocomplete_places(
        "articles", "authorship", "author", {str(a) for a in Author.objects.all()}
    )
    places += autocomplete_places(
        "articles", "article", "section", {str(s) for s in Section.objects.all()}
    )
    findings += [f for place in places for f in visit(place, public, superuser_client)]
    assert not findings, report("admin author, section and tag forms", findings)
