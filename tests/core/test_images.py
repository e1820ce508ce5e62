"""Image uploads: checked by content, re-encoded without metadata, WebP renditions.

Every file here is made by the test, with Pillow or by hand.
"""

import io
import struct
import warnings
import zlib

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.utils import translation
from easy_thumbnails.files import get_thumbnailer
from PIL import Image, ImageCms, PngImagePlugin

from authors.models import Author
from core.images import (
    ImageUploadField,
    reencode_image,
    validate_image_upload,
)
from tests.helpers.factories import make_author

# --- Making files -------------------------------------------------------------


def picture(size=(64, 48), mode="RGB"):
    """A picture with some detail (a gradient), so that encoders have work to do."""
    image = Image.linear_gradient("L").resize(size)
    if mode == "L":
        return image
    rgb = Image.merge("RGB", (image, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT), image))
    if mode == "RGBA":
        rgb.putalpha(Image.new("L", size, 128))
    return rgb


def noise(size=(200, 150)):
    return Image.effect_noise(size, 80).convert("RGB")


def encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(data, name="upload.jpg"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def png_header_only(width, height):
    """A PNG that claims the given size: a header, an empty IDAT, nothing to decode."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def refusal(data, name="upload.jpg"):
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload(data, name))
    return caught.value


def english(error):
    with translation.override("en"):
        return " ".join(error.messages)


def opened(content):
    if hasattr(content, "read"):
        content.seek(0)
        content = content.read()
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


SCRIPT = b"<script>alert(1)</script>"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10" fill="red"/></svg>\n'
)


# --- What is accepted ---------------------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "name", "options"),
    [
        ("JPEG", "photo.jpg", {"quality": 90}),
        ("PNG", "chart.png", {}),
        ("WEBP", "photo.webp", {"quality": 80}),
        ("GIF", "logo.gif", {}),
    ],
)
def test_sound_images_pass_and_the_file_is_rewound(image_format, name, options):
    file = upload(encode(picture(), image_format, **options), name)
    validate_image_upload(file)
    assert file.tell() == 0
    assert file.read() == encode(picture(), image_format, **options)


def test_a_png_named_txt_is_accepted_by_content_and_comes_back_as_png():
    data = encode(picture(), "PNG")
    file = upload(data, "notes.txt")
    validate_image_upload(file)

    result = reencode_image(file)

    assert result.name == "notes.png"
    assert opened(result).format == "PNG"


def test_a_phone_jpeg_with_several_pictures_mpo_is_a_jpeg():
    first, second = picture(), picture().rotate(180)
    data = encode(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    file = upload(data, "phone.jpg")

    validate_image_upload(file)
    result = opened(reencode_image(file))

    assert result.format == "JPEG"
    assert result.size == first.size


# --- What is refused, and how it is said ------------------------------------


def test_a_text_file_named_jpg_is_refused():
    error = refusal(b"Just some notes, not a picture at all.\n" * 20, "cover.jpg")
    assert error.code == "not_an_image"
    assert english(error) == (
        "This file is not an image the site accepts. Upload a JPEG, PNG, WebP or GIF image."
    )


@pytest.mark.parametrize("image_format", ["BMP", "TIFF"])
def test_images_in_other_formats_are_refused_whatever_their_name(image_format):
    error = refusal(encode(picture(), image_format), "photo.jpg")
    assert error.code == "not_an_image"


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_a_truncated_image_is_refused(image_format):
    data = encode(noise(), image_format)
    error = refusal(data[: len(data) // 2], f"cut.{image_format.lower()}")
    assert error.code == "corrupt_image"
    assert "damaged or incomplete" in english(error)


def test_a_50_megapixel_png_is_refused_from_its_header_without_a_pillow_warning():
    data = encode(Image.new("1", (8000, 6500)), "PNG")
    assert len(data) < 1024 * 1024  # Small in bytes: only its pixels give it away.

    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        error = refusal(data, "bomb.png")

    assert not [w for w in recorded if issubclass(w.category, Image.DecompressionBombWarning)]
    assert error.code == "too_many_pixels"
    assert english(error) == (
        "This image has too many pixels: at most 40 megapixels are accepted "
        "(for example 8000 × 5000). Reduce its dimensions and upload it again."
    )


@pytest.mark.parametrize(
    "size",
    [(10_000, 10_000), (30_000, 30_000)],
    ids=["above-pillow-warning", "above-pillow-error"],
)
def test_pillow_own_bomb_warning_and_error_become_the_megapixel_message(size):
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        error = refusal(png_header_only(*size), "bomb.png")
        with pytest.raises(ValidationError) as reencoding:
            reencode_image(upload(png_header_only(*size), "bomb.png"))

    assert not [w for w in recorded if issubclass(w.category, Image.DecompressionBombWarning)]
    assert error.code == reencoding.value.code == "too_many_pixels"


def test_the_pixel_limit_is_a_setting(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
    error = refusal(encode(picture((40, 30)), "PNG"), "small.png")
    assert error.code == "too_many_pixels"
    assert "at most 0.001 megapixels" in english(error)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1024
    data = encode(noise(), "JPEG")
    assert len(data) > 1024

    file = upload(data, "big.jpg")
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(file)

    assert caught.value.code == "file_too_large"
    message = english(caught.value)
    assert message.startswith("This file is ")
    assert "an image may be at most 1.0\xa0KB" in message
    assert file.tell() == 0


def test_the_size_limit_is_10_mib_by_default(settings):
    if hasattr(settings, "IMAGE_UPLOAD_MAX_BYTES"):
        del settings.IMAGE_UPLOAD_MAX_BYTES
    jpeg = encode(picture(), "JPEG")
    padding = b"\0" * (10 * 1024 * 1024 - len(jpeg))
    validate_image_upload(upload(jpeg + padding, "exactly-the-limit.jpg"))

    error = refusal(jpeg + padding + b"\0", "one-byte-over.jpg")
    assert error.code == "file_too_large"
    assert "at most 10.0\xa0MB" in english(error)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: encode(picture(), "JPEG") + SCRIPT, id="jpeg-with-script-appended"),
        pytest.param(lambda: encode(picture(), "JPEG", comment=SCRIPT), id="jpeg-comment"),
        pytest.param(
            lambda: encode(picture(), "PNG") + b"<HTML><Body onload=alert(1)>", id="png-html"
        ),
        pytest.param(
            lambda: encode(picture(), "GIF", comment=b"<iframe src=//evil.example>"),
            id="gif-comment-iframe",
        ),
        pytest.param(lambda: encode(picture(), "JPEG") + b"<?php system($_GET[0]); ?>", id="php"),
        pytest.param(
            lambda: encode(picture(), "WEBP", xmp=b'<a href="JavaScript:alert(1)">x</a>'),
            id="webp-javascript-url",
        ),
    ],
)
def test_decodable_images_carrying_html_or_script_are_refused(make):
    data = make()
    Image.open(io.BytesIO(data)).load()  # Pillow alone would take it.

    error = refusal(data, "innocent.jpg")

    assert error.code == "embedded_markup"
    assert english(error).startswith("This file contains web page code (HTML or script)")


def test_a_gif_html_polyglot_is_refused():
    data = b"GIF89a" + b"<html><body>" + SCRIPT + b"</body></html>"
    error = refusal(data, "funny.gif")
    assert error.code == "embedded_markup"


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_an_svg_is_refused_whatever_its_name(name):
    error = refusal(SVG, name)
    assert error.code == "svg_not_allowed"
    assert english(error) == (
        "SVG images are not accepted, because they can carry scripts. "
        "Upload a JPEG, PNG, WebP or GIF image."
    )


def test_a_refused_file_is_rewound():
    file = upload(encode(picture(), "JPEG") + SCRIPT)
    with pytest.raises(ValidationError):
        validate_image_upload(file)
    assert file.tell() == 0


# --- Re-encoding --------------------------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "mode", "expected_format", "extension"),
    [
        ("JPEG", "RGB", "JPEG", "jpg"),
        ("JPEG", "L", "JPEG", "jpg"),
        ("PNG", "RGBA", "PNG", "png"),
        ("PNG", "L", "PNG", "png"),
        ("WEBP", "RGB", "WEBP", "webp"),
        ("WEBP", "RGBA", "WEBP", "webp"),
        ("GIF", "RGB", "PNG", "png"),
    ],
)
def test_reencoded_images_decode_and_keep_their_size(
    image_format, mode, expected_format, extension
):
    original = encode(picture((120, 80), mode), image_format)

    result = reencode_image(upload(original, f"source.{image_format.lower()}"))

    assert isinstance(result, ContentFile)
    assert result.name == f"source.{extension}"
    assert result.read() != original
    image = opened(result)
    assert image.format == expected_format
    assert image.size == (120, 80)
    if mode in ("RGBA", "L"):
        assert image.mode == mode


def test_jpeg_is_progressive_and_quality_85():
    result = opened(reencode_image(upload(encode(noise(), "JPEG", quality=100))))
    quality_85 = opened(encode(noise(), "JPEG", quality=85))

    assert result.info.get("progressive")
    assert result.quantization == quality_85.quantization


def test_gps_exif_is_dropped_and_the_picture_turned_upright():
    stored = Image.new("RGB", (300, 200), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 50, 50))  # A red block at the stored top left.
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display.
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (33.0, 30.0, 0.0), 3: "E", 4: (36.0, 17.0, 0.0)}
    data = encode(stored, "JPEG", exif=exif, quality=95)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # The GPS is there.

    file = upload(data, "field-trip.jpg")
    validate_image_upload(file)
    result = reencode_image(file)
    content = result.read()
    image = opened(content)

    assert image.size == (200, 300)
    red, _, blue = image.getpixel((200 - 25, 25))  # Now at the top right.
    assert red > 200 and blue < 60
    assert image.getpixel((25, 25))[2] > 200
    assert "exif" not in image.info
    assert len(image.getexif()) == 0
    assert image.getexif().get_ifd(0x8825) == {}
    assert b"Exif\x00\x00" not in content
    assert b"PhoneMaker" not in content


def test_jpeg_comment_xmp_and_icc_do_not_survive():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(
        picture(),
        "JPEG",
        comment=b"taken at home",
        xmp=b"<x:xmpmeta>secret</x:xmpmeta>",
        icc_profile=srgb,
        dpi=(300, 300),
    )
    content = reencode_image(upload(data)).read()
    image = opened(content)

    for key in ("comment", "xmp", "icc_profile", "exif"):
        assert key not in image.info
    assert b"taken at home" not in content
    assert b"secret" not in content
    # The sRGB profile was applied, not lost: the colours are the same.
    before, after = opened(data).getpixel((10, 10)), image.getpixel((10, 10))
    assert all(abs(a - b) <= 6 for a, b in zip(before, after, strict=True))


def test_png_text_icc_and_exif_chunks_do_not_survive():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at home")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (33.0, 30.0, 0.0)}
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(picture(), "PNG", pnginfo=text, exif=exif, icc_profile=srgb)

    content = reencode_image(upload(data, "chart.png")).read()
    image = opened(content)

    assert image.text == {}
    assert "icc_profile" not in image.info
    assert "exif" not in image.info
    assert b"taken at home" not in content
    assert b"secret" not in content


def test_webp_metadata_does_not_survive_and_lossless_stays_lossless():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (33.0, 30.0, 0.0)}
    source = picture((50, 40), "RGBA")
    data = encode(source, "WEBP", lossless=True, exif=exif, xmp=b"<x:xmpmeta>secret</x:xmpmeta>")

    content = reencode_image(upload(data, "logo.webp")).read()
    image = opened(content)

    assert "exif" not in image.info
    assert "xmp" not in image.info
    assert b"secret" not in content
    assert b"VP8L" in content[:64]
    assert image.tobytes() == source.tobytes()


def test_lossy_webp_stays_lossy():
    content = reencode_image(upload(encode(noise(), "WEBP", quality=90), "photo.webp")).read()
    assert b"VP8 " in content[:64]


def test_a_cmyk_jpeg_becomes_rgb():
    data = encode(Image.new("CMYK", (40, 30), (0, 255, 255, 0)), "JPEG")
    image = opened(reencode_image(upload(data)))
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((5, 5))
    assert red > 200 and green < 60 and blue < 60


def test_a_gif_becomes_a_png_of_its_first_frame_with_its_transparency():
    first = Image.new("P", (30, 20), 1)
    first.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0] + [0, 0, 0] * 253)
    first.paste(0, (0, 0, 10, 10))  # Index 0, transparent.
    second = first.copy()
    second.paste(2, (0, 0, 30, 20))  # All green.
    data = encode(first, "GIF", save_all=True, append_images=[second], transparency=0)

    result = reencode_image(upload(data, "anim.gif"))
    image = opened(result).convert("RGBA")

    assert result.name == "anim.png"
    assert getattr(opened(result), "n_frames", 1) == 1
    assert image.getpixel((20, 15)) == (255, 0, 0, 255)
    assert image.getpixel((5, 5))[3] == 0


def test_a_polyglot_payload_never_reaches_the_reencoded_bytes():
    # Even called without the validator, nothing of the upload is copied.
    data = encode(picture(), "JPEG", comment=SCRIPT) + SCRIPT
    assert b"<script" not in reencode_image(upload(data)).read()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("صورة الغلاف.jpeg", "صورة الغلاف.jpg"),
        ("", "image.jpg"),
        (".jpg", "jpg.jpg"),
    ],
)
def test_the_new_name_keeps_the_stem_and_tells_the_format(name, expected):
    file = ContentFile(encode(picture(), "JPEG"), name=name)
    assert reencode_image(file).name == expected


# --- The form field and the model field ---------------------------------------


class PhotoForm(forms.Form):
    photo = ImageUploadField(required=False)


def test_the_form_field_accepts_by_content_and_cleans_to_the_reencoded_file():
    data = encode(picture(), "PNG")
    form = PhotoForm(data={}, files={"photo": upload(data, "portrait.txt")})

    assert form.is_valid(), form.errors
    photo = form.cleaned_data["photo"]
    assert isinstance(photo, ContentFile)
    assert photo.name == "portrait.png"
    assert photo.read() != data


def test_the_form_field_shows_the_refusal_under_the_field():
    form = PhotoForm(data={}, files={"photo": upload(SVG, "logo.png")})
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["photo"] == [
            "SVG images are not accepted, because they can carry scripts. "
            "Upload a JPEG, PNG, WebP or GIF image."
        ]
    assert form.errors.as_data()["photo"][0].code == "svg_not_allowed"


def test_the_form_field_keeps_the_stored_image_when_nothing_is_uploaded():
    field = ImageUploadField(required=False)
    assert field.clean(None, "authors/2025/old.jpg") == "authors/2025/old.jpg"


def test_the_form_field_offers_only_the_accepted_types():
    html = str(PhotoForm()["photo"])
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html


class AuthorPhotoAdmin(admin.ModelAdmin):
    formfield_overrides = {models.ImageField: {"form_class": ImageUploadField}}


@pytest.mark.django_db
def test_an_admin_with_the_override_stores_only_the_reencoded_image():
    author = make_author()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (33.0, 30.0, 0.0)}
    data = encode(picture((90, 60)), "JPEG", exif=exif) + b"trailing bytes"
    model_admin = AuthorPhotoAdmin(Author, admin.site)
    form_class = model_admin.get_form(RequestFactory().get("/"), fields=["photo"])
    assert isinstance(form_class.base_fields["photo"], ImageUploadField)

    form = form_class(data={}, files={"photo": upload(data, "portrait.JPEG")}, instance=author)
    assert form.is_valid(), form.errors
    form.save()

    author.refresh_from_db()
    assert author.photo.name.startswith("authors/")
    assert author.photo.name.endswith("portrait.jpg")
    with default_storage.open(author.photo.name) as stored:
        content = stored.read()
    assert b"trailing bytes" not in content
    assert opened(content).getexif().get_ifd(0x8825) == {}
    assert (author.photo.width, author.photo.height) == (90, 60)


@pytest.mark.django_db
def test_as_a_model_validator_it_judges_new_uploads_and_leaves_stored_files_alone():
    author = make_author()
    author.photo.save("legacy.jpg", ContentFile(b"stored long ago, never checked"), save=True)
    validate_image_upload(author.photo)  # Already stored: not read again.

    author.photo = upload(b"not an image", "new.jpg")
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(author.photo)
    assert caught.value.code == "not_an_image"


# --- WebP renditions through easy-thumbnails ----------------------------------


def stored_author_photo(image, image_format="JPEG", name="portrait.jpg"):
    author = make_author()
    author.photo.save(name, reencode_image(upload(encode(image, image_format), name)), save=True)
    return author


def is_webp(data):
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


@pytest.mark.django_db
def test_renditions_of_a_transparent_image_keep_transparency():
    author = stored_author_photo(picture((800, 600), "RGBA"), "PNG", "logo.png")
    rendition = get_thumbnailer(author.photo).get_thumbnail({"size": (480, 0)})
    with default_storage.open(rendition.name) as file:
        image = opened(file.read())
    assert image.format == "WEBP"
    assert image.mode == "RGBA"


@pytest.mark.django_db
def test_the_sites_renditions_are_webp():
    author = stored_author_photo(picture((1200, 800)))

    rendition = get_thumbnailer(author.photo)["w480"]

    with default_storage.open(rendition.name) as file:
        data = file.read()
    assert is_webp(data)
    assert opened(data).size == (480, 320)
