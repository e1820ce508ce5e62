"""Uploaded images: judged by their content, then re-encoded before they are stored.

An upload is refused when it is too big (``IMAGE_UPLOAD_MAX_BYTES``), is not a
JPEG, PNG, WebP or GIF by content (whatever its name says), is an SVG, carries
HTML or script among its bytes (an image/HTML polyglot), has more pixels than
``IMAGE_UPLOAD_MAX_PIXELS`` (a decompression bomb; judged from the header,
before any decoding) or is damaged. What is accepted is decoded and written
anew: upright (EXIF orientation applied), in sRGB, without EXIF (GPS
included), XMP, comments, text chunks or an ICC profile, so that no byte of
the upload reaches storage.

Editors meet all this through :class:`ImageUploadField`, the admin's form
field for image uploads; :func:`validate_image_upload` also works as a model
field validator, and :func:`reencode_image` can be called on its own.
Renditions (sizes, WebP) are made by easy-thumbnails: the settings
``THUMBNAIL_EXTENSION`` and ``THUMBNAIL_TRANSPARENCY_EXTENSION`` make them WebP.
"""

import io
import os
import re
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000

# Pillow's names for the formats the site accepts; only their parsers are tried.
# Pillow's JPEG parser calls a JPEG with several pictures (many phones' photos)
# "MPO"; it is a JPEG all the same.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
_DETECTED_FORMATS = (*ACCEPTED_FORMATS, "MPO")
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/gif"

JPEG_QUALITY = 85
WEBP_QUALITY = 85

# What turns an image into a web page when a browser sniffs it. Each tag must be
# followed by a space, "/" or ">", so that compressed pixel data rarely spells
# one by chance: for the shortest, "<svg ", about one 10 MB file in 1,600 (one
# 2 MB photo in 8,000); the message then asks for a fresh export, which passes.
_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body|!doctype\s+html)[\s/>]"
    rb"|<\?php|javascript:",
    re.IGNORECASE,
)
_SVG_TAG = re.compile(rb"<svg[\s>]", re.IGNORECASE)

MESSAGES = {
    "file_too_large": _(
        "This file is %(size)s; an image may be at most %(limit)s. Reduce it and upload it again."
    ),
    "svg_not_allowed": _(
        "SVG images are not accepted, because they can carry scripts. "
        "Upload a JPEG, PNG, WebP or GIF image."
    ),
    "embedded_markup": _(
        "This file contains web page code (HTML or script) among its image data, "
        "so it was refused. Export the image again from an image editor and upload "
        "the new copy."
    ),
    "not_an_image": _(
        "This file is not an image the site accepts. Upload a JPEG, PNG, WebP or GIF image."
    ),
    "too_many_pixels": _(
        "This image has too many pixels: at most %(limit)s megapixels are accepted "
        "(for example 8000 × 5000). Reduce its dimensions and upload it again."
    ),
    "corrupt_image": _(
        "This image is damaged or incomplete. Save it again from an image editor "
        "and upload the new copy."
    ),
}


# Sizes are written out in the language the message is shown in, not raised in.
_filesize = lazy(filesizeformat, str)


def _error(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def max_bytes():
    return getattr(settings, "IMAGE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_pixels():
    return getattr(settings, "IMAGE_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def _too_many_pixels():
    return _error("too_many_pixels", limit=f"{max_pixels() / 1_000_000:g}")


def _size_of(file):
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
    return size


def _read(file):
    """All the file's bytes (refused when over the limit), the file rewound."""
    limit = max_bytes()
    size = _size_of(file)
    if size > limit:
        raise _error("file_too_large", size=_filesize(size), limit=_filesize(limit))
    try:
        file.seek(0)
        data = file.read(limit + 1)
    finally:
        file.seek(0)
    if len(data) > limit:
        raise _error("file_too_large", size=_filesize(len(data)), limit=_filesize(limit))
    return data


def _open(data):
    """Pillow's lazy image (header read, nothing decoded) or a ValidationError.

    Pillow warns of a "decompression bomb" above its own limit (89 megapixels)
    and fails above twice that; both become the megapixel message here, so
    neither reaches the editor or the log. Only the accepted formats' parsers
    are tried.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _error("not_an_image") from exc
    if image.format not in _DETECTED_FORMATS:  # pragma: no cover - Pillow honours formats=
        raise _error("not_an_image")
    width, height = image.size
    if width * height > max_pixels():
        raise _too_many_pixels()
    return image


def _decode(data):
    """The first picture of the file, fully decoded (checked by ``_open`` first)."""
    image = _open(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels() from None
    except Exception as exc:  # Pillow's decoders fail in many ways on bad data.
        raise _error("corrupt_image") from exc
    return image


def _looks_like_svg(data):
    """An XML text file with an <svg> element near its start."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and _SVG_TAG.search(head) is not None


def _is_stored(file):
    """True for a FieldFile already in storage, i.e. not a new upload."""
    return getattr(file, "_committed", False) is True


def validate_image_upload(file):
    """Refuse an upload unless its content is an acceptable, sound image.

    Usable as a model field validator and in forms. A file already in storage
    (an unchanged FieldFile) is not read again: it was checked when it came.
    The file is left rewound.
    """
    if not file or _is_stored(file):
        return
    data = _read(file)
    if _looks_like_svg(data):
        raise _error("svg_not_allowed")
    if _MARKUP.search(data):
        raise _error("embedded_markup")
    image = _open(data)
    try:
        image.verify()
    except Exception as exc:
        raise _error("corrupt_image") from exc
    # verify() leaves the image unusable; decoding it in full catches truncation.
    _decode(data)


def _to_srgb(image):
    """The pixels in sRGB, the embedded colour profile applied and dropped."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # A broken profile is ignored, as browsers do.
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


def _without_metadata(image, keep=()):
    """A copy whose info holds nothing but the given keys (e.g. transparency)."""
    clean = image.copy()
    clean.info = {key: image.info[key] for key in keep if key in image.info}
    return clean


def _webp_is_lossless(data):
    position = 12
    while position + 8 <= len(data):
        chunk = data[position : position + 4]
        if chunk == b"VP8L":
            return True
        if chunk in (b"VP8 ", b"ANMF"):
            return False
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + (size & 1)
    return False


def _output_name(original, extension):
    stem = os.path.splitext(os.path.basename(str(original or "")))[0].strip(". ")
    return f"{stem or 'image'}.{extension}"


def reencode_image(file):
    """A new ``ContentFile`` holding the image decoded and written anew.

    JPEG (and MPO) → progressive JPEG, quality 85; PNG → optimised PNG; GIF →
    PNG of its first frame; WebP → WebP (lossless when the upload was). The
    picture is turned upright by its EXIF orientation and converted to sRGB by
    its ICC profile; EXIF (GPS included), XMP, ICC, comments and text chunks
    are all dropped. The name keeps the upload's stem with the extension of
    what it now is. Raises ``ValidationError`` on what ``validate_image_upload``
    refuses for its pixels (call that first for the full check).
    """
    data = _read(file)
    image = _decode(data)
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    output = io.BytesIO()

    if source_format in ("JPEG", "MPO"):
        image = _without_metadata(image if image.mode in ("L", "RGB") else image.convert("RGB"))
        image.save(output, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
        extension = _EXTENSIONS["JPEG"]
    elif source_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image = _without_metadata(image)
        options = {"lossless": True} if _webp_is_lossless(data) else {"quality": WEBP_QUALITY}
        image.save(output, "WEBP", **options)
        extension = _EXTENSIONS["WEBP"]
    else:  # PNG, or GIF made a still PNG.
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image = _without_metadata(image, keep=("transparency",))
        image.save(output, "PNG", optimize=True)
        extension = _EXTENSIONS["PNG"]

    return ContentFile(output.getvalue(), name=_output_name(getattr(file, "name", ""), extension))


class ImageUploadField(forms.ImageField):
    """The form field for image uploads: checked by content, then re-encoded.

    Its cleaned value is the re-encoded ``ContentFile`` (named after what it
    is), so the upload's own bytes never reach storage. Django's check of the
    file name's extension is dropped: a PNG named ".txt" is a PNG.
    """

    default_validators = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return reencode_image(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs
