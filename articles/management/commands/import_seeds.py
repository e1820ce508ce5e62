"""``manage.py import_seeds``: turn the documents in ``seeds/`` into site content.

The work is :func:`articles.ingest.importer.seeds_import` (one transaction per
document, each recorded in ``SeedImport`` so that a second run leaves alone
whatever editors have since done with it); this command names the folder and
reports. Two runs at once are safe: the second waits for the first's document
and reports it already imported.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest.errors import ImportFailed
from articles.ingest.importer import seeds_import


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
        try:
            seeds_import(
                directory=path or Path(settings.BASE_DIR) / "seeds",
                stdout=self.stdout,
                stderr=self.stderr,
                style=self.style,
            )
        except ImportFailed as error:
            raise CommandError(str(error)) from error
