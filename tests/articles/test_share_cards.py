"""Share cards: one per public page, 1200×630 JPEG under 300 KB, Arabic set by libraqm,
stored once per content version; covers in lists; short share links."""

import io
import random

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont, features

from articles import cards
from articles.cards import checks, draw
from articles.rendering.cover import cover_renditions
from tests.helpers.factories import jpeg_file, make_article, make_author, make_section
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "انضمام سورية إلى التحالف"


def image_of(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_card(data):
    image = image_of(data)
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    assert len(data) < 300 * 1024


def png_file(image, name="cover.png", **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image.format or "PNG", **options)
    return ContentFile(buffer.getvalue(), name=name)


# Shaping ------------------------------------------------------------------------------


def test_libraqm_is_here_and_the_check_passes():
    assert features.check("raqm"), "Pillow without libraqm would draw Arabic unjoined"
    assert checks.raqm_check(None) == []


def test_without_libraqm_the_site_stops_and_no_card_is_drawn(monkeypatch):
    monkeypatch.setattr(checks, "raqm_available", lambda: False)
    monkeypatch.setattr(draw, "raqm_available", lambda: False)
    assert [error.id for error in checks.raqm_check(None)] == ["cards.E001"]
    with translation.override("ar"), pytest.raises(ImproperlyConfigured):
        cards.render(cards.card_of(None))


def test_the_arabic_title_is_drawn_as_pillow_shapes_it_with_raqm():
    """The card's first title line against Pillow's own raqm layout of the same string,
    on the same background: equal; and unlike the basic (unshaped) layout."""
    card = cards.Card(kind="site", pk=0, language="ar", rtl=True, title=ARABIC_TITLE)
    drawn = draw.draw_card(card)
    size = draw.TITLE_SIZES[0]
    box = (0, 136, 1170, 136 + draw.line_height(size))

    def reference(engine):
        face = ImageFont.truetype(str(draw.BOLD), size, layout_engine=engine)
        image = Image.new("RGB", (1200, 630), draw.ACCENT)
        options = {"direction": "rtl"} if engine == ImageFont.Layout.RAQM else {}
        ImageDraw.Draw(image).text(
            (1200 - draw.MARGIN, 136), ARABIC_TITLE, font=face, fill=draw.LIGHT, anchor="ra",
            **options,
        )  # fmt: skip
        return image.crop(box)

    assert drawn.crop(box).tobytes() == reference(ImageFont.Layout.RAQM).tobytes()
    assert drawn.crop(box).tobytes() != reference(ImageFont.Layout.BASIC).tobytes()


def test_a_title_mixing_arabic_and_english_has_a_glyph_for_every_letter():
    text = "تحالف ISIS الدولي (Global Coalition) ٢٠٢٥ «نص»"
    assert draw.drawable(text) == text
    assert draw.drawable("خبر 😀🎉") == "خبر"


def test_a_long_title_is_four_lines_at_most_ending_in_an_ellipsis():
    face = draw.font(True, draw.TITLE_SIZES[-1])
    lines, cut = draw.wrap("كلمة " * 120, face, 1000, "rtl")
    assert cut and len(lines) == 4 and lines[-1].endswith("…")
    assert all(face.getlength(line, direction="rtl") <= 1000 for line in lines)


# Bad input ----------------------------------------------------------------------------


def noise(width, height, mode="RGB"):
    rng = random.Random(16)
    return Image.frombytes(mode, (width, height), rng.randbytes(width * height * len(mode)))


def cover_file(kind):
    if kind == "40 megapixels":
        return jpeg_file(8000, 5000, name="huge.jpg")
    if kind == "50×50":
        return jpeg_file(50, 50, name="tiny.jpg")
    if kind == "noise":
        image = noise(1600, 900)
        image.format = "JPEG"
        return png_file(image, name="noise.jpg", quality=95)
    if kind == "transparent PNG":
        image = Image.new("RGBA", (1200, 800), (255, 0, 0, 0))
        ImageDraw.Draw(image).ellipse((300, 200, 900, 600), fill=(255, 255, 255, 255))
        return png_file(image)
    if kind == "CMYK JPEG":
        image = Image.new("CMYK", (1400, 900), (200, 30, 0, 40))
        image.format = "JPEG"
        return png_file(image, name="cmyk.jpg")
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("title", "cover"),
    [
        ("ع" * 300, ""),
        (("كلمة طويلة " * 30)[:300], ""),
        ("😀🎉🇸🇾", ""),
        ("Syria joins the coalition against ISIS", ""),
        (ARABIC_TITLE, "40 megapixels"),
        (ARABIC_TITLE, "50×50"),
        (ARABIC_TITLE, "noise"),
        (ARABIC_TITLE, "transparent PNG"),
        (ARABIC_TITLE, "CMYK JPEG"),
    ],
)
def test_bad_input_still_makes_a_card_within_the_limits(title, cover):
    article = make_article(title=title, authors=[make_author()])
    if cover:
        article.cover_image.save(cover_file(cover).name, cover_file(cover), save=True)
    with translation.override("ar"):
        card = cards.card_of(article)
        assert_card(cards.render(card))
        if title.startswith("😀"):
            assert draw.drawable(card.title) == ""  # drawn as the site's name instead


# Pages --------------------------------------------------------------------------------


@pytest.fixture
def site():
    section = make_section(name="تقدير موقف", name_en="Policy brief")
    author = make_author(name="وحدة الدراسات", name_en="Studies Unit")
    article = make_article(
        title=ARABIC_TITLE,
        title_en="Syria joins the coalition",
        section=section,
        authors=[author],
        tags=["أمن"],
    )
    tag = article.tags.first()
    tag.name_en = "Security"
    tag.save()
    month = article.published_at
    paths = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "archive": "/archive/",
        "archive_month": f"/archive/{month.year}/{month.month}/",
        "search": "/search/?q=سورية",
    }
    return article, paths


@pytest.mark.parametrize("edition", ["", "/en"])
@pytest.mark.parametrize(
    "page", ["home", "article", "section", "tag", "author", "archive", "archive_month", "search"]
)
def test_every_page_names_its_card_in_its_head(client, site, edition, page):
    article, paths = site
    url = edition + paths[page] if edition else paths[page]
    if edition and page == "article":
        with translation.override("en"):
            url = article.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200, url
    meta = HtmlPage(response).meta
    [image] = meta("og:image")
    assert image.startswith("http://testserver/")
    assert "/cards/" in image and (edition + "/cards/" in image)
    assert meta("og:image:width") == ["1200"]
    assert meta("og:image:height") == ["630"]
    assert meta("og:image:type") == ["image/jpeg"]
    assert meta("og:image:alt")[0]
    assert meta("twitter:card") == ["summary_large_image"]
    assert meta("twitter:image") == [image]
    if page == "article":
        assert meta("og:image:alt") == [article.title_en if edition else article.title]

    card = client.get(image.removeprefix("http://testserver"))
    assert card.status_code == 200
    assert card["Content-Type"] == "image/jpeg"
    assert "immutable" in card["Cache-Control"] and "max-age=31536000" in card["Cache-Control"]
    assert_card(b"".join(card.streaming_content))


def card_url(client, path):
    return HtmlPage(client.get(path)).meta("og:image")[0].removeprefix("http://testserver")


def test_a_card_is_drawn_once_and_its_address_moves_with_its_content(client, monkeypatch, site):
    article, paths = site
    drawn = []
    render = cards.store.render
    monkeypatch.setattr(cards.store, "render", lambda card: drawn.append(card) or render(card))
    first = card_url(client, paths["article"])
    assert client.get(first).status_code == 200
    assert client.get(first).status_code == 200
    assert len(drawn) == 1
    [stored] = default_storage.listdir(f"cards/article/{article.pk}")[1]
    assert first.endswith(stored.split("-", 1)[1])

    article.title = "عنوان جديد"
    article.save()
    second = card_url(client, paths["article"])
    assert second != first
    old = client.get(first)
    assert (old.status_code, old["Location"]) == (302, second)
    assert client.get(second).status_code == 200
    assert len(drawn) == 2


def test_a_card_that_fails_falls_back_to_the_default_card(client, monkeypatch, site, caplog):
    _article, paths = site

    def broken(card):
        raise OSError("disk full")

    monkeypatch.setattr(cards.store, "render", broken)
    page = client.get(paths["article"])
    assert page.status_code == 200
    response = client.get(card_url(client, paths["article"]))
    assert response.status_code == 302
    assert response["Location"].endswith("/img/share-card.jpg")
    assert "could not be made" in caplog.text


def test_an_unpublished_article_has_no_card(client):
    article = make_article(published=False)
    with translation.override("ar"):
        url = cards.card_of(article).get_absolute_url()
    assert client.get(url).status_code == 404


def test_an_author_with_a_photo_shows_it(client):
    author = make_author(name="كاتبة")
    author.photo.save("me.jpg", jpeg_file(400, 400), save=True)
    with translation.override("ar"):
        card = cards.card_of(author)
        assert card.portrait == author.photo.name
        plain = cards.card_of(make_author(name="كاتبة"))
        assert_card(cards.render(card))
        assert draw.draw_card(card).tobytes() != draw.draw_card(plain).tobytes()


# Short links --------------------------------------------------------------------------


def test_share_buttons_and_copy_link_use_the_short_address(client, site):
    article, paths = site
    page = HtmlPage(client.get(paths["article"]))
    short = f"http://testserver/a/{article.pk}/"
    [widget] = page.find_all("section", class_="share")
    assert widget.get("data-share-url") == short
    links = [a.get("href") for a in page.find_all("a", within=widget)]
    assert links and all("%2Fa%2F" in href or "/a/" in href for href in links)
    [canonical] = page.find_all("link", rel="canonical")
    assert canonical.get("href") == "http://testserver" + article.get_absolute_url()


# Covers in lists ----------------------------------------------------------------------


def test_lists_show_covers_with_stored_renditions_at_a_fixed_query_count(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    section = make_section()
    featured = make_article(section=section, featured=True, title="مميز")
    with django_capture_on_commit_callbacks(execute=True):
        featured.cover_image.save("featured.jpg", jpeg_file(1600, 900), save=True)
    client.get("/")  # the section menu, read once for its sections token
    counts = []
    for more in (2, 8):
        for _ in range(more - len(counts) * 2 if counts else more):
            article = make_article(section=section, authors=[make_author()])
            article.cover_image.save("c.jpg", jpeg_file(1000, 600), save=True)
        from articles import pagecache

        pagecache.new_stamp()
        with django_assert_num_queries(6) as captured:  # the stamp + the home page's 5
            response = client.get("/")
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]

    page = HtmlPage(response)
    images = page.find_all("img", class_="card__image")
    assert len(images) == 9
    big, *others = images
    assert big.get("fetchpriority") == "high" and "loading" not in big.attrs
    assert {img.get("loading") for img in others} == {"lazy"}
    assert all(img.get("width") and img.get("height") and img.get("alt") == "" for img in images)
    [source, *_] = page.find_all("source", type="image/webp")
    assert "480w" in source.get("srcset") and "800w" in source.get("srcset")
    # Made when the cover was saved, so a reader's first view makes nothing.
    for candidate in source.get("srcset").split(", "):
        name = candidate.split()[0].removeprefix("/media/")
        assert default_storage.exists(name), name


def test_cover_renditions_need_no_query(django_assert_num_queries):
    article = make_article()
    article.cover_image.save("c.jpg", jpeg_file(1600, 900), save=True)
    with django_assert_num_queries(0):
        cover = cover_renditions(article)
    assert (cover["width"], cover["height"]) == (1600, 900)
    assert cover["webp_srcset"].count("w,") == 2
    assert cover["srcset"].endswith(f"{article.cover_image.url} 1600w")


def test_an_untranslated_caption_is_marked_arabic_on_the_english_page(client):
    article = make_article(title_en="In English", cover_caption="صورة (أرشيف)")
    article.cover_image.save("c.jpg", jpeg_file(800, 450), save=True)
    with translation.override("en"):
        url = article.get_absolute_url()
    page = HtmlPage(client.get(url))
    [figure] = page.find_all("figure", class_="cover")
    [caption] = page.find_all("figcaption", within=figure)
    [span] = page.find_all("span", within=caption, lang="ar")
    assert span.get("dir") == "rtl" and span.text == "صورة (أرشيف)"
    [img] = page.find_all("img", within=figure)
    assert img.get("alt") == ""
