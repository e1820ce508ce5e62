"""A Word document written into the database as a draft: :func:`docx_import`.

Everything happens in one transaction: the article (always a draft, created by
the importing user), its authorships, its references, the cover and the first
revision «استيراد من ملف Word: NAME.docx». On any error nothing stays: the
transaction is rolled back and a cover file already stored is deleted.

An English document given an existing article becomes that article's English
edition: only its empty English fields are filled, and references are added only
when the article has none (the references are shared by both editions).
"""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reversion import revisions as reversion

from core.images import reencode_image, validate_image_upload

from ... import search
from ...citations.parsing import with_structure
from ...models import Article, Authorship, Reference
from ..errors import SeedError
from ..references import parse_reference
from .body import extract
from .convert import convert
from .package import WordImportError, open_package

TITLE_LIMIT = Article._meta.get_field("title").max_length
REFERENCE_TITLE_LIMIT = Reference._meta.get_field("title").max_length


@dataclass
class WordImport:
    article: Article
    created: bool
    #: what was imported and what was left out, sentence by sentence
    report: list = field(default_factory=list)

    @property
    def message(self):
        return " ".join(self.report)


def revision_comment(name):
    return _("Imported from the Word file: %(name)s") % {"name": name}


def docx_import(
    *, data, name, user, section=None, authors=(), language="ar", translation_of=None, cover=True
):
    """Import the .docx ``data`` (called ``name``); raises :class:`WordImportError`."""
    package = open_package(data)
    conversion = convert(package, data)
    document = extract(conversion.html)
    if not document.title:
        raise WordImportError(
            _("The document has no title: give its first line the Title style."), "no_title"
        )
    title = document.title[:TITLE_LIMIT]
    references = [_reference(number, text) for number, text in document.references]

    stored = []
    try:
        with transaction.atomic(), search.deferred():
            if translation_of is not None:
                article = Article.objects.select_for_update().get(pk=translation_of.pk)
                created = False
                filled = _fill_english(article, title, document)
                if article.references.exists():
                    references = []
            else:
                if section is None:
                    raise WordImportError(_("Choose the article's section."), "no_section")
                article = Article(section=section, status=Article.Status.DRAFT, created_by=user)
                for suffix in {"ar", language}:
                    setattr(article, f"title_{suffix}", title)
                setattr(article, f"summary_{language}", document.summary)
                setattr(article, f"body_{language}", document.body)
                created, filled = True, []
                _saved(article)
                for position, author in enumerate(authors, start=1):
                    Authorship.objects.create(article=article, author=author, position=position)
            for parts in references:
                _saved(Reference(article=article, **with_structure(parts)))
            cover_note = ""
            if cover and conversion.image and not article.cover_image:
                cover_note = _store_cover(article, conversion.image, stored)
            article.refresh_from_db()
            with reversion.create_revision():
                reversion.set_comment(revision_comment(name))
                if user is not None:
                    reversion.set_user(user)
                reversion.add_to_revision(article)
    except ValidationError as error:
        _delete(stored)
        raise WordImportError(
            _("The document could not be saved: %(reason)s") % {"reason": _describe(error)},
            "invalid",
        ) from error
    except BaseException:
        _delete(stored)
        raise

    result = WordImport(article=article, created=created)
    result.report = _report(document, conversion, references, cover_note, created, filled)
    return result


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def _fill_english(article, title, document):
    values = {"title_en": title, "summary_en": document.summary, "body_en": document.body}
    filled = [name for name, value in values.items() if value and not getattr(article, name)]
    for name in filled:
        setattr(article, name, values[name])
    if filled:
        _saved(article)
    return filled


_MODEL_FIELDS = {f.name for f in Reference._meta.concrete_fields}


def _reference(number, text):
    """A reference's fields from a note's text: the citation parser's, else the whole text."""
    try:
        parsed = asdict(parse_reference(text, number=number))
    except SeedError:
        parsed = {"number": number, "title": text}
    parts = {name: value for name, value in parsed.items() if name in _MODEL_FIELDS and value}
    if len(parts.get("title", "")) > REFERENCE_TITLE_LIMIT:
        parts["title"] = parts["title"][: REFERENCE_TITLE_LIMIT - 1] + "…"
    try:
        Reference(**parts).clean_fields(exclude=["article"])
    except ValidationError:
        # What the parser found does not fit the fields (a malformed address): the note whole.
        parts = {"number": number, "title": text[: REFERENCE_TITLE_LIMIT - 1]}
    return parts


def _store_cover(article, image, stored):
    upload = ContentFile(image, name="cover")
    try:
        validate_image_upload(upload)
        cover = reencode_image(upload)
    except ValidationError as error:
        return _("The first image was not used as the cover: %(reason)s") % {
            "reason": " ".join(error.messages)
        }
    article.cover_image.save(cover.name, cover, save=False)
    stored.append(article.cover_image.name)
    article.save()
    return _("The document's first image is the cover.")


def _delete(names):
    for name in names:
        Article._meta.get_field("cover_image").storage.delete(name)


def _describe(error):
    if hasattr(error, "message_dict"):
        return "; ".join(" ".join(messages) for messages in error.message_dict.values())
    return " ".join(error.messages)


_SKIPPED = {
    "images": lambda n: ngettext("%(count)d image", "%(count)d images", n),
    "tables": lambda n: ngettext("%(count)d table", "%(count)d tables", n),
    "comments": lambda n: ngettext("%(count)d comment", "%(count)d comments", n),
    "text_boxes": lambda n: ngettext(
        "%(count)d text box (its text kept in place)",
        "%(count)d text boxes (their text kept in place)",
        n,
    ),
    "deletions": lambda n: ngettext("%(count)d tracked deletion", "%(count)d tracked deletions", n),
    "headers_footers": lambda n: ngettext(
        "%(count)d header or footer", "%(count)d headers and footers", n
    ),
    "fields": lambda n: ngettext(
        "%(count)d field (its shown text kept)", "%(count)d fields (their shown text kept)", n
    ),
    "page_breaks": lambda n: ngettext("%(count)d page break", "%(count)d page breaks", n),
    "unsafe_links": lambda n: ngettext(
        "%(count)d link that was not a web or mail address",
        "%(count)d links that were not web or mail addresses",
        n,
    ),
}


def _report(document, conversion, references, cover_note, created, filled):
    report = []
    if created:
        report.append(
            ngettext(
                "Imported as a draft with %(count)d reference.",
                "Imported as a draft with %(count)d references.",
                len(references),
            )
            % {"count": len(references)}
        )
    elif filled:
        report.append(
            _("Filled the empty English fields (%(fields)s).") % {"fields": ", ".join(filled)}
        )
    else:
        report.append(_("The article's English fields were already written; nothing replaced."))
    counts = {**conversion.skipped, **document.counts}
    left_out = [
        describe(counts[kind]) % {"count": counts[kind]}
        for kind, describe in _SKIPPED.items()
        if counts.get(kind)
    ]
    if left_out:
        report.append(_("Left out: %(items)s.") % {"items": _(", ").join(left_out)})
    if conversion.unknown_styles:
        report.append(
            _("Styles read as plain paragraphs: %(styles)s.")
            % {"styles": ", ".join(conversion.unknown_styles[:10])}
        )
    if not document.summary and created:
        report.append(_("No summary was found: write one."))
    if cover_note:
        report.append(cover_note)
    return report
