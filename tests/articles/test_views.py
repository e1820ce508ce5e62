"""The public reading site, page by page, as a reader (and a search engine) sees it."""

import io
import json
import re
from datetime import datetime, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, quote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import ngettext
from PIL import Image

from articles.models import Article, Section, Tag
from articles.rendering import reading_minutes
from core.site import site_name
from tests.helpers.factories import (
    jpeg_file,
    make_article,
    make_author,
    make_read_also,
    make_reference,
    make_section,
)
from tests.helpers.html import HtmlPage
from think_tank.views import server_error

pytestmark = pytest.mark.django_db

DAMASCUS = ZoneInfo("Asia/Damascus")
PAPER_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش"
NEWS_TITLE = "تحول تاريخي: سوريا تنضم إلى التحالف الدولي ضد داعش.. ما الدلالات؟"
READ_ALSO_TITLES = [
    "إعادة تكوين الإنسان العربي: من التهميش إلى الولادة الجديدة",
    "واقع تجارة المخدرات وتعاطيها في سورية في مرحلتي ما قبل وبعد سقوط نظام الأسد",
]
NOT_FOUND = "الصفحة غير موجودة"
RTL_HTML = '<html lang="ar" dir="rtl">'


@pytest.fixture
def seeds():
    """The two real seed documents, imported as `make run` does."""
    call_command("import_seeds", stdout=io.StringIO())
    return SimpleNamespace(
        paper=Article.objects.get(title_ar=PAPER_TITLE),
        news=Article.objects.get(title_ar=NEWS_TITLE),
    )


def get(client, url, data=None, status=200):
    response = client.get(url, data)
    assert response.status_code == status, (url, data, response.status_code)
    return HtmlPage(response)


def absolute(path):
    return f"http://testserver{path}"


def card_titles(page, within=None):
    """The titles of the article cards on a page (or in one part of it), in order."""
    return [
        heading.text
        for heading in page.find_all(within=within)
        if "card__title" in heading.get("class", "").split()
    ]


def json_ld(page):
    """The page's schema.org data, from its one <script type="application/ld+json">."""
    blocks = re.findall(
        r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', page.html, re.DOTALL
    )
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])


def minutes_text(minutes):
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}


# --- Home -------------------------------------------------------------------


class TestHome:
    def test_featured_and_latest_cards(self, client):
        now = timezone.now()
        older = make_article(title="مقال أقدم", when=now - timedelta(days=2))
        featured = make_article(title="مقال مختار", featured=True, when=now - timedelta(days=3))
        newest = make_article(title="أحدث مقال", when=now - timedelta(hours=1))
        make_article(title="مسودة مختارة", featured=True, published=False)
        make_article(title="مقال مجدول", when=now + timedelta(days=1))

        page = get(client, "/")

        featured_block = page.find("section", class_="featured")
        assert card_titles(page, within=featured_block) == [featured.title]
        latest = page.find("section", aria_labelledby="latest-title")
        assert page.find("h2", id="latest-title").text == "الأحدث"
        # The featured article is shown once, in its own block, not again in the list.
        assert card_titles(page, within=latest) == [newest.title, older.title]
        assert "مسودة مختارة" not in page.html
        assert "مقال مجدول" not in page.html

    def test_a_card_shows_section_title_summary_date_and_authors(self, client):
        first, second = make_author(name="سارة الأحمد"), make_author(name="عمر الخطيب")
        article = make_article(
            title="مستقبل الاقتصاد السوري",
            summary="قراءة في مؤشرات التعافي.",
            authors=[first, second],
            when=datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS),
        )

        page = get(client, "/")

        card = page.find("article", class_="card")
        assert page.find("a", class_="kicker", within=card).get("href") == (
            article.section.get_absolute_url()
        )
        title = page.find(class_="card__title", within=card)
        assert page.find("a", within=title).get("href") == article.get_absolute_url()
        assert page.find("p", class_="card__summary", within=card).text == (
            "قراءة في مؤشرات التعافي."
        )
        assert page.find("time", within=card).text == "3 نوفمبر 2025"
        byline = page.find("span", class_="byline", within=card)
        assert [(a.text, a.get("href")) for a in page.find_all("a", within=byline)] == [
            ("سارة الأحمد", first.get_absolute_url()),
            ("عمر الخطيب", second.get_absolute_url()),
        ]
        assert byline.text == "سارة الأحمد، عمر الخطيب"

    def test_pagination(self, client):
        start = timezone.now() - timedelta(days=1)
        titles = [
            make_article(title=f"مقال رقم {i}", when=start - timedelta(hours=i)).title
            for i in range(23)
        ]
        make_article(title="المختار", featured=True, when=start - timedelta(days=30))

        first = get(client, "/")
        third = get(client, "/", {"page": 3})

        latest = first.find("section", aria_labelledby="latest-title")
        assert card_titles(first, within=latest) == titles[:10]
        assert card_titles(first, within=first.find("section", class_="featured")) == ["المختار"]
        assert first.find("a", rel="next").get("href") == "?page=2"
        assert not first.find_all("a", rel="prev")
        assert first.find("span", aria_current="page").text == "صفحة 1 من 3"
        latest = third.find("section", aria_labelledby="latest-title")
        assert card_titles(third, within=latest) == titles[20:]
        assert third.find("a", rel="prev").get("href") == "?page=2"
        assert not third.find_all("a", rel="next")
        # The featured block belongs to the first page only.
        assert not third.find_all("section", class_="featured")

    def test_no_articles_yet(self, client):
        page = get(client, "/")

        assert "لا مقالات بعد." in page.html


# --- Article page -----------------------------------------------------------


class TestArticleHeader:
    def test_section_title_and_dateline(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        header = page.find("header", class_="article__header")
        kicker = page.find("a", class_="kicker", within=header)
        assert (kicker.text, kicker.get("href")) == (
            "تقدير موقف",
            seeds.paper.section.get_absolute_url(),
        )
        assert page.find("h1").text == PAPER_TITLE
        dateline = page.find("time", within=header)
        assert dateline.text == "السبت، 8 نوفمبر 2025 – 10:00 ص"
        assert dateline.get("datetime") == "2025-11-08T10:00:00+03:00"

    def test_news_dateline_in_the_morning(self, client, seeds):
        page = get(client, seeds.news.get_absolute_url())

        dateline = page.find("time", within=page.find("header", class_="article__header"))
        # The weekday as Django's Arabic locale spells it (3 November 2025 was a Monday).
        monday = dateformat.format(timezone.localtime(seeds.news.published_at), "l")
        assert monday == dateformat.format(datetime(2025, 11, 10, tzinfo=DAMASCUS), "l")
        assert dateline.text == f"{monday}، 3 نوفمبر 2025 – 04:54 ص"

    def test_no_authors(self, client):
        article = make_article()

        page = get(client, article.get_absolute_url())

        assert not page.find_all("span", class_="byline")
        assert "بقلم" not in page.html

    def test_one_author(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        byline = page.find(
            "span", class_="byline", within=page.find("header", class_="article__header")
        )
        desk = seeds.paper.authors.get()
        assert [(a.text, a.get("href")) for a in page.find_all("a", within=byline)] == [
            ("إدارة الموقع", desk.get_absolute_url())
        ]
        assert byline.ancestors[-1].text.startswith("بقلم")

    def test_several_authors_in_order(self, client):
        authors = [make_author(name=name) for name in ("ليلى حداد", "باسل العلي", "رنا يوسف")]
        article = make_article(authors=[authors[2], authors[0], authors[1]])

        page = get(client, article.get_absolute_url())

        byline = page.find(
            "span", class_="byline", within=page.find("header", class_="article__header")
        )
        assert [(a.text, a.get("href")) for a in page.find_all("a", within=byline)] == [
            ("رنا يوسف", authors[2].get_absolute_url()),
            ("ليلى حداد", authors[0].get_absolute_url()),
            ("باسل العلي", authors[1].get_absolute_url()),
        ]
        assert byline.text == "رنا يوسف، ليلى حداد، باسل العلي"

    def test_reading_time(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        expected = reading_minutes(seeds.paper.body)
        assert expected >= 2
        assert minutes_text(expected) in page.html

    def test_reading_time_of_a_long_article(self, client):
        article = make_article(body="<p>" + "كلمة " * 1000 + "</p>")

        page = get(client, article.get_absolute_url())

        assert "مدة القراءة: 5 دقائق" in page.html

    def test_reading_time_of_a_short_article(self, client):
        article = make_article(body="<p>نص قصير.</p>")

        page = get(client, article.get_absolute_url())

        assert "مدة القراءة: دقيقة واحدة" in page.html


class TestFootnotesAndReferences:
    def test_seed_markers_link_to_references_and_back(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        body = page.find("div", class_="body")
        notes = [
            (a.get("id"), a.get("href"), a.text)
            for a in page.find_all("a", within=body, role="doc-noteref")
        ]
        assert notes == [("cite-1-1", "#ref-1", "[1]"), ("cite-2-1", "#ref-2", "[2]")]
        references = page.find("section", class_="references")
        items = page.find_all("li", within=references)
        assert [(li.get("id"), li.get("value")) for li in items] == [
            (f"ref-{n}", str(n)) for n in range(1, 8)
        ]
        assert [
            a.get("href") for a in page.find_all("a", within=items[0], role="doc-backlink")
        ] == ["#cite-1-1"]
        assert [
            a.get("href") for a in page.find_all("a", within=items[1], role="doc-backlink")
        ] == ["#cite-2-1"]
        # References 3 to 7 are not cited in the text: nothing to go back to.
        for item in items[2:]:
            assert not page.find_all("a", within=item, role="doc-backlink")

    def test_a_reference_cited_twice_links_back_to_both_places(self, client):
        article = make_article(body="<p>أول[1] ثم[2]</p><p>ومرة أخرى[2].</p>")
        make_reference(article, 1)
        make_reference(article, 2)

        page = get(client, article.get_absolute_url())

        ids = [a.get("id") for a in page.find_all("a", role="doc-noteref")]
        assert ids == ["cite-1-1", "cite-2-1", "cite-2-2"]
        second = page.find("li", id="ref-2")
        backlinks = [a.get("href") for a in page.find_all("a", within=second, role="doc-backlink")]
        assert backlinks == ["#cite-2-1", "#cite-2-2"]
        # Every back link leads to an element of the page.
        for href in backlinks:
            assert page.find(id=href[1:]).tag == "a"

    def test_a_marker_without_reference_stays_text(self, client):
        article = make_article(body="<p>نص[1] ونص[99].</p>")
        make_reference(article, 1)

        page = get(client, article.get_absolute_url())

        assert [a.get("href") for a in page.find_all("a", role="doc-noteref")] == ["#ref-1"]
        assert "ونص[99]." in page.find("div", class_="body").text

    def test_english_reference_left_to_right_arabic_right_to_left(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        arabic = page.find("span", class_="citation", within=page.find("li", id="ref-1"))
        english = page.find("span", class_="citation", within=page.find("li", id="ref-2"))
        assert arabic.get("dir") == "rtl"
        assert "بيان حول تفكيك خلايا داعش" in arabic.text
        assert english.get("dir") == "ltr"
        assert english.get("lang") == "en"
        assert "Global Coalition to Defeat ISIS" in english.text

    def test_no_references_section_without_references(self, client):
        article = make_article(body="<p>نص بلا مراجع[1].</p>")

        page = get(client, article.get_absolute_url())

        assert not page.find_all("section", class_="references")
        assert "بلا مراجع[1]." in page.html


class TestTagsAndShare:
    def test_tags_link_to_their_pages(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        links = page.find_all("a", rel="tag", within=page.find("ul", class_="tags"))
        expected = {tag.name: tag.get_absolute_url() for tag in seeds.paper.tags.all()}
        assert {a.text: a.get("href") for a in links} == expected
        assert set(expected) == {"سورية", "داعش", "التحالف الدولي", "فرنسا"}

    def test_share_links_carry_the_canonical_address(self, client, seeds):
        url = seeds.paper.get_absolute_url()
        canonical = absolute(url)

        page = get(client, url)

        share = page.find("section", class_="share")
        hrefs = {
            key: page.find("a", class_=f"share__{key}", within=share).get("href")
            for key in ("whatsapp", "telegram", "x", "facebook", "linkedin", "email")
        }
        # Shared: the short permanent address (/a/<id>/), not the long Arabic one.
        canonical = absolute(reverse("articles:permalink", args=[seeds.paper.pk]))
        encoded = quote(canonical, safe="")
        for key, href in hrefs.items():
            assert encoded in href, key
        starts = {
            "whatsapp": ("https", "wa.me", "/"),
            "telegram": ("https", "t.me", "/share/url"),
            "x": ("https", "x.com", "/intent/post"),
            "facebook": ("https", "www.facebook.com", "/sharer/sharer.php"),
            "linkedin": ("https", "www.linkedin.com", "/sharing/share-offsite/"),
            "email": ("mailto", "", ""),
        }
        params = {}
        for key, href in hrefs.items():
            parts = urlsplit(href)
            assert (parts.scheme, parts.netloc, parts.path) == starts[key]
            params[key] = {name: values[0] for name, values in parse_qs(parts.query).items()}
        assert params["whatsapp"] == {"text": f"{PAPER_TITLE} {canonical}"}
        assert params["telegram"] == {"url": canonical, "text": PAPER_TITLE}
        assert params["x"] == {"url": canonical, "text": PAPER_TITLE}
        assert params["facebook"] == {"u": canonical}
        assert params["linkedin"] == {"url": canonical}
        assert params["email"] == {"subject": PAPER_TITLE, "body": canonical}
        # Spaces as %20: a mail client shows a "+" as it is.
        assert "+" not in hrefs["email"]

    def test_copy_and_native_share_buttons(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        share = page.find("section", class_="share")
        assert share.get("data-share-url") == absolute(f"/a/{seeds.paper.pk}/")
        assert page.find("button", within=share, data_copy_link=True).get("type") == "button"
        assert page.find("button", within=share, data_native_share=True).get("type") == "button"
        # A paper also loads the copy buttons of its «Cite this paper» box.
        scripts = [s.get("src") for s in page.find_all("script", src=True)]
        assert scripts == ["/static/js/cite.js", "/static/js/share.js"]

    def test_no_inline_script_but_the_structured_data(self, client, seeds):
        page = get(client, seeds.paper.get_absolute_url())

        inline = [s for s in page.find_all("script") if not s.get("src")]
        assert [s.get("type") for s in inline] == ["application/ld+json"]


class TestReadAlso:
    def read_also(self, client, article):
        page = get(client, article.get_absolute_url())
        blocks = page.find_all("aside", class_="read-also")
        if not blocks:
            return []
        assert page.find("h2", id="read-also-title").text == "اقرأ أيضاً"
        return card_titles(page, within=blocks[0])

    def test_seed_paper_suggestions_in_order(self, client, seeds):
        assert self.read_also(client, seeds.paper) == READ_ALSO_TITLES

    def test_curated_articles_in_the_editors_order(self, client):
        article = make_article()
        first, second, third = (make_article(title=f"مقترح {n}") for n in (1, 2, 3))
        make_read_also(article, second, position=2)
        make_read_also(article, third, position=3)
        make_read_also(article, first, position=1)

        assert self.read_also(client, article) == ["مقترح 1", "مقترح 2", "مقترح 3"]

    def test_unpublished_and_scheduled_suggestions_are_hidden(self, client):
        article = make_article()
        visible = make_article(title="مقترح منشور")
        for position, hidden in enumerate(
            [
                make_article(title="مقترح مسودة", published=False),
                make_article(title="مقترح قيد المراجعة", status=Article.Status.REVIEW),
                make_article(title="مقترح مجدول", when=timezone.now() + timedelta(days=1)),
            ],
            start=1,
        ):
            make_read_also(article, hidden, position=position)
        make_read_also(article, visible, position=9)

        page = get(client, article.get_absolute_url())

        assert card_titles(page, within=page.find("aside", class_="read-also")) == ["مقترح منشور"]
        for title in ("مقترح مسودة", "مقترح قيد المراجعة", "مقترح مجدول"):
            assert title not in page.html

    def test_fallback_same_tags_or_section_most_recent_first(self, client):
        now = timezone.now()
        section, elsewhere = make_section(), make_section()
        article = make_article(section=section, tags=["الطاقة"], when=now - timedelta(days=5))
        same_tag = make_article(
            title="وسم مشترك", section=elsewhere, tags=["الطاقة"], when=now - timedelta(days=1)
        )
        same_section = make_article(
            title="قسم مشترك", section=section, when=now - timedelta(days=2)
        )
        make_article(title="لا علاقة له", section=elsewhere, tags=["الرياضة"], when=now)
        make_article(title="مسودة مشابهة", section=section, tags=["الطاقة"], published=False)
        make_article(
            title="مجدول مشابه", section=section, tags=["الطاقة"], when=now + timedelta(hours=1)
        )

        titles = self.read_also(client, article)

        assert titles == [same_tag.title, same_section.title]
        assert article.title not in titles

    def test_fallback_shows_a_few_of_the_most_recent(self, client):
        now = timezone.now()
        section = make_section()
        article = make_article(section=section, when=now - timedelta(days=30))
        related = [
            make_article(title=f"مشابه {i}", section=section, when=now - timedelta(days=i))
            for i in range(1, 7)
        ]

        titles = self.read_also(client, article)

        assert 1 <= len(titles) <= 3
        assert titles == [a.title for a in related[: len(titles)]]

    def test_nothing_related_nothing_shown(self, client):
        article = make_article()
        make_article()  # another section, no tags

        assert self.read_also(client, article) == []


class TestArticleHead:
    def test_language_title_description_and_canonical(self, client, seeds):
        url = seeds.paper.get_absolute_url()

        page = get(client, url)

        assert RTL_HTML in page.html
        assert page.find("title").text == f"{PAPER_TITLE} – {site_name()}"
        assert page.meta("description") == [seeds.paper.summary]
        assert page.find("link", rel="canonical").get("href") == absolute(url)

    def test_open_graph_and_article_properties(self, client, seeds):
        paper = seeds.paper
        canonical = absolute(paper.get_absolute_url())

        page = get(client, paper.get_absolute_url())

        assert page.meta("og:type") == ["article"]
        assert page.meta("og:title") == [PAPER_TITLE]
        assert page.meta("og:description") == [paper.summary]
        assert page.meta("og:url") == [canonical]
        assert page.meta("og:locale") == ["ar_AR"]
        assert page.meta("article:published_time") == ["2025-11-08T10:00:00+03:00"]
        modified = datetime.fromisoformat(page.meta("article:modified_time")[0])
        assert modified == paper.updated_at
        assert page.meta("article:author") == [
            absolute(author.get_absolute_url()) for author in paper.authors.all()
        ]
        assert sorted(page.meta("article:tag")) == sorted(paper.tags.names())
        # Without a cover too: the generated share card (tests/articles/test_share_cards.py).
        assert page.meta("twitter:card") == ["summary_large_image"]

    def test_one_article_author_per_author(self, client):
        authors = [make_author(), make_author(), make_author()]
        article = make_article(authors=authors)

        page = get(client, article.get_absolute_url())

        assert page.meta("article:author") == [absolute(a.get_absolute_url()) for a in authors]

    def test_structured_data_of_an_analysis_paper(self, client, seeds):
        paper = seeds.paper

        data = json_ld(get(client, paper.get_absolute_url()))

        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Report"
        assert data["headline"] == PAPER_TITLE
        assert datetime.fromisoformat(data["datePublished"]) == paper.published_at
        assert data["author"] == [
            {
                "@type": "Organization",
                "name": "إدارة الموقع",
                "url": absolute(paper.authors.get().get_absolute_url()),
            }
        ]
        assert data["publisher"]["@type"] == "Organization"
        assert data["publisher"]["name"] == site_name()

    def test_structured_data_of_a_news_article(self, client, seeds):
        news = seeds.news
        assert news.section.genre == Section.Genre.NEWS

        data = json_ld(get(client, news.get_absolute_url()))

        assert data["@type"] == "NewsArticle"
        assert datetime.fromisoformat(data["datePublished"]) == datetime(
            2025, 11, 3, 4, 54, tzinfo=DAMASCUS
        )

    def test_structured_data_names_every_author(self, client):
        people = [make_author(name="هالة منصور"), make_author(name="فادي سليمان")]
        desk = make_author(name="فريق التحرير", kind="desk")
        article = make_article(
            authors=[*people, desk], section=make_section(genre=Section.Genre.NEWS)
        )

        data = json_ld(get(client, article.get_absolute_url()))

        assert [(a["@type"], a["name"], a["url"]) for a in data["author"]] == [
            ("Person", "هالة منصور", absolute(people[0].get_absolute_url())),
            ("Person", "فادي سليمان", absolute(people[1].get_absolute_url())),
            ("Organization", "فريق التحرير", absolute(desk.get_absolute_url())),
        ]
        assert data["@type"] == "NewsArticle"

    def test_structured_data_text_cannot_close_the_script(self, client):
        article = make_article(title="</script><script>alert(1)</script>", summary="a & b")

        page = get(client, article.get_absolute_url())

        assert "<script>alert(1)" not in page.html
        data = json_ld(page)
        assert data["headline"] == "</script><script>alert(1)</script>"
        assert data["description"] == "a & b"


class TestCover:
    @pytest.fixture
    def article(self, django_capture_on_commit_callbacks):
        article = make_article(cover_caption="جلسة لمجلس الأمن", cover_credit="وكالة الأنباء")
        # Renditions are made once the cover's transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            article.cover_image.save("cover.jpg", jpeg_file(1600, 900), save=True)
        return article

    def test_cover_with_srcset_caption_and_credit(self, client, article):
        page = get(client, article.get_absolute_url())

        figure = page.find("figure", class_="cover")
        image = page.find("img", within=figure)
        assert image.get("src") == article.cover_image.url
        assert (image.get("width"), image.get("height")) == ("1600", "900")
        # Said once, by the caption: not read twice by a screen reader.
        assert image.get("alt") == ""
        candidates = [c.strip().rsplit(" ", 1) for c in image.get("srcset").split(",")]
        assert [width for _url, width in candidates] == ["480w", "800w", "1200w", "1600w"]
        assert candidates[-1][0] == article.cover_image.url
        for url, width in candidates:
            # Every rendition is a stored file of the width it announces.
            name = url.removeprefix("/" + settings.MEDIA_URL.lstrip("/"))
            assert default_storage.exists(name), url
            with default_storage.open(name) as stored, Image.open(stored) as rendition:
                assert f"{rendition.width}w" == width
        caption = page.find("figcaption", within=figure)
        assert caption.text == "جلسة لمجلس الأمن (تصوير: وكالة الأنباء)"
        assert page.meta("twitter:card") == ["summary_large_image"]

    def test_og_image_is_an_absolute_url(self, client, article):
        """Facebook, X and messaging apps fetch og:image as given: it must be absolute."""
        page = get(client, article.get_absolute_url())

        [card] = page.meta("og:image")
        assert card.startswith(absolute(f"/cards/article/{article.pk}/"))

    def test_a_small_cover_has_no_larger_renditions(self, client):
        article = make_article()
        article.cover_image.save("small.jpg", jpeg_file(600, 400), save=True)

        page = get(client, article.get_absolute_url())

        srcset = page.find("img", within=page.find("figure", class_="cover")).get("srcset")
        assert [c.strip().rsplit(" ", 1)[1] for c in srcset.split(",")] == ["480w", "600w"]

    def test_a_cover_whose_file_is_gone_breaks_no_page(self, client):
        """A row naming a missing file, with no size (an old import): pages still answer."""
        article = make_article(title="غلاف مفقود")
        Article.objects.filter(pk=article.pk).update(cover_image="covers/2020/01/gone.jpg")

        assert client.get(article.get_absolute_url()).status_code == 200
        home = get(client, "/")
        assert "غلاف مفقود" in home.html

    def test_no_cover_no_figure(self, client):
        article = make_article(cover_caption="تعليق بلا صورة")

        page = get(client, article.get_absolute_url())

        assert not page.find_all("figure")
        # No cover to share: the preview is the article's generated card.
        (card,) = page.meta("og:image")
        assert f"/cards/article/{article.pk}/" in card


class TestUnpublishedArticles:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {"published": False},
            {"status": Article.Status.REVIEW, "published_at": None},
            {"when": timezone.now() + timedelta(days=2)},
        ],
        ids=["draft", "in-review", "scheduled"],
    )
    def test_not_found_for_readers(self, client, kwargs):
        article = make_article(title="مقال لم يُنشر بعد", **kwargs)

        page = get(client, article.get_absolute_url(), status=404)

        assert NOT_FOUND in page.html
        assert "مقال لم يُنشر بعد" not in page.html


# --- Section, tag and archive pages -----------------------------------------


class TestSectionPage:
    def test_its_published_articles_name_and_description(self, client):
        section = make_section(name="دراسات وتحليلات", description="أوراق معمقة.")
        now = timezone.now()
        older = make_article(section=section, title="ورقة أقدم", when=now - timedelta(days=2))
        newer = make_article(section=section, title="ورقة أحدث", when=now - timedelta(days=1))
        make_article(section=section, title="ورقة مسودة", published=False)
        make_article(title="مقال في قسم آخر")

        page = get(client, section.get_absolute_url())

        assert page.find("h1").text == "دراسات وتحليلات"
        assert page.find("title").text == f"دراسات وتحليلات – {site_name()}"
        assert page.meta("description") == ["أوراق معمقة."]
        assert card_titles(page) == [newer.title, older.title]

    def test_its_menu_entry_is_marked_current(self, client):
        section, other = make_section(name="أخبار"), make_section(name="رأي")

        page = get(client, section.get_absolute_url())

        nav = page.find("nav", class_="site-nav")
        current = page.find_all("a", within=nav, aria_current="page")
        assert [(a.text, a.get("href")) for a in current] == [("أخبار", section.get_absolute_url())]
        assert other.get_absolute_url() in [a.get("href") for a in page.find_all("a", within=nav)]

    def test_pagination(self, client):
        section = make_section()
        start = timezone.now() - timedelta(hours=1)
        for i in range(12):
            make_article(section=section, title=f"مقال {i}", when=start - timedelta(hours=i))

        first = get(client, section.get_absolute_url())
        second = get(client, section.get_absolute_url(), {"page": 2})

        assert len(card_titles(first)) == 10
        assert card_titles(second) == ["مقال 10", "مقال 11"]


class TestTagPage:
    @pytest.fixture
    def tagged(self):
        syria = make_article(title="عن سورية", tags=["سورية", "اقتصاد"])
        also = make_article(title="أيضاً عن سورية", tags=["سورية"])
        make_article(title="بلا وسم")
        make_article(title="مسودة عن سورية", tags=["سورية"], published=False)
        return Tag.objects.get(name="سورية"), [also.title, syria.title]

    def test_raw_arabic_slug(self, client, tagged):
        tag, titles = tagged

        page = get(client, "/tag/سورية/")

        assert page.find("h1").text == "وسم: سورية"
        assert card_titles(page) == titles
        assert tag.get_absolute_url() == "/tag/" + quote("سورية") + "/"

    def test_percent_encoded_slug(self, client, tagged):
        _tag, titles = tagged

        page = get(client, "/tag/%D8%B3%D9%88%D8%B1%D9%8A%D8%A9/")

        assert card_titles(page) == titles

    def test_two_word_tag_from_the_seeds(self, client, seeds):
        tag = Tag.objects.get(name="التحالف الدولي")
        assert tag.slug == "التحالف-الدولي"

        page = get(client, "/tag/التحالف-الدولي/")

        assert set(card_titles(page)) == {PAPER_TITLE, NEWS_TITLE}


class TestArchive:
    def test_index_lists_months_with_public_articles_newest_first(self, client, seeds):
        make_article(when=datetime(2025, 1, 15, 12, tzinfo=DAMASCUS))
        make_article(published=False, published_at=datetime(2024, 6, 1, tzinfo=DAMASCUS))
        make_article(when=timezone.now() + timedelta(days=40))

        page = get(client, "/archive/")

        links = page.find_all("a", within=page.find("ul", class_="archive-list"))
        # The seeds' read-also entries of December are summaries only: no month of theirs.
        assert [(a.text, a.get("href")) for a in links] == [
            ("نوفمبر 2025", "/archive/2025/11/"),
            ("يناير 2025", "/archive/2025/1/"),
        ]

    def test_index_counts_months_in_damascus_time(self, client):
        # 00:30 on 1 December in Damascus is still 30 November in UTC.
        make_article(when=datetime(2025, 12, 1, 0, 30, tzinfo=DAMASCUS))

        page = get(client, "/archive/")

        links = page.find_all("a", within=page.find("ul", class_="archive-list"))
        assert [(a.text, a.get("href")) for a in links] == [("ديسمبر 2025", "/archive/2025/12/")]

    def test_month(self, client, seeds):
        page = get(client, "/archive/2025/11/")

        assert page.find("h1").text == "الأرشيف: نوفمبر 2025"
        assert card_titles(page) == [PAPER_TITLE, NEWS_TITLE]

    def test_month_boundaries_in_damascus_time(self, client):
        first = make_article(title="أول الشهر", when=datetime(2025, 11, 1, 0, 10, tzinfo=DAMASCUS))
        last = make_article(title="آخر الشهر", when=datetime(2025, 11, 30, 23, 30, tzinfo=DAMASCUS))
        make_article(title="الشهر التالي", when=datetime(2025, 12, 1, 0, 30, tzinfo=DAMASCUS))
        make_article(title="الشهر السابق", when=datetime(2025, 10, 31, 23, 50, tzinfo=DAMASCUS))

        page = get(client, "/archive/2025/11/")

        assert card_titles(page) == [last.title, first.title]

    def test_month_leaves_out_unpublished(self, client, seeds):
        make_article(
            title="مسودة نوفمبر",
            published=False,
            published_at=datetime(2025, 11, 10, tzinfo=DAMASCUS),
        )

        page = get(client, "/archive/2025/11/")

        assert "مسودة نوفمبر" not in page.html

    @pytest.mark.parametrize(
        "url", ["/archive/2025/13/", "/archive/2025/0/", "/archive/1899/12/", "/archive/9999/12/"]
    )
    def test_impossible_months_are_not_found(self, client, url):
        page = get(client, url, status=404)

        assert NOT_FOUND in page.html


# --- Not found, bad page numbers, server error ------------------------------


class TestNotFound:
    @pytest.mark.parametrize(
        "url",
        [
            "/articles/لا-يوجد/",
            "/section/لا-يوجد/",
            "/tag/لا-يوجد/",
            "/authors/لا-يوجد/",
            "/articles/%D9%84%D8%A7-%D9%8A%D9%88%D8%AC%D8%AF/",
            "/no/such/page/",
        ],
    )
    def test_unknown_addresses_get_the_arabic_404_with_navigation(self, client, url):
        section = make_section(name="أخبار")

        page = get(client, url, status=404)

        assert RTL_HTML in page.html
        assert page.find("h1").text == NOT_FOUND
        assert page.find("title").text == f"{NOT_FOUND} – {site_name()}"
        nav = page.find("nav", class_="site-nav")
        hrefs = [a.get("href") for a in page.find_all("a", within=nav)]
        assert section.get_absolute_url() in hrefs
        assert "/archive/" in hrefs
        assert page.find_all("form", role="search", action="/search/")


LIST_PAGES = ["home", "section", "tag", "author", "archive_month", "search"]


class TestBadPageNumbers:
    @pytest.fixture
    def urls(self):
        author, section = make_author(), make_section()
        article = make_article(
            title="مقال للاختبار", section=section, authors=[author], tags=["وسم"]
        )
        month = timezone.localtime(article.published_at)
        return {
            "home": ("/", {}),
            "section": (section.get_absolute_url(), {}),
            "tag": (Tag.objects.get(name="وسم").get_absolute_url(), {}),
            "author": (author.get_absolute_url(), {}),
            "archive_month": (f"/archive/{month.year}/{month.month}/", {}),
            "search": ("/search/", {"q": "مقال"}),
            "archive": ("/archive/", {}),
        }

    @pytest.mark.parametrize("page", LIST_PAGES)
    @pytest.mark.parametrize("number", ["abc", "0", "-1", "99999", "1.5", ""])
    def test_a_page_that_does_not_exist_is_not_found(self, client, urls, page, number):
        url, data = urls[page]
        if number == "":
            # An empty ?page= is the first page, as a form with an empty field sends it.
            result = get(client, url, {**data, "page": number})
            assert card_titles(result) == ["مقال للاختبار"]
            return

        result = get(client, url, {**data, "page": number}, status=404)

        assert result.find("h1").text == NOT_FOUND

    @pytest.mark.parametrize("page", LIST_PAGES)
    def test_first_and_last_pages(self, client, urls, page):
        url, data = urls[page]

        for number in ("1", "last"):
            assert card_titles(get(client, url, {**data, "page": number})) == ["مقال للاختبار"]

    def test_the_archive_index_has_one_page(self, client, urls):
        for number in ("abc", "0", "-1", "99999"):
            get(client, "/archive/", {"page": number}, status=200)


class TestServerError:
    def test_arabic_page_with_navigation_and_no_database(self, rf, django_assert_num_queries):
        request = rf.get("/articles/x/")

        with django_assert_num_queries(0):
            response = server_error(request)

        assert response.status_code == 500
        page = HtmlPage(response)
        assert RTL_HTML in page.html
        assert page.find("h1").text == "حدث خطأ"
        assert page.find("a", class_="site-name").get("href") == "/"
        nav = page.find("nav", class_="site-nav")
        assert [a.get("href") for a in page.find_all("a", within=nav)] == ["/archive/"]
        assert page.find_all("form", role="search", action="/search/")

    def test_it_is_the_sites_500_handler(self):
        from django.urls import get_resolver

        handler = get_resolver().resolve_error_handler(500)

        assert handler is server_error


@pytest.mark.parametrize(
    "url", ["/", "/archive/", "/search/", "/search/?q=سورية", "/archive/2025/11/"]
)
def test_every_page_is_arabic_and_right_to_left(client, seeds, url):
    page = get(client, url)

    assert RTL_HTML in page.html
    assert page.meta("og:locale") == ["ar_AR"]
    assert page.find("a", class_="site-name").text == site_name()


def test_archive_months_are_cut_in_the_site_time_zone(client):
    # 1 December 01:00 in Damascus is still 30 November in UTC.
    make_article(title="مقال أول الشهر", when=datetime(2025, 12, 1, 1, 0, tzinfo=DAMASCUS))

    index = client.get("/archive/").content.decode()
    december = client.get("/archive/2025/12/").content.decode()

    assert "/archive/2025/12/" in index
    assert "/archive/2025/11/" not in index
    assert "مقال أول الشهر" in december
