"""Whether an upload is a Word document we may open: judged by its bytes, before mammoth.

A .docx is a zip of XML parts. What is refused, each with its own message: what is
not a zip at all (a PDF, an image renamed .docx), an old binary .doc and an
encrypted document (both OLE compound files), a document with macros (.docm: a
``vbaProject.bin`` part or a macro-enabled content type; macros are never run or
kept), a zip bomb (more parts than ``MAX_PARTS``, or parts that unpack past
``MAX_UNPACKED_BYTES``; zipfile stops reading a part at its declared size and
checks its CRC, so the declared sizes are a true bound) and a zip that is not a
word-processing document.
"""

import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 3000
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted OOXML document keeps its key in (UTF-16 in the OLE directory).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_MAIN_DOCUMENT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main"
_MACRO_TYPE = b"macroenabled"


class WordImportError(Exception):
    """The document cannot be imported; the message says why, in the editor's language."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return self.message


def max_upload_bytes():
    return getattr(settings, "WORD_IMPORT_MAX_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def check_size(size):
    limit = max_upload_bytes()
    if size > limit:
        raise WordImportError(
            _("This file is %(size)s; a Word document may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            "too_large",
        )


def open_package(data):
    """The document's zip, opened, after every check; raises :class:`WordImportError`."""
    check_size(len(data))
    if not data.strip():
        raise WordImportError(_("The file is empty."), "empty")
    if data.startswith(_OLE):
        if _ENCRYPTION_INFO in data:
            raise WordImportError(
                _(
                    "This document is protected with a password, so it cannot be read. "
                    "Remove the password in Word (File → Info → Protect Document) and "
                    "upload it again."
                ),
                "encrypted",
            )
        raise WordImportError(
            _(
                "This is an old Word document (.doc). Open it in Word or LibreOffice, "
                "save it as a Word document (.docx) and upload that."
            ),
            "doc",
        )
    if not data.startswith(b"PK"):
        raise WordImportError(_not_a_docx(), "not_docx")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise WordImportError(_not_a_docx(), "not_docx") from error
    if len(entries) > MAX_PARTS:
        raise WordImportError(_too_big(), "zip_bomb")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise WordImportError(_too_big(), "zip_bomb")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        raise WordImportError(_not_a_docx(), "not_docx")
    try:
        content_types = package.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise WordImportError(_damaged(), "damaged") from error
    if _MACRO_TYPE in content_types.lower() or any(
        name.lower().endswith("vbaproject.bin") for name in names
    ):
        raise WordImportError(
            _(
                "This document contains macros (.docm). Macros are never run or kept: "
                "save it in Word as a Word document (.docx) without macros and upload that."
            ),
            "macros",
        )
    if _MAIN_DOCUMENT not in content_types:
        raise WordImportError(_not_a_docx(), "not_docx")
    return package


def _not_a_docx():
    return _(
        "This file is not a Word document (.docx). Save the paper from Word, LibreOffice "
        "or Google Docs as a .docx and upload that."
    )


def _too_big():
    return _(
        "This document unpacks to more than %(limit)s or holds more than %(parts)s parts, "
        "so it was refused. Save it again from Word and upload the new copy."
    ) % {"limit": filesizeformat(MAX_UNPACKED_BYTES), "parts": MAX_PARTS}


def _damaged():
    return _(
        "This Word document is damaged and could not be read. Save it again from Word "
        "and upload the new copy."
    )


damaged_message = _damaged
