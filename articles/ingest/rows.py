"""The rows a seed document becomes, written inside the importer's transaction.

Its article, with the article's authorships, tags, references and «read also»
links, and the sections, authors, tags and related articles these point to:
what exists already is reused as it is, the rest made from the metadata's specs.
Every row is validated as the admin would before it is saved. Search text is
rebuilt by the search package's receivers, not here.
"""

from datetime import datetime

from django.utils import timezone

from authors.models import Author

from ..citations.parsing import WRITTEN_FIELDS, with_structure
from ..models import Article, Authorship, ReadAlso, Reference, Section, Tag
from ..tagging import name_lookup
from .errors import SeedError, located, shown


def saved(instance):
    """Validate as the admin would, then save."""
    instance.full_clean()
    instance.save()
    return instance


def empty(value):
    return not (value or "").strip()


def fill_empty(instance, values):
    """Set the fields of ``values`` that are empty on ``instance``; the names of those set."""
    filled = [name for name, value in values.items() if empty(getattr(instance, name))]
    for name in filled:
        setattr(instance, name, values[name])
    if filled:
        saved(instance)
    return filled


def article_import(*, path, metadata_path, document, metadata, published_at, created):
    """The document's article with everything it holds and points to.

    Every article and author made is appended to ``created``, for its first revision.
    """
    sections = {spec.slug: spec for spec in metadata.sections}
    authors = {spec.name: spec for spec in metadata.author_specs}

    with located(metadata_path):
        section = _section(sections, metadata.section, metadata.line_of("article", "section"))
        byline = [
            _author(authors, name, metadata.line_of("article", "authors"), created)
            for name in metadata.authors
        ]
    article = _article(
        title=document.title,
        summary=metadata.summary,
        body=document.body_html,
        slug=metadata.slug,
        section=section,
        published_at=published_at,
        authors=byline,
        created=created,
    )
    if metadata.tags:
        article.tags.add(*[_tag(name, metadata.tags_en.get(name)) for name in metadata.tags])

    for reference in document.references:
        saved(
            Reference(
                article=article,
                number=reference.number,
                **with_structure({name: getattr(reference, name) for name in WRITTEN_FIELDS}),
            )
        )

    if document.read_also:
        with located(metadata_path):
            if not metadata.read_also_section:
                raise SeedError("the document lists «اقرأ أيضا»: [read_also] needs a section")
            related_section = _section(
                sections, metadata.read_also_section, metadata.line_of("read_also", "section")
            )
    for position, entry in enumerate(document.read_also, start=1):
        with located(path):
            author = _author(authors, entry.author, entry.author_line, created)
        target = _related(entry, related_section, author, metadata, article, created)
        saved(ReadAlso(article=article, target=target, position=position))
    return article


def article_translate(*, article, english, metadata):
    """Fill the article's empty English fields from the parsed translation."""
    values = {"title_en": english.title, "body_en": english.body_html}
    if metadata.summary_en:
        values["summary_en"] = metadata.summary_en
    # Saving makes the English slug from the English title and, through the search
    # receivers, rebuilds the search text. A slug is only added, never replaced, so
    # there is no old address to keep (``services.article_save``).
    fill_empty(article, values)


def english_names_fill(*, metadata, metadata_path, warn):
    """Give existing sections, authors and tags the metadata's English names where empty.

    Rows this run creates get them on creation; this fills in those made by
    an earlier run or by an editor, never overwriting a name already there.
    Returns ``(Arabic name, English name)`` for every row changed.
    """
    filled = []
    for spec in metadata.sections:
        section = Section.objects.filter(slug=spec.slug).first()
        if section and fill_empty(section, spec.english()):
            filled.append((section.name_ar, section.name_en))
    for spec in metadata.author_specs:
        author = Author.objects.filter(name_ar=spec.name).order_by("pk").first()
        if author and fill_empty(author, spec.english()):
            filled.append((author.name_ar, author.name_en))
    for name, english in metadata.tags_en.items():
        tag = Tag.objects.filter(name_lookup(name)).order_by("pk").first()
        if tag is None or not empty(tag.name_en):
            continue
        if _tag_name_taken(english, tag):
            warn(
                f"{shown(metadata_path)}: tag «{name}» left without an English name: "
                f"another tag is called «{english}»"
            )
            continue
        fill_empty(tag, {"name_en": english})
        filled.append((tag.name_ar, tag.name_en))
    return filled


def _tag_name_taken(english, tag=None):
    others = Tag.objects.filter(name_lookup(english))
    if tag is not None:
        others = others.exclude(pk=tag.pk)
    return others.exists()


def _section(specs, slug, line):
    """The section with ``slug``: an existing one as it is, else made from its spec."""
    section = Section.objects.filter(slug=slug).first()
    if section:
        return section
    spec = specs.get(slug)
    if spec is None:
        raise SeedError(
            f"unknown section «{slug}»: not in the database nor under [[sections]]", line
        )
    section = Section(slug=spec.slug, genre=spec.genre, position=spec.position, name_ar=spec.name)
    section.description_ar = spec.description
    for name, value in spec.english().items():
        setattr(section, name, value)
    return saved(section)


def _author(specs, name, line, created):
    """The author called ``name`` in Arabic, reused when one exists."""
    author = Author.objects.filter(name_ar=name).order_by("pk").first()
    if author:
        return author
    spec = specs.get(name)
    if spec is None:
        raise SeedError(f"unknown author «{name}»: not in the database nor under [[authors]]", line)
    author = Author(name_ar=spec.name, kind=spec.kind, role_ar=spec.role)
    for field, value in spec.english().items():
        setattr(author, field, value)
    saved(author)
    created.append(author)
    return author


def _tag(name, english):
    """The tag called ``name`` in either language, else a new one with its English name."""
    tag = Tag.objects.filter(name_lookup(name)).order_by("pk").first()
    if tag:
        return tag
    tag = Tag(name_ar=name)
    if english and not _tag_name_taken(english):
        tag.name_en = english
    tag.save()
    return tag


def _article(
    *, title, summary, body, section, published_at, authors, created, slug="", summary_only=False
):
    article = Article(
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        summary_only=summary_only,
    )
    article.title_ar = title
    article.summary_ar = summary
    article.body_ar = body
    if slug:
        article.slug_ar = slug
    saved(article)
    created.append(article)
    for position, author in enumerate(authors, start=1):
        Authorship.objects.create(article=article, author=author, position=position)
    return article


def _related(entry, section, author, metadata, main, created):
    """A «read also» article: the existing one with that title, else a summary-only entry.

    The seed lists the pieces it recommends by title, summary, date and author only;
    their text is not in the seeds, so they are made summary-only entries (shown in
    this block, with no page and in no list) rather than empty articles.
    """
    existing = (
        Article.objects.filter(title_ar=entry.title).exclude(pk=main.pk).order_by("pk").first()
    )
    if existing:
        return existing
    published_at = datetime.combine(
        entry.date, metadata.read_also_time, tzinfo=timezone.get_default_timezone()
    )
    return _article(
        title=entry.title,
        summary=entry.summary,
        body="",
        section=section,
        published_at=published_at,
        authors=[author],
        created=created,
        summary_only=True,
    )
