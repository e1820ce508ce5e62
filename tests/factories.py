"""Small helpers that build valid content with as little typing as a test needs."""

import itertools
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Authorship, ReadAlso, Reference, Section
from authors.models import Author

_counter = itertools.count(1)


def make_section(**kwargs):
    n = next(_counter)
    kwargs.setdefault("name", f"قسم {n}")
    return Section.objects.create(**kwargs)


def make_author(**kwargs):
    n = next(_counter)
    kwargs.setdefault("name", f"كاتب {n}")
    return Author.objects.create(**kwargs)


def make_article(*, authors=(), tags=(), published=True, when=None, **kwargs):
    """An article, published an hour ago unless told otherwise."""
    n = next(_counter)
    kwargs.setdefault("title", f"مقال تجريبي رقم {n}")
    kwargs.setdefault("summary", "ملخص قصير للمقال.")
    kwargs.setdefault("body", "<p>نص المقال[1].</p>")
    if "section" not in kwargs:
        kwargs["section"] = make_section()
    if published:
        kwargs.setdefault("status", Article.Status.PUBLISHED)
        kwargs.setdefault("published_at", when or timezone.now() - timedelta(hours=1))
    article = Article.objects.create(**kwargs)
    for position, author in enumerate(authors, start=1):
        Authorship.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def make_reference(article, number, **kwargs):
    kwargs.setdefault("title", f"مرجع {number}")
    return Reference.objects.create(article=article, number=number, **kwargs)


def make_read_also(article, target, position=0):
    return ReadAlso.objects.create(article=article, target=target, position=position)


# --- Helpers for the reading-site tests (views, search, queries) -------------


def jpeg_file(width=1600, height=900, name="cover.jpg"):
    """A real JPEG of the given size, ready for an ImageField."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


class HtmlElement:
    """One element of a page: its tag, attributes, ancestors and all the text inside it."""

    def __init__(self, tag, attrs, ancestors):
        self.tag, self.attrs, self.ancestors = tag, attrs, ancestors
        self._text = []

    @property
    def text(self):
        return " ".join("".join(self._text).split())

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class HtmlPage:
    """A page parsed with the standard library, to look elements up by tag and attributes.

    ``page.find_all("a", class_="kicker", within=element)``; ``class_`` matches one of
    the element's classes, other attributes match exactly, ``True`` means "present".
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, response_or_html):
        from html.parser import HTMLParser

        content = getattr(response_or_html, "content", response_or_html)
        self.html = content.decode() if isinstance(content, bytes) else content
        self.elements, stack = [], []
        page = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                element = HtmlElement(tag, {k: v or "" for k, v in attrs}, list(stack))
                page.elements.append(element)
                if tag not in page.VOID:
                    stack.append(element)

            def handle_startendtag(self, tag, attrs):
                page.elements.append(HtmlElement(tag, {k: v or "" for k, v in attrs}, list(stack)))

            def handle_endtag(self, tag):
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i].tag == tag:
                        del stack[i:]
                        break

            def handle_data(self, data):
                for element in stack:
                    element._text.append(data)

        parser = Parser(convert_charrefs=True)
        parser.feed(self.html)
        parser.close()

    def find_all(self, tag=None, *, within=None, **attrs):
        found = []
        for element in self.elements:
            if tag and element.tag != tag:
                continue
            if within is not None and within not in element.ancestors:
                continue
            if all(self._matches(element, name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag=None, *, within=None, **attrs):
        """The one element that matches; fails the test if there are none or several."""
        found = self.find_all(tag, within=within, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}: {found}"
        return found[0]

    def meta(self, key):
        """The content of every <meta property=key> or <meta name=key>, in order."""
        return [
            element.get("content")
            for element in self.find_all("meta")
            if key in (element.get("property"), element.get("name"))
        ]

    @staticmethod
    def _matches(element, name, value):
        name = name.rstrip("_").replace("_", "-")
        if name not in element.attrs:
            return value is False
        if value is True:
            return True
        if name == "class":
            return value in element.attrs[name].split()
        return element.attrs[name] == value


# --- Helpers for the English edition tests ------------------------------------


def make_tag(**kwargs):
    """A tag, Arabic name by default; pass ``name_en`` for its English name."""
    from articles.models import Tag

    n = next(_counter)
    if "name" not in kwargs and "name_ar" not in kwargs:
        kwargs["name"] = f"وسم {n}"
    return Tag.objects.create(**kwargs)


# Admin forms, posted as the editor's browser would.
def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(section, editing=None, **overrides):
    """An article form as posted. ``editing``: the article whose change form the editor
    opened; the form then carries the version it was opened at (``seen_version``), read
    now, as the page would have it. Without it, a change form is refused."""
    data = {
        "title_ar": "انضمام سورية إلى التحالف الدولي ضد داعش",
        "title_en": "",
        "slug_ar": "",
        "slug_en": "",
        "section": str(section.pk),
        "summary_ar": "ملخص المقال.",
        "summary_en": "",
        "body_ar": "<h2>مقدمة</h2><p>نص[1] ونص آخر[2].</p>",
        "body_en": "",
        "status": "published",
        "published_at_0": "2025-11-03",
        "published_at_1": "04:54:00",
        "tags": "سورية، داعش، التحالف الدولي",
        "cover_caption": "",
        "cover_credit": "",
    }
    data |= inline_management("authorships")
    data |= inline_management("references")
    data |= inline_management("read_also_links")
    if editing is not None:
        version = Article.objects.values_list("edit_version", flat=True).get(pk=editing.pk)
        data["seen_version"] = str(version)
    data.update(overrides)
    return data


def form_data(response):
    """An admin change form as the browser would post it back, unchanged."""
    from django.db.models.fields.files import FieldFile

    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or isinstance(value, FieldFile):
            continue
        data[name] = value
    return data


def member_of(group_name, username):
    """A staff user in one of the editorial groups (الكتّاب، المحررون، المديرون)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password="unused-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def require(available, reason):
    """Skip when ``available`` is false, or fail instead when running in CI."""
    import os

    import pytest

    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this test may not be skipped)", pytrace=False)
    pytest.skip(reason)
