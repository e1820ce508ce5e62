"""Drawing a card with Pillow: complex text layout (libraqm) or nothing.

Without libraqm, Pillow would set Arabic letter by letter, unjoined and left to right;
``render`` refuses instead (and the system check ``cards.E001`` stops the site), so a
broken card is never stored. The font is Noto Naskh Arabic, its Arabic and Latin
subsets (the ones the site serves as web fonts) merged into one file, so a title in
mixed Arabic and English is one line for raqm's bidirectional layout and every letter
has a glyph; characters the font lacks (emoji) are left out rather than drawn in
another font.
"""

import io
import logging
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps, features

logger = logging.getLogger(__name__)

# Bump when the drawing changes: every card gets a new name, and so a new address.
DESIGN_VERSION = 1

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300 * 1024
MARGIN = 72
FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = FONTS / "NotoNaskhArabic-Regular.ttf"
BOLD = FONTS / "NotoNaskhArabic-Bold.ttf"
# The site's colours (static/css/site.css: --accent, --paper, --ink).
ACCENT = (10, 92, 74)
PAPER = (255, 254, 251)
LIGHT = (255, 255, 255)
KICKER_ON_DARK = (170, 226, 208)
TITLE_SIZES = (68, 60, 52, 46)
MAX_LINES = 4
ELLIPSIS = "…"
# Sources larger than this are decoded at a reduced scale (JPEG draft) before resizing.
DRAFT_SIZE = (WIDTH * 2, HEIGHT * 2)


def raqm_available():
    return bool(features.check("raqm"))


@lru_cache(maxsize=16)
def font(bold, size):
    return ImageFont.truetype(
        str(BOLD if bold else REGULAR), size, layout_engine=ImageFont.Layout.RAQM
    )


def _glyph_image(char, bold):
    image = Image.new("L", (96, 96))
    ImageDraw.Draw(image).text((16, 16), char, font=font(bold, 40), fill=255)
    return image.tobytes()


@lru_cache(maxsize=2)
def _notdef(bold):
    # A private-use character no font maps: what the font draws for a missing glyph.
    return _glyph_image("\U0010fffd", bold)


@lru_cache(maxsize=4096)
def has_glyph(char, bold):
    if char.isspace():
        return True
    return _glyph_image(char, bold) != _notdef(bold)


def drawable(text, bold=True):
    """``text`` without the characters the font has no glyph for, spaces tidied."""
    return " ".join("".join(c for c in text if has_glyph(c, bold)).split())


def direction_of(text, rtl):
    """The paragraph direction, as ``dir="auto"``: from the first strong letter."""
    for char in text:
        if "\u0590" <= char <= "\u08ff" or "\ufb1d" <= char <= "\ufefc":
            return "rtl"
        if char.isalpha():
            return "ltr"
    return "rtl" if rtl else "ltr"


def _length(text, face, direction):
    return face.getlength(text, direction=direction)


def _break_word(word, face, direction, width):
    """A word wider than the line, cut where it fills one (a long URL, a title of one word)."""
    pieces, piece = [], ""
    for char in word:
        if piece and _length(piece + char, face, direction) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text, face, width, direction, max_lines=MAX_LINES):
    """Lines of at most ``width`` pixels; past ``max_lines``, the last one ends in "…"."""
    words = []
    for word in text.split():
        if _length(word, face, direction) > width:
            words += _break_word(word, face, direction, width)
        else:
            words.append(word)
    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and _length(candidate, face, direction) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines, False
    last = lines[max_lines - 1]
    while last and _length(last + ELLIPSIS, face, direction) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: max_lines - 1], last.rstrip(" ،,.:;") + ELLIPSIS], True


def fit_title(text, width, height, direction):
    """The largest size at which the title fits in four lines, else the smallest, cut."""
    for size in TITLE_SIZES:
        face = font(True, size)
        lines, cut = wrap(text, face, width, direction)
        if not cut and len(lines) * line_height(size) <= height:
            return face, size, lines
    size = TITLE_SIZES[-1]
    return font(True, size), size, wrap(text, font(True, size), width, direction)[0]


def line_height(size):
    # Naskh's ascenders and the dots below need more room than Latin type.
    return round(size * 1.55)


def open_image(name, size):
    """An image from the media storage as RGB, cropped to ``size``; None if unreadable."""
    with default_storage.open(name) as file:
        image = Image.open(file)
        image.draft("RGB", DRAFT_SIZE)
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, ACCENT)
            image.paste(rgba, mask=rgba.getchannel("A"))
        else:
            image = image.convert("RGB")
    small = image.width < size[0] // 2 or image.height < size[1] // 2
    image = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
    if small:
        # A thumbnail stretched to the card's width would be all blocks: a soft backdrop.
        image = image.filter(ImageFilter.GaussianBlur(12))
    return image


def _background(card):
    if card.background:
        image = open_image(card.background, (WIDTH, HEIGHT))
        # Darker towards the text, so white type reads over any picture.
        shade = Image.linear_gradient("L").resize((WIDTH, HEIGHT)).point(lambda v: 120 + v // 2)
        image.paste(Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0)), mask=shade)
        return image
    image = Image.new("RGB", (WIDTH, HEIGHT), ACCENT)
    draw = ImageDraw.Draw(image)
    # A lighter band on the start side: the site's green, not a flat fill.
    start = WIDTH - 24 if card.rtl else 0
    draw.rectangle((start, 0, start + 24, HEIGHT), fill=(20, 122, 99))
    return image


def _text(draw, xy, text, face, fill, rtl, direction=None):
    direction = direction or direction_of(text, rtl)
    anchor = "ra" if rtl else "la"
    draw.text(xy, text, font=face, fill=fill, direction=direction, anchor=anchor)


def _fit_line(text, face, width, rtl):
    direction = direction_of(text, rtl)
    lines, _cut = wrap(text, face, width, direction, max_lines=1)
    return lines[0] if lines else ""


def _logo():
    path = finders.find("img/logo.png")
    if not path:
        return None
    logo = Image.open(path).convert("RGBA")
    logo.thumbnail((64, 64), Image.Resampling.LANCZOS)
    return logo


def _portrait(name):
    photo = open_image(name, (220, 220))
    mask = Image.new("L", photo.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, *photo.size), fill=255)
    return photo, mask


def draw_card(card):
    """The card as a Pillow image (``render`` encodes it)."""
    if not raqm_available():
        raise ImproperlyConfigured(
            "Share cards need Pillow with libraqm (Debian: libraqm0 or libfribidi0) to set "
            "Arabic; refusing to draw it letter by letter."
        )
    image = _background(card)
    draw = ImageDraw.Draw(image)
    rtl = card.rtl
    start = WIDTH - MARGIN if rtl else MARGIN
    text_width = WIDTH - 2 * MARGIN
    if card.portrait:
        try:
            photo, mask = _portrait(card.portrait)
            image.paste(photo, (MARGIN if rtl else WIDTH - MARGIN - 220, 110), mask)
            text_width -= 260
        except Exception:  # a card without the photo beats no card
            logger.warning("The photo %s could not be drawn on a card", card.portrait)

    # The band along the bottom: the site's logo and name on paper.
    band_top = HEIGHT - 104
    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=PAPER)
    logo = _logo()
    name_x = start
    if logo is not None:
        logo_x = start - logo.width if rtl else start
        image.paste(logo, (logo_x, band_top + (104 - logo.height) // 2), logo)
        name_x = logo_x - 20 if rtl else logo_x + logo.width + 20
    site = drawable(card.site, bold=True)
    _text(draw, (name_x, band_top + 22), site, font(True, 36), ACCENT, rtl)

    y = 64
    kicker = drawable(card.kicker)
    if kicker:
        _text(
            draw,
            (start, y),
            _fit_line(kicker, font(True, 34), text_width, rtl),
            font(True, 34),
            KICKER_ON_DARK,
            rtl,
        )
    y += 72
    meta = drawable(" · ".join(part for part in (card.byline, card.date) if part), bold=False)
    meta_height = 60 if meta else 0
    title = drawable(card.title) or site
    direction = direction_of(title, rtl)
    face, size, lines = fit_title(title, text_width, band_top - y - meta_height - 24, direction)
    for line in lines:
        _text(draw, (start, y), line, face, LIGHT, rtl, direction)
        y += line_height(size)
    if meta:
        meta_face = font(False, 30)
        _text(
            draw,
            (start, band_top - 66),
            _fit_line(meta, meta_face, text_width, rtl),
            meta_face,
            (235, 236, 238),
            rtl,
        )
    return image


def render(card):
    """The card as JPEG bytes, 1200×630 and under 300 KB."""
    image = draw_card(card)
    for quality in (86, 78, 70, 60, 50, 40):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()
