"""``manage.py import_seeds``: turn the documents in ``seeds/`` into site content.

Parsing lives in :mod:`articles.seeds`; this command only writes what it gets,
one transaction per document, and records each document in ``SeedImport`` so
that a second run leaves alone whatever editors have since done with it.
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

from articles import seeds
from articles.models import Article, Authorship, ReadAlso, Reference, Section, SeedImport
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
        documents = sorted(folder.glob("*.txt"))
        if not documents:
            self.stdout.write(f"no documents in {_shown(folder)}")
        with translation.override("ar"):
            for document in documents:
                self.import_document(document)

    def import_document(self, path):
        record = SeedImport.objects.filter(document=path.name).first()
        if record:
            self.stdout.write(f"skipped {path.name} (already imported)")
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

        try:
            with transaction.atomic():
                article = self._write(path, metadata_path, document, metadata, published_at)
                SeedImport.objects.create(
                    document=path.name, digest=hashlib.sha256(data).hexdigest(), article=article
                )
        except (ValidationError, IntegrityError) as error:
            raise CommandError(f"{_shown(path)}: {self._describe(error)}") from error

        self.stdout.write(
            self.style.SUCCESS(f"imported {path.name}: «{document.title}»")
            + f" ({len(document.references)} references, {len(document.read_also)} read-also)"
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
            article.tags.add(*metadata.tags)
            article.refresh_search_document()

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
        return _saved(Author(name_ar=spec.name, kind=spec.kind, role_ar=spec.role))

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
        for position, author in enumerate(authors, start=1):
            Authorship.objects.create(article=article, author=author, position=position)
        if authors:
            article.refresh_search_document()
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
