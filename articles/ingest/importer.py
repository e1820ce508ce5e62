"""The seed documents in ``seeds/`` written into the database: ``seeds_import``.

Parsing lives in the other modules of :mod:`articles.ingest`; this one only
writes what it gets, one transaction per document, and records each document in
``SeedImport`` so that a second run leaves alone whatever editors have since
done with it. Each document's transaction begins by waiting for any other
import's (``_lock_imports``), so two runs at once (two deploys starting together)
never both find a document new: the second finds it imported, and says so.

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
import zlib

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reversion import revisions as reversion

from .. import search
from ..models import Article, SeedImport
from . import rows
from .documents import decode, parse_document
from .errors import ImportFailed, located, shown
from .metadata import parse_metadata, publication_time
from .translations import is_translation, parse_translation, source_name, translation_name

# PostgreSQL's advisory lock for imports: any number, as long as every process uses it.
IMPORT_LOCK_KEY = zlib.crc32(b"articles.ingest.importer")


def seeds_import(*, directory, stdout=None, stderr=None, style=None):
    """Import the documents in ``directory`` (``NAME.txt`` with ``NAME.toml``) once each.

    What is done goes to ``stdout`` and what is left undone to ``stderr`` (files or
    a command's output wrappers; nothing is written without them), successes in
    ``style.SUCCESS`` (a management command's ``style``). A document that cannot
    be imported raises :class:`ImportFailed` and writes nothing; the documents
    before it stay imported.
    """
    _SeedImporter(stdout=stdout, stderr=stderr, style=style or no_style()).run(directory)


def _lock_imports():
    """Wait until no other import is in a document's transaction; held to the end of this one.

    PostgreSQL: a transaction-level advisory lock. SQLite: its one write lock, taken
    by a first write that changes nothing. The settings begin SQLite's transactions
    IMMEDIATE, which takes it already; this holds whatever the transaction mode.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        elif connection.vendor == "sqlite":
            table = connection.ops.quote_name(SeedImport._meta.db_table)
            # Only a model's own table name is formatted into the statement.
            cursor.execute(f"UPDATE {table} SET document = document WHERE 0")  # noqa: S608


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


def _read(path):
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"{shown(path)}: cannot read: {error.strerror}") from error


def _describe(error):
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(getattr(error, "messages", [str(error)]))


def _failed(path, error):
    return ImportFailed(f"{shown(path)}: {_describe(error)}")


class _SeedImporter:
    """One run of ``seeds_import``: where it reports, and the rows made for revisions."""

    def __init__(self, *, stdout, stderr, style):
        self.stdout, self.stderr, self.style = stdout, stderr, style
        self.created = []

    def say(self, text):
        self._write(self.stdout, text)

    def warn(self, text):
        self._write(self.stderr, text)

    @staticmethod
    def _write(stream, text):
        # One message a line, as a command's output wrapper writes it to a plain file.
        if stream is not None:
            stream.write(text if text.endswith("\n") else text + "\n")

    def run(self, folder):
        if not folder.is_dir():
            raise ImportFailed(f"{shown(folder)}: no such folder")
        files = sorted(folder.glob("*.txt"))
        documents = [file for file in files if not is_translation(file.name)]
        # A translation is imported with its document, so one without a document is an error.
        for file in files:
            source = file.with_name(source_name(file.name))
            if is_translation(file.name) and source not in documents:
                raise ImportFailed(
                    f"{shown(file)}: a translation of {source.name}, which is not there"
                )
        if not documents:
            self.say(f"no documents in {shown(folder)}")
        with translation.override("ar"):
            for document in documents:
                # Whether it is imported is read under the lock, in the transaction that
                # imports it: a run that waited for another finds what that one wrote.
                with transaction.atomic():
                    _lock_imports()
                    self.import_document(document)

    def import_document(self, path):
        translated = path.with_name(translation_name(path.name))
        record = SeedImport.objects.filter(document=path.name).first()
        if record:
            self.say(f"skipped {path.name} (already imported)")
            if translated.is_file():
                self.import_late_translation(translated, path, record)
            return

        metadata_path = path.with_suffix(".toml")
        if not metadata_path.is_file():
            raise ImportFailed(f"{shown(path)}: metadata file {shown(metadata_path)} is missing")
        data = _read(path)
        tz = timezone.get_default_timezone()
        with located(metadata_path):
            metadata = parse_metadata(decode(_read(metadata_path)), tz)
        with located(path):
            document = parse_document(decode(data), metadata.layout, tz)
        with located(metadata_path):
            published_at = publication_time(document, metadata)
        english = english_data = None
        if translated.is_file():
            english_data = _read(translated)
            with located(translated):
                english = parse_translation(decode(english_data), document, metadata.layout, tz)

        # A failure in the translation rolls back its document as well: both or neither.
        failing = path
        self.created = []
        try:
            with transaction.atomic():
                # Search text is rebuilt once, before the revisions, which keep it too.
                with search.deferred():
                    article = rows.article_import(
                        path=path,
                        metadata_path=metadata_path,
                        document=document,
                        metadata=metadata,
                        published_at=published_at,
                        created=self.created,
                    )
                    SeedImport.objects.create(
                        document=path.name,
                        digest=hashlib.sha256(data).hexdigest(),
                        article=article,
                    )
                    failing = metadata_path
                    filled = rows.english_names_fill(
                        metadata=metadata, metadata_path=metadata_path, warn=self.warn
                    )
                    if english:
                        failing = translated
                        rows.article_translate(article=article, english=english, metadata=metadata)
                        SeedImport.objects.create(
                            document=translated.name,
                            digest=hashlib.sha256(english_data).hexdigest(),
                            article=article,
                        )
                _keep_revisions(self.created, _("Imported from %(file)s") % {"file": _source(path)})
        except (ValidationError, IntegrityError) as error:
            raise _failed(failing, error) from error

        self.say(
            self.style.SUCCESS(f"imported {path.name}: «{document.title}»")
            + f" ({len(document.references)} references, {len(document.read_also)} read-also)"
        )
        for entry in (row for row in self.created if getattr(row, "summary_only", False)):
            self.say(
                f"  summary-only read-also entry «{entry.title}» (no page; in no list or feed)"
            )
        if english:
            self.say(
                self.style.SUCCESS(f"imported translation {translated.name} into «{english.title}»")
            )
        self._report_names(filled)

    def import_late_translation(self, path, source_path, record):
        """The translation of a document imported before the translation existed."""
        if SeedImport.objects.filter(document=path.name).exists():
            self.say(f"skipped translation {path.name} (already imported)")
            return
        if record.article is None:
            self.say(
                f"skipped translation {path.name} "
                f"(the article imported from {source_path.name} was deleted)"
            )
            return

        metadata_path = source_path.with_suffix(".toml")
        if not metadata_path.is_file():
            raise ImportFailed(f"{shown(path)}: metadata file {shown(metadata_path)} is missing")
        tz = timezone.get_default_timezone()
        with located(metadata_path):
            metadata = parse_metadata(decode(_read(metadata_path)), tz)
        with located(source_path):
            source = parse_document(decode(_read(source_path)), metadata.layout, tz)
        data = _read(path)
        with located(path):
            english = parse_translation(decode(data), source, metadata.layout, tz)

        failing = metadata_path
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=record.article_id)
                with search.deferred():
                    # Names are filled in even when an editor's English title keeps the article's.
                    filled = rows.english_names_fill(
                        metadata=metadata, metadata_path=metadata_path, warn=self.warn
                    )
                    failing = path
                    editor_title = article.title_en
                    translating = rows.empty(editor_title)
                    if translating:
                        rows.article_translate(article=article, english=english, metadata=metadata)
                if translating:
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
            raise _failed(failing, error) from error

        if translating:
            self.say(self.style.SUCCESS(f"imported translation {path.name} into «{english.title}»"))
        else:
            self.say(
                f"skipped translation {path.name}: «{article.title_ar}» already has an "
                f"English title, «{editor_title}», left as the editor wrote it"
            )
        self._report_names(filled)

    def _report_names(self, filled):
        if filled:
            self.say(
                "filled in empty English names: "
                + ", ".join(f"{arabic} → {english}" for arabic, english in filled)
            )
