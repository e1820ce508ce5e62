"""``/sitemap.xml``, an index of paged sitemaps (articles with hreflang alternates,
sections, authors, tags), and robots.txt.

The content is checked across every page the index lists, so it does not matter on
which page an address is.
"""

import io
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from urllib.parse import unquote, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from articles import context_processors
from articles import sitemaps as sitemap_module
from articles.models import Article, Section, Tag
from authors.models import Author
from tests.helpers.factories import make_article, make_author
from tests.helpers.seeds import READ_ALSO_TITLES

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


SECTIONS = ("articles", "sections", "authors", "tags")


def fetch(client, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return response


def fetch_sitemap(client):
    return fetch(client, "/sitemap.xml")


def index(client):
    """The locations the sitemap index lists, in order."""
    root = etree.fromstring(fetch_sitemap(client).content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return [sitemap.findtext("sm:loc", namespaces=NS) for sitemap in root]


def page(client, loc):
    parts = urlsplit(loc)
    assert (parts.scheme, parts.netloc) == ("https", "testserver"), loc
    root = etree.fromstring(
        fetch(client, parts.path + f"?{parts.query}" * bool(parts.query)).content
    )
    assert root.tag == f"{{{NS['sm']}}}urlset", loc
    return root


def sitemap(client):
    """Every <url> of every sitemap page the index lists."""
    return [url for loc in index(client) for url in page(client, loc)]


def entries(client):
    """Each <url> of the sitemap by its <loc> (each listed once)."""
    urls = sitemap(client)
    found = {url.findtext("sm:loc", namespaces=NS): url for url in urls}
    assert len(found) == len(urls)
    return found


def locations(client):
    return set(entries(client))


def alternates(url):
    return {
        link.get("hreflang"): link.get("href")
        for link in url.findall("xhtml:link[@rel='alternate']", namespaces=NS)
    }


# --- The document ------------------------------------------------------------------


def test_sitemap_is_an_index_of_well_formed_sitemaps_in_the_sitemap_namespace(client, seeds):
    locs = index(client)
    assert locs == [absolute(f"/sitemap-{section}.xml") for section in SECTIONS]
    for loc in locs:
        root = page(client, loc)
        assert len(root) and all(url.tag == f"{{{NS['sm']}}}url" for url in root)


def test_index_gives_the_articles_latest_update_as_their_lastmod(client, paper):
    Article.objects.update(updated_at=datetime(2025, 1, 1, 12, 0, tzinfo=UTC))
    Article.objects.filter(pk=paper.pk).update(updated_at=datetime(2025, 11, 10, 12, 0, tzinfo=UTC))
    root = etree.fromstring(fetch_sitemap(client).content)
    lastmod = {
        s.findtext("sm:loc", namespaces=NS): s.findtext("sm:lastmod", namespaces=NS) for s in root
    }
    assert date.fromisoformat(lastmod[absolute("/sitemap-articles.xml")][:10]) == date(2025, 11, 10)


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
    assert len(expected) == 2
    assert expected <= locations(client)
    # The paper's read-also entries are summaries only: no page, so no address.
    for entry in Article.objects.filter(title_ar__in=READ_ALSO_TITLES):
        assert absolute(entry.get_absolute_url()) not in locations(client)


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
    found = locations(client)
    assert absolute(Author.objects.get(name_ar="إدارة الموقع").get_absolute_url()) in found
    # His only piece in the seeds is a summary-only read-also entry.
    assert absolute(Author.objects.get(name_ar="أنس قاسم المرفوع").get_absolute_url()) not in found


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


def test_robots_txt_points_to_the_sitemap_index(client):
    assert robots(client).site_maps() == [absolute("/sitemap.xml")]


def test_robots_txt_disallows_the_admin(client):
    parser = robots(client)
    assert not parser.can_fetch("*", absolute("/admin/"))
    assert not parser.can_fetch("*", absolute("/admin/articles/article/"))
    assert parser.can_fetch("*", absolute("/"))
    assert parser.can_fetch("*", absolute("/sitemap.xml"))


# --- Pages -----------------------------------------------------------------------------


def bilingual_article(n):
    return make_article(
        title_en=f"English edition {n}", slug_en=f"english-edition-{n}", authors=[make_author()]
    )


def test_sitemaps_are_paged_each_address_on_one_page(client, seeds, monkeypatch):
    for n in range(3):
        bilingual_article(n)
    everything = {loc: etree.tostring(url) for loc, url in entries(client).items()}
    cache.clear()
    for sitemap_class in sitemap_module.SITEMAPS.values():
        monkeypatch.setattr(sitemap_class, "limit", 2)
    locs = index(client)
    articles = [loc for loc in locs if "/sitemap-articles.xml" in loc]
    # 5 Arabic editions and 4 English ones, 2 a page.
    assert articles == [absolute("/sitemap-articles.xml")] + [
        absolute(f"/sitemap-articles.xml?p={n}") for n in range(2, 6)
    ]
    pages = [page(client, loc) for loc in locs]
    assert all(len(root) <= 2 for root in pages)
    paged = {
        url.findtext("sm:loc", namespaces=NS): etree.tostring(url) for root in pages for url in root
    }
    assert sum(len(root) for root in pages) == len(paged)
    assert paged == everything


def test_a_page_past_the_last_and_an_unknown_section_are_not_found(client, seeds):
    assert client.get("/sitemap-articles.xml?p=2", secure=True).status_code == 404
    assert client.get("/sitemap-articles.xml?p=x", secure=True).status_code == 404
    assert client.get("/sitemap-drafts.xml", secure=True).status_code == 404


def test_pages_stay_far_below_the_protocols_50000_addresses():
    for sitemap_class in sitemap_module.SITEMAPS.values():
        assert sitemap_class.limit <= 10_000


def queries(client, path):
    cache.clear()
    context_processors._menus.clear()  # the section menu read anew, as on a cold process
    with CaptureQueriesContext(connection) as captured:
        fetch(client, path)
    return len(captured.captured_queries)


def add_article(n):
    """Every other one bilingual, each with its own author and tag."""
    if n % 2:
        return bilingual_article(n)
    return make_article(authors=[make_author()], tags=[f"وسم {n}"])


def test_a_sitemap_page_costs_the_same_queries_with_2_or_30_articles(client):
    paths = ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in SECTIONS)]
    for n in range(2):
        add_article(n)
    few = {path: queries(client, path) for path in paths}
    for n in range(2, 30):
        add_article(n)
    # 30 Arabic and 15 English editions, 30 sections, 30 authors, 15 tags.
    assert len(entries(client)) == 30 + 15 + 30 + 30 + 15
    many = {path: queries(client, path) for path in paths}
    assert many == few
    # The index: counts and the articles' latest update; a page: counts and its rows.
    assert few["/sitemap.xml"] <= 8 and max(few.values()) <= 8, few
