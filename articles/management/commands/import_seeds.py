"""``manage.py import_seeds``: turn the documents in ``seeds/`` into site content.

Parsing lives in :mod:`articles.seeds`; this command only writes what it gets,
one transaction per document, and records each document in ``SeedImport`` so
that a second run leaves alone whatever editors have since done with it.

``NAME.en.txt`` beside ``NAME.txt`` is the document's English translation. It
goes into the English fields of the document's article, in the document's
transaction, and is recorded in ``SeedImport`` under its own file name. A
translation that arrives after its document was imported (a database seeded
before the translation existed) is applied on its own, in one transaction,
filling only English fields that are still empty: an article whose English
title an editor has written keeps its English as it is. English names of
sections, authors and tags from the metadata are likewise set when the rows
are made and filled in on existing rows only where they are empty.

Every article and author a document creates gets its first revision
(django-reversion), in the document's transaction, with the comment «استيراد من
seeds/…»: an editor's first save in the admin can be compared with what was
imported, and the import restored. A late translation is a revision of its own.
"""

import hashlib
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reversion import revisions as reversion

from articles import search, seeds
from articles.models import Article, Authorship, ReadAlso, Reference, Section, SeedImport, Tag
from articles.tagging import name_lookup
from authors.models import Author


def _shown(path):
    """A path as short as it can be said: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@contextmanager
def _located(path):
    """Turn a parser's error into a command error that names the file and line."""
    try:
        yield
    except seeds.SeedError as error:
        where = f"{_shown(path)}:{error.line}" if error.line else _shown(path)
        raise CommandError(f"{where}: {error.message}") from error


def _saved(instance):
    """Validate as the admin would, then save."""
    instance.full_clean()
    instance.save()
    return instance


def _empty(value):
    return not (value or "").strip()


def _source(path):
    """A document as its revision's comment names it: its folder and its name."""
    return f"{path.parent.name}/{path.name}"


def _keep_revisions(objects, comment):
    """One revision for each object, as it now stands (an article with its relations)."""
    for instance in objects:
        if not reversion.is_registered(type(instance)):
            continue
        instance.refresh_from_db()
        with reversion.create_revision():
            reversion.set_comment(comment)
            reversion.add_to_revision(instance)


def _fill_empty(instance, values):
    """Set the fields of ``values`` that are empty on ``instance``; the names of those set."""
    filled = [name for name, value in values.items() if _empty(getattr(instance, name))]
    for name in filled:
        setattr(instance, name, values[name])
    if filled:
        _saved(instance)
    return filled


class Command(BaseCommand):
    help = "Import the seed documents (seeds/*.txt with their .toml metadata) once each."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            help="Folder holding the documents (default: the project's seeds/ folder).",
        )

    def handle(self, *args, path=None, **options):
        folder = path or Path(settings.BASE_DIR) / "seeds"
        if not folder.is_dir():
            raise CommandError(f"{_shown(folder)}: no such folder")
        files = sorted(folder.glob("*.txt"))
        documents = [file for file in files if not seeds.is_translation(file.name)]
        # A translation is imported with its document, so one without a document is an error.
        for file in files:
            source = file.with_name(seeds.source_name(file.name))
            if seeds.is_translation(file.name) and source not in documents:
                raise CommandError(
                    f"{_shown(file)}: a translation of {source.name}, which is not there"
                )
        if not documents:
            self.stdout.write(f"no documents in {_shown(folder)}")
        with translation.override("ar"):
            for document in documents:
                self.import_document(document)

    def import_document(self, path):
        translated = path.with_name(seeds.translation_name(path.name))
        record = SeedImport.objects.filter(document=path.name).first()
        if record:
            self.stdout.write(f"skipped {path.name} (already imported)")
            if translated.is_file():
                self.import_late_translation(translated, path, record)
            return

        metadata_path = path.with_suffix(".toml")
        if not metadata_path.is_file():
            raise CommandError(f"{_shown(path)}: metadata file {_shown(metadata_path)} is missing")
        data = self._read(path)
        tz = timezone.get_default_timezone()
        with _located(metadata_path):
            metadata = seeds.parse_metadata(seeds.decode(self._read(metadata_path)), tz)
        with _located(path):
            document = seeds.parse_document(seeds.decode(data), metadata.layout, tz)
        with _located(metadata_path):
            published_at = seeds.publication_time(document, metadata)
        english = english_data = None
        if translated.is_file():
            english_data = self._read(translated)
            with _located(translated):
                english = seeds.parse_translation(
                    seeds.decode(english_data), document, metadata.layout, tz
                )

        # A failure in the translation rolls back its document as well: both or neither.
        failing = path
        self._created = []
        try:
            with transaction.atomic():
                article = self._write(path, metadata_path, document, metadata, published_at)
                SeedImport.objects.create(
                    document=path.name, digest=hashlib.sha256(data).hexdigest(), article=article
                )
                failing = metadata_path
                filled = self._fill_names(metadata, metadata_path)
                if english:
                    failing = translated
                    self._translate(article, english, metadata)
                    SeedImport.objects.create(
                        document=translated.name,
                        digest=hashlib.sha256(english_data).hexdigest(),
                        article=article,
                    )
                _keep_revisions(
                    self._created, _("Imported from %(file)s") % {"file": _source(path)}
                )
        except (ValidationError, IntegrityError) as error:
            raise CommandError(f"{_shown(failing)}: {self._describe(error)}") from error

        self.stdout.write(
            self.style.SUCCESS(f"imported {path.name}: «{document.title}»")
            + f" ({len(document.references)} references, {len(document.read_also)} read-also)"
        )
        if english:
            self.stdout.write(
                self.style.SUCCESS(f"imported translation {translated.name} into «{english.title}»")
            )
        self._report_names(filled)

    def import_late_translation(self, path, source_path, record):
        """The translation of a document imported before the translation existed."""
        if SeedImport.objects.filter(document=path.name).exists():
            self.stdout.write(f"skipped translation {path.name} (already imported)")
            return
        if record.article is None:
            self.stdout.write(
                f"skipped translation {path.name} "
                f"(the article imported from {source_path.name} was deleted)"
            )
            return

        metadata_path = source_path.with_suffix(".toml")
        if not metadata_path.is_file():
            raise CommandError(f"{_shown(path)}: metadata file {_shown(metadata_path)} is missing")
        tz = timezone.get_default_timezone()
        with _located(metadata_path):
            metadata = seeds.parse_metadata(seeds.decode(self._read(metadata_path)), tz)
        with _located(source_path):
            source = seeds.parse_document(
                seeds.decode(self._read(source_path)), metadata.layout, tz
            )
        data = self._read(path)
        with _located(path):
            english = seeds.parse_translation(seeds.decode(data), source, metadata.layout, tz)

        failing = metadata_path
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=record.article_id)
                # Names are filled in even when an editor's English title keeps the article's.
                filled = self._fill_names(metadata, metadata_path)
                failing = path
                editor_title = article.title_en
                if _empty(editor_title):
                    self._translate(article, english, metadata)
                    _keep_revisions(
                        [article],
                        _("English translation imported from %(file)s") % {"file": _source(path)},
                    )
                # Recorded either way: a later run must not bring the seed's English back
                # after an editor has removed or replaced it.
                SeedImport.objects.create(
                    document=path.name, digest=hashlib.sha256(data).hexdigest(), article=article
                )
        except (ValidationError, IntegrityError) as error:
            raise CommandError(f"{_shown(failing)}: {self._describe(error)}") from error

        if _empty(editor_title):
            self.stdout.write(
                self.style.SUCCESS(f"imported translation {path.name} into «{english.title}»")
            )
        else:
            self.stdout.write(
                f"skipped translation {path.name}: «{article.title_ar}» already has an "
                f"English title, «{editor_title}», left as the editor wrote it"
            )
        self._report_names(filled)

    def _translate(self, article, english, metadata):
        """Fill the article's empty English fields from the parsed translation."""
        values = {"title_en": english.title, "body_en": english.body_html}
        if metadata.summary_en:
            values["summary_en"] = metadata.summary_en
        # Saving makes the English slug from the English title and rebuilds the search text.
        _fill_empty(article, values)

    def _fill_names(self, metadata, metadata_path):
        """Give existing sections, authors and tags the metadata's English names where empty.

        Rows this run creates get them on creation; this fills in those made by
        an earlier run or by an editor, never overwriting a name already there.
        Returns ``(Arabic name, English name)`` for every row changed.
        """
        filled = []
        for spec in metadata.sections:
            section = Section.objects.filter(slug=spec.slug).first()
            if section and _fill_empty(section, spec.english()):
                filled.append((section.name_ar, section.name_en))
        for spec in metadata.author_specs:
            author = Author.objects.filter(name_ar=spec.name).order_by("pk").first()
            if author and _fill_empty(author, spec.english()):
                filled.append((author.name_ar, author.name_en))
                for article in author.articles.all():
                    search.reindex([article])
        for name, english in metadata.tags_en.items():
            tag = Tag.objects.filter(name_lookup(name)).order_by("pk").first()
            if tag is None or not _empty(tag.name_en):
                continue
            if self._tag_name_taken(english, tag):
                self.stderr.write(
                    f"{_shown(metadata_path)}: tag «{name}» left without an English name: "
                    f"another tag is called «{english}»"
                )
                continue
            _fill_empty(tag, {"name_en": english})
            filled.append((tag.name_ar, tag.name_en))
            for article in Article.objects.filter(tags=tag):
                search.reindex([article])
        return filled

    @staticmethod
    def _tag_name_taken(english, tag=None):
        others = Tag.objects.filter(name_lookup(english))
        if tag is not None:
            others = others.exclude(pk=tag.pk)
        return others.exists()

    def _report_names(self, filled):
        if filled:
            self.stdout.write(
                "filled in empty English names: "
                + ", ".join(f"{arabic} → {english}" for arabic, english in filled)
            )

    def _read(self, path):
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"{_shown(path)}: cannot read: {error.strerror}") from error

    @staticmethod
    def _describe(error):
        if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(getattr(error, "messages", [str(error)]))

    def _write(self, path, metadata_path, document, metadata, published_at):
        sections = {spec.slug: spec for spec in metadata.sections}
        authors = {spec.name: spec for spec in metadata.author_specs}

        with _located(metadata_path):
            section = self._section(
                sections, metadata.section, metadata.line_of("article", "section")
            )
            byline = [
                self._author(authors, name, metadata.line_of("article", "authors"))
                for name in metadata.authors
            ]
        article = self._article(
            title=document.title,
            summary=metadata.summary,
            body=document.body_html,
            slug=metadata.slug,
            section=section,
            published_at=published_at,
            authors=byline,
        )
        if metadata.tags:
            article.tags.add(
                *[self._tag(name, metadata.tags_en.get(name)) for name in metadata.tags]
            )
            search.reindex([article])

        for reference in document.references:
            _saved(
                Reference(
                    article=article,
                    number=reference.number,
                    authors=reference.authors,
                    title=reference.title,
                    publisher=reference.publisher,
                    date_text=reference.date_text,
                    report_number=reference.report_number,
                    url=reference.url,
                    note=reference.note,
                )
            )

        if document.read_also:
            with _located(metadata_path):
                if not metadata.read_also_section:
                    raise seeds.SeedError(
                        "the document lists «اقرأ أيضا»: [read_also] needs a section"
                    )
                related_section = self._section(
                    sections, metadata.read_also_section, metadata.line_of("read_also", "section")
                )
        for position, entry in enumerate(document.read_also, start=1):
            with _located(path):
                author = self._author(authors, entry.author, entry.author_line)
            target = self._related(entry, related_section, author, metadata, article)
            _saved(ReadAlso(article=article, target=target, position=position))
        return article

    def _section(self, specs, slug, line):
        """The section with ``slug``: an existing one as it is, else made from its spec."""
        section = Section.objects.filter(slug=slug).first()
        if section:
            return section
        spec = specs.get(slug)
        if spec is None:
            raise seeds.SeedError(
                f"unknown section «{slug}»: not in the database nor under [[sections]]", line
            )
        section = Section(
            slug=spec.slug, genre=spec.genre, position=spec.position, name_ar=spec.name
        )
        section.description_ar = spec.description
        for name, value in spec.english().items():
            setattr(section, name, value)
        return _saved(section)

    def _author(self, specs, name, line):
        """The author called ``name`` in Arabic, reused when one exists."""
        author = Author.objects.filter(name_ar=name).order_by("pk").first()
        if author:
            return author
        spec = specs.get(name)
        if spec is None:
            raise seeds.SeedError(
                f"unknown author «{name}»: not in the database nor under [[authors]]", line
            )
        author = Author(name_ar=spec.name, kind=spec.kind, role_ar=spec.role)
        for field, value in spec.english().items():
            setattr(author, field, value)
        _saved(author)
        self._created.append(author)
        return author

    def _tag(self, name, english):
        """The tag called ``name`` in either language, else a new one with its English name."""
        tag = Tag.objects.filter(name_lookup(name)).order_by("pk").first()
        if tag:
            return tag
        tag = Tag(name_ar=name)
        if english and not self._tag_name_taken(english):
            tag.name_en = english
        tag.save()
        return tag

    def _article(self, *, title, summary, body, section, published_at, authors, slug=""):
        article = Article(
            section=section, status=Article.Status.PUBLISHED, published_at=published_at
        )
        article.title_ar = title
        article.summary_ar = summary
        article.body_ar = body
        if slug:
            article.slug_ar = slug
        _saved(article)
        self._created.append(article)
        for position, author in enumerate(authors, start=1):
            Authorship.objects.create(article=article, author=author, position=position)
        if authors:
            search.reindex([article])
        return article

    def _related(self, entry, section, author, metadata, main):
        """A «read also» article: the existing one with that title, else a new one."""
        existing = (
            Article.objects.filter(title_ar=entry.title).exclude(pk=main.pk).order_by("pk").first()
        )
        if existing:
            return existing
        published_at = datetime.combine(
            entry.date, metadata.read_also_time, tzinfo=timezone.get_default_timezone()
        )
        return self._article(
            title=entry.title,
            summary=entry.summary,
            body="",
            section=section,
            published_at=published_at,
            authors=[author],
        )
