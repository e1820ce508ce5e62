"""``/sitemap.xml`` (articles with hreflang alternates, sections, authors, tags) and robots.txt."""

import io
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from urllib.parse import unquote, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from articles.models import Article, Section, Tag
from authors.models import Author
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db

ORIGIN = "https://testserver"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
PAPER_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش"


def absolute(path):
    return ORIGIN + path


@pytest.fixture(autouse=True)
def fresh_cache():
    """The sitemap is cached for 15 minutes; every test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeds():
    call_command("import_seeds", stdout=io.StringIO())


@pytest.fixture
def paper(seeds):
    return Article.objects.get(title_ar=PAPER_TITLE)


@pytest.fixture
def bilingual():
    return make_article(
        title="سورية والتحالف",
        summary="ملخص عربي.",
        body="<p>نص عربي.</p>",
        title_en="Syria and the coalition",
        slug_en="syria-and-the-coalition",
        summary_en="An English summary.",
        body_en="<p>English text.</p>",
    )


def fetch_sitemap(client):
    response = client.get("/sitemap.xml", secure=True)
    assert response.status_code == 200
    return response


def sitemap(client):
    return etree.fromstring(fetch_sitemap(client).content)


def entries(client):
    """Each <url> of the sitemap by its <loc>."""
    return {url.findtext("sm:loc", namespaces=NS): url for url in sitemap(client)}


def locations(client):
    return set(entries(client))


def alternates(url):
    return {
        link.get("hreflang"): link.get("href")
        for link in url.findall("xhtml:link[@rel='alternate']", namespaces=NS)
    }


# --- The document ------------------------------------------------------------------


def test_sitemap_is_well_formed_xml_in_the_sitemap_namespace(client, seeds):
    response = fetch_sitemap(client)
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert len(root) and all(url.tag == f"{{{NS['sm']}}}url" for url in root)


def test_every_location_is_an_absolute_https_url_that_is_served(client, seeds):
    for loc in locations(client):
        parts = urlsplit(loc)
        assert (parts.scheme, parts.netloc) == ("https", "testserver"), loc
        response = client.get(parts.path, secure=True)
        assert response.status_code == 200, loc


def test_lastmod_is_a_w3c_date(client, seeds):
    for url in sitemap(client):
        lastmod = url.findtext("sm:lastmod", namespaces=NS)
        if lastmod is not None:
            assert date.fromisoformat(lastmod).isoformat() == lastmod


# --- What it lists -------------------------------------------------------------------


def test_sitemap_lists_the_published_articles(client, seeds):
    expected = {absolute(article.get_absolute_url()) for article in Article.objects.published()}
    assert len(expected) == 4
    assert expected <= locations(client)


def test_drafts_articles_in_review_and_scheduled_articles_are_left_out(client):
    now = timezone.now()
    hidden = [
        make_article(published=False, published_at=now - timedelta(days=1)),
        make_article(status=Article.Status.REVIEW, published_at=now - timedelta(days=1)),
        make_article(when=now + timedelta(days=1)),
    ]
    shown = make_article(when=now - timedelta(days=1))
    found = locations(client)
    assert absolute(shown.get_absolute_url()) in found
    for article in hidden:
        assert absolute(article.get_absolute_url()) not in found, article.status


def test_scheduled_article_enters_the_sitemap_when_its_time_comes(client):
    article = make_article(when=timezone.now() + timedelta(days=1))
    with mock.patch("django.utils.timezone.now", return_value=article.published_at):
        assert absolute(article.get_absolute_url()) in locations(client)


def test_article_lastmod_is_its_update_time(client, paper):
    Article.objects.filter(pk=paper.pk).update(updated_at=datetime(2025, 11, 10, 12, 0, tzinfo=UTC))
    url = entries(client)[absolute(paper.get_absolute_url())]
    assert url.findtext("sm:lastmod", namespaces=NS) == "2025-11-10"


def test_sitemap_lists_the_sections(client, seeds):
    expected = {absolute(section.get_absolute_url()) for section in Section.objects.all()}
    assert len(expected) == 3
    assert expected <= locations(client)


def test_sitemap_lists_the_authors_of_published_articles(client, seeds):
    expected = {
        absolute(Author.objects.get(name_ar=name).get_absolute_url())
        for name in ("إدارة الموقع", "أنس قاسم المرفوع")
    }
    assert expected <= locations(client)


def test_sitemap_lists_the_tags_of_published_articles(client, seeds):
    names = {"سورية", "داعش", "التحالف الدولي", "فرنسا", "الولايات المتحدة"}
    expected = {absolute(Tag.objects.get(name_ar=name).get_absolute_url()) for name in names}
    assert expected <= locations(client)


def test_authors_and_tags_of_unpublished_articles_only_are_left_out(client):
    author = make_author()
    make_article(published=False, authors=[author], tags=["وسم المسودة"])
    make_article(when=timezone.now() + timedelta(days=1), authors=[author], tags=["وسم المسودة"])
    found = locations(client)
    assert absolute(author.get_absolute_url()) not in found
    assert absolute(Tag.objects.get(name_ar="وسم المسودة").get_absolute_url()) not in found


def test_each_author_and_tag_is_listed_once(client):
    author = make_author()
    for _ in range(3):
        make_article(authors=[author], tags=["وسم متكرر"])
    locs = [url.findtext("sm:loc", namespaces=NS) for url in sitemap(client)]
    assert len(locs) == len(set(locs))


# --- Languages -----------------------------------------------------------------------


def test_arabic_only_article_has_arabic_and_x_default_alternates_only(client, paper):
    page = absolute(paper.get_absolute_url())
    url = entries(client)[page]
    assert alternates(url) == {"ar": page, "x-default": page}


def test_arabic_only_article_has_no_english_location(client, paper):
    # The paper has no English text (the news seed has, and is listed in English).
    english_paths = {unquote(urlsplit(loc).path) for loc in locations(client) if "/en/" in loc}
    assert not any(paper.slug_ar in path for path in english_paths)
    assert paper.slug_en is None


def test_bilingual_article_is_listed_in_both_languages(client, bilingual):
    found = locations(client)
    assert absolute(bilingual.get_absolute_url()) in found
    assert absolute("/en/articles/syria-and-the-coalition/") in found


def test_bilingual_article_has_ar_en_and_x_default_alternates(client, bilingual):
    arabic = absolute(bilingual.get_absolute_url())
    english = absolute("/en/articles/syria-and-the-coalition/")
    found = entries(client)
    for loc in (arabic, english):
        assert alternates(found[loc]) == {"ar": arabic, "en": english, "x-default": arabic}, loc


def test_english_alternate_is_the_english_edition(client, bilingual):
    response = client.get("/en/articles/syria-and-the-coalition/", secure=True)
    assert response.status_code == 200
    assert "Syria and the coalition" in response.content.decode()


# --- robots.txt ----------------------------------------------------------------------


def robots(client):
    response = client.get("/robots.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


def test_robots_txt_points_to_the_sitemap(client):
    assert robots(client).site_maps() == [absolute("/sitemap.xml")]


def test_robots_txt_disallows_the_admin(client):
    parser = robots(client)
    assert not parser.can_fetch("*", absolute("/admin/"))
    assert not parser.can_fetch("*", absolute("/admin/articles/article/"))
    assert parser.can_fetch("*", absolute("/"))
    assert parser.can_fetch("*", absolute("/sitemap.xml"))
