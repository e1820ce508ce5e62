"""``manage.py import_docx FILE…``: Word documents as draft articles, one line per file.

The work is :func:`articles.ingest.word.importer.docx_import` (one transaction per
file); this command finds the section, authors and article it names and reports.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from articles.ingest.word.importer import docx_import
from articles.ingest.word.package import WordImportError
from articles.models import Article, Section
from authors.models import Author


class Command(BaseCommand):
    help = "Import Word documents (.docx) with their footnotes as draft articles."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--section", help="The section's slug (default: the first section).")
        parser.add_argument(
            "--author", action="append", default=[], help="An author's name; repeat, in order."
        )
        parser.add_argument("--language", choices=["ar", "en"], default="ar")
        parser.add_argument(
            "--translation-of", type=int, help="The article whose English edition this is."
        )

    def handle(self, *args, files, section, author, language, translation_of, **options):
        with translation.override("ar"):
            section_row, authors, article = self._targets(section, author, translation_of)
            failed = 0
            for path in files:
                try:
                    data = path.read_bytes()
                    result = docx_import(
                        data=data,
                        name=path.name,
                        user=None,
                        section=section_row,
                        authors=authors,
                        language=language,
                        translation_of=article,
                    )
                except OSError as error:
                    failed += 1
                    self.stderr.write(f"{path}: cannot read: {error.strerror}")
                except WordImportError as error:
                    failed += 1
                    self.stderr.write(f"{path}: {error.message}")
                else:
                    address = reverse("admin:articles_article_change", args=[result.article.pk])
                    self.stdout.write(
                        self.style.SUCCESS(f"{path}: article {result.article.pk} {address}")
                        + f" {result.message}"
                    )
        if failed:
            raise CommandError(f"{failed} of {len(files)} files failed")

    def _targets(self, slug, names, translation_of):
        if slug:
            section = Section.objects.filter(slug=slug).first()
            if section is None:
                raise CommandError(f"no section with the slug {slug!r}")
        else:
            section = Section.objects.order_by("position", "pk").first()
        authors = []
        for name in names:
            author = (
                Author.objects.filter(name_ar=name).first()
                or Author.objects.filter(name_en=name).first()
            )
            if author is None:
                raise CommandError(f"no author called {name!r}")
            authors.append(author)
        article = None
        if translation_of is not None:
            article = Article.objects.filter(pk=translation_of).first()
            if article is None:
                raise CommandError(f"no article with the id {translation_of}")
        return section, authors, article
