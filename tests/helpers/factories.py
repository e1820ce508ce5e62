"""Small helpers that build valid content with as little typing as a test needs."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Authorship, ReadAlso, Reference, Section, Tag
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


def make_tag(**kwargs):
    """A tag, Arabic name by default; pass ``name_en`` for its English name."""
    n = next(_counter)
    if "name" not in kwargs and "name_ar" not in kwargs:
        kwargs["name"] = f"وسم {n}"
    return Tag.objects.create(**kwargs)


def jpeg_file(width=1600, height=900, name="cover.jpg"):
    """A real JPEG of the given size, ready for an ImageField."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)
