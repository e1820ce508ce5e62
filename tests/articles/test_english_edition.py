"""The English edition under /en/ beside the Arabic one at /, tested in both languages.

Content is made here with the factories: an article in both languages, one in
Arabic only and an older one in both, by a translated author, in a translated
section, under a tag with an Arabic and an English name.

The test client leaves the language of its last request active in the thread,
so every URL is reversed inside ``translation.override`` (see ``url_in``).
"""

from datetime import date, datetime
from types import SimpleNamespace
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from lxml import etree

from articles.models import Article, Reference
from tests.helpers.factories import (
    make_article,
    make_author,
    make_read_also,
    make_reference,
    make_section,
    make_tag,
)
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
DAMASCUS = ZoneInfo("Asia/Damascus")
LANGUAGES = ["ar", "en"]
OTHER = {"ar": "en", "en": "ar"}
HOME = {"ar": "/", "en": "/en/"}
HTML = {"ar": ("ar", "rtl"), "en": ("en", "ltr")}
# In the Arabic titles of the article in both languages and of the Arabic-only one.
QUERY = "التحالف"
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


# --- Content ----------------------------------------------------------------------


@pytest.fixture
def site():
    section = make_section(
        name="دراسات",
        name_en="Studies",
        description="دراسات معمقة.",
        description_en="In-depth studies.",
    )
    author = make_author(name="سارة الأحمد", name_en="Sara Al-Ahmad")
    tag = make_tag(name_ar="سورية", name_en="Syria")
    bilingual = make_article(
        title="سورية والتحالف الدولي",
        title_en="Syria and the international coalition",
        slug_en="syria-and-the-coalition",
        summary="ملخص عربي للمقال.",
        summary_en="An English summary of the article.",
        body=(
            "<p>رحبت الحكومة بانضمامها إلى التحالف[1].</p>"
            "<p>The coalition said it welcomed the decision.</p>"
        ),
        body_en=(
            "<p>The government welcomed joining the coalition[1][2].</p>"
            "<blockquote><p>إننا نرحب بانضمام سورية إلى التحالف الدولي.</p></blockquote>"
        ),
        section=section,
        authors=[author],
        tags=[tag],
        when=datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS),
    )
    make_reference(bilingual, 1, title="تقرير عن التحالف الدولي", publisher="مركز الدراسات")
    make_reference(
        bilingual, 2, title="The Global Coalition to Defeat ISIS", publisher="Coalition website"
    )
    arabic_only = make_article(
        title="التحالف الدولي في الصحافة العربية",
        body="<p>نص عربي فقط.</p>",
        section=section,
        authors=[author],
        tags=[tag],
        when=datetime(2025, 11, 2, 10, 0, tzinfo=DAMASCUS),
    )
    # No English slug given: the English title makes one.
    older = make_article(
        title="الانتخابات المحلية",
        title_en="Local elections",
        section=section,
        when=datetime(2025, 10, 6, 9, 0, tzinfo=DAMASCUS),
    )
    return SimpleNamespace(
        section=section,
        author=author,
        tag=tag,
        bilingual=bilingual,
        arabic_only=arabic_only,
        older=older,
    )


@pytest.fixture
def untranslated(site):
    """A section, an author and a tag with no English name, on an article in English."""
    section = make_section(name="أخبار")
    author = make_author(name="عمر الخطيب", role="محرر", bio="يكتب في الشؤون المحلية.")
    tag = make_tag(name="داعش")
    article = make_article(
        title="خبر عن التحالف",
        title_en="News about the coalition",
        section=section,
        authors=[author],
        tags=[tag],
    )
    return SimpleNamespace(section=section, author=author, tag=tag, article=article)


# --- Helpers ----------------------------------------------------------------------


def url_in(language, target, *args, **kwargs):
    """An object's URL, or a named route's, in ``language``."""
    with translation.override(language):
        if isinstance(target, str):
            return reverse(target, args=args, kwargs=kwargs)
        return target.get_absolute_url()


def page_urls(site, language):
    """Every kind of public page in ``language``, by name."""
    return {
        "home": url_in(language, "articles:home"),
        "article": url_in(language, site.bilingual),
        "section": url_in(language, site.section),
        "tag": url_in(language, site.tag),
        "author": url_in(language, site.author),
        "archive": url_in(language, "articles:archive"),
        "archive_month": url_in(language, "articles:archive_month", 2025, 11),
        "search": url_in(language, "articles:search") + "?q=" + quote(QUERY),
        "not_found": HOME[language] + "no-such-page/",
    }


PAGES = [
    "home",
    "article",
    "section",
    "tag",
    "author",
    "archive",
    "archive_month",
    "search",
    "not_found",
]
LIST_PAGES = ["home", "section", "tag", "author", "archive_month", "search"]


def fetch(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def get(client, url, status=200):
    return HtmlPage(fetch(client, url, status))


def get_page(client, site, name, language):
    return get(client, page_urls(site, language)[name], 404 if name == "not_found" else 200)


def title_in(language, article):
    return getattr(article, f"title_{language}")


def card_titles(page, within=None):
    return [
        element.text
        for element in page.find_all(within=within)
        if "card__title" in element.get("class", "").split()
    ]


def switcher(page):
    """The one link of the language switcher (to the language the page is not in)."""
    return page.find("a", within=page.find("nav", class_="language-switcher"))


def alternates(page):
    """The page's hreflang alternates, hreflang → href (each one once)."""
    links = page.find_all("link", rel="alternate", hreflang=True)
    found = {link.get("hreflang"): link.get("href") for link in links}
    assert len(found) == len(links), f"an hreflang given twice: {links}"
    return found


def has_fallback_marks(element):
    return (element.get("lang"), element.get("dir")) == ("ar", "rtl")


def has_no_language_marks(element):
    return element.get("lang") is None and element.get("dir") is None


# --- Addresses --------------------------------------------------------------------


def test_arabic_article_is_at_the_root(client, site):
    path = url_in("ar", site.bilingual)

    assert path == "/articles/" + quote(site.bilingual.slug_ar) + "/"
    assert get(client, path).find("h1").text == "سورية والتحالف الدولي"


def test_english_article_is_under_en_with_the_editors_slug(client, site):
    path = url_in("en", site.bilingual)

    assert path == "/en/articles/syria-and-the-coalition/"
    assert get(client, path).find("h1").text == "Syria and the international coalition"


def test_english_slug_is_made_from_the_english_title_when_none_was_given(client, site):
    assert url_in("en", site.older) == "/en/articles/local-elections/"
    assert get(client, "/en/articles/local-elections/").find("h1").text == "Local elections"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_in_its_language_and_direction(client, site, name, language):
    page = get_page(client, site, name, language)

    html = page.find("html")
    assert (html.get("lang"), html.get("dir")) == HTML[language]
    assert page.meta("og:locale") == ["ar_AR" if language == "ar" else "en_US"]


@pytest.mark.parametrize("name", PAGES)
def test_english_pages_use_the_arabic_pages_templates(client, site, name):
    status = 404 if name == "not_found" else 200
    arabic = fetch(client, page_urls(site, "ar")[name], status)
    english = fetch(client, page_urls(site, "en")[name], status)

    assert {t.name for t in english.templates} == {t.name for t in arabic.templates}


# --- Articles not translated into English -------------------------------------------


def test_english_address_of_an_arabic_only_article_is_not_found(client, site):
    get(client, "/en/articles/" + quote(site.arabic_only.slug_ar) + "/", status=404)


def test_english_permalink_of_an_arabic_only_article_is_not_found(client, site):
    get(client, url_in("en", "articles:permalink", site.arabic_only.pk), status=404)


def test_english_slug_without_an_english_title_is_not_found(client, site):
    make_article(title="مقال بلا عنوان إنجليزي", slug_en="typed-by-the-editor")

    get(client, "/en/articles/typed-by-the-editor/", status=404)


def test_made_up_english_address_is_not_found(client, site):
    get(client, "/en/articles/no-such-article/", status=404)


def test_arabic_only_article_claims_no_english_alternate(client, site):
    arabic = ORIGIN + url_in("ar", site.arabic_only)

    page = get(client, url_in("ar", site.arabic_only))

    assert alternates(page) == {"ar": arabic, "x-default": arabic}


@pytest.mark.parametrize("language", LANGUAGES)
def test_bilingual_article_has_absolute_ar_en_and_x_default_alternates(client, site, language):
    arabic = ORIGIN + url_in("ar", site.bilingual)
    english = ORIGIN + "/en/articles/syria-and-the-coalition/"

    page = get(client, url_in(language, site.bilingual))

    assert alternates(page) == {"ar": arabic, "en": english, "x-default": arabic}


@pytest.mark.parametrize("language", LANGUAGES)
def test_canonical_address_is_the_pages_own_language(client, site, language):
    page = get(client, url_in(language, site.bilingual))

    canonical = page.find("link", rel="canonical").get("href")
    assert canonical == ORIGIN + url_in(language, site.bilingual)


# --- Direction of text in the other language -------------------------------------


def test_arabic_quotation_in_an_english_article_reads_right_to_left(client, site):
    page = get(client, url_in("en", site.bilingual))

    quotation = page.find("blockquote", within=page.find("div", class_="body"))
    assert (quotation.get("dir"), quotation.get("lang")) == ("rtl", "ar")
    assert quotation.text == "إننا نرحب بانضمام سورية إلى التحالف الدولي."


def test_english_text_of_an_english_article_has_no_direction_of_its_own(client, site):
    page = get(client, url_in("en", site.bilingual))

    body = page.find("div", class_="body")
    assert has_no_language_marks(body)
    paragraph = page.find_all("p", within=body)[0]
    assert paragraph.text.startswith("The government welcomed")
    assert has_no_language_marks(paragraph)


def test_english_paragraph_in_an_arabic_article_reads_left_to_right(client, site):
    page = get(client, url_in("ar", site.bilingual))

    body = page.find("div", class_="body")
    arabic, english = page.find_all("p", within=body)
    assert (english.get("dir"), english.get("lang")) == ("ltr", "en")
    assert english.text == "The coalition said it welcomed the decision."
    assert has_no_language_marks(arabic)


def test_arabic_reference_in_an_english_page_reads_right_to_left(client, site):
    page = get(client, url_in("en", site.bilingual))

    citation = page.find("span", class_="citation", within=page.find("li", id="ref-1"))
    assert (citation.get("dir"), citation.get("lang")) == ("rtl", "ar")


def test_english_reference_in_an_arabic_page_reads_left_to_right(client, site):
    page = get(client, url_in("ar", site.bilingual))

    citation = page.find("span", class_="citation", within=page.find("li", id="ref-2"))
    assert (citation.get("dir"), citation.get("lang")) == ("ltr", "en")


# What a reference's access date is introduced with, in each language.
ACCESSED = {"ar": "تاريخ الاطلاع", "en": "accessed"}


@pytest.mark.parametrize(
    ("page_language", "number", "citation_language"), [("en", 1, "ar"), ("ar", 2, "en")]
)
def test_text_marked_as_the_references_language_is_in_that_language(
    client, site, page_language, number, citation_language
):
    Reference.objects.filter(article=site.bilingual).update(
        url="https://example.org/report", accessed=date(2025, 11, 1)
    )

    page = get(client, url_in(page_language, site.bilingual))

    item = page.find("li", id=f"ref-{number}")
    citation = page.find("span", class_="citation", within=item)
    assert citation.get("lang") == citation_language
    assert "1" in item.text and "2025" in item.text, "the access date is shown"
    assert ACCESSED[page_language] not in citation.text, (
        f"{page_language} words inside a lang={citation_language} citation: {citation.text}"
    )


# --- The language switcher --------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [name for name in PAGES if name != "not_found"])
def test_switcher_goes_to_the_same_page_in_the_other_language(client, site, name, language):
    other = OTHER[language]

    link = switcher(get_page(client, site, name, language))

    assert link.get("href") == page_urls(site, other)[name]
    assert (link.get("hreflang"), link.get("lang")) == (other, other)


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_of_an_unknown_page_goes_to_the_other_home_page(client, site, language):
    link = switcher(get_page(client, site, "not_found", language))

    assert link.get("href") == HOME[OTHER[language]]


def test_switcher_of_an_arabic_only_article_goes_to_the_english_home_page(client, site):
    link = switcher(get(client, url_in("ar", site.arabic_only)))

    assert link.get("href") == "/en/"


def test_switcher_of_an_english_article_goes_to_its_arabic_slug(client, site):
    link = switcher(get(client, "/en/articles/syria-and-the-coalition/"))

    assert link.get("href") == "/articles/" + quote(site.bilingual.slug_ar) + "/"


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",
        "/en/no-such-page/",
        "/articles/no-such-article/",
        "/en/articles/no-such-article/",
        "/section/no-such-section/",
        "/en/tag/no-such-tag/",
        "/en/articles/<the arabic-only article's slug>/",
    ],
)
def test_switcher_of_a_404_page_leads_to_a_page_that_exists(client, site, path):
    path = path.replace("<the arabic-only article's slug>", quote(site.arabic_only.slug_ar))

    link = switcher(get(client, path, status=404))

    assert client.get(link.get("href")).status_code == 200, link.get("href")


# --- Lists, feeds and the sitemap: English only shows what is in English ---------


# The articles each list shows in Arabic; in English, those of them in English.
LISTED = {
    "home": ["bilingual", "arabic_only", "older"],
    "section": ["bilingual", "arabic_only", "older"],
    "tag": ["bilingual", "arabic_only"],
    "author": ["bilingual", "arabic_only"],
    "archive_month": ["bilingual", "arabic_only"],
    "search": ["bilingual", "arabic_only"],
}


def listed(site, name, language):
    articles = [getattr(site, key) for key in LISTED[name]]
    return [title_in(language, a) for a in articles if language in a.languages()]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_arabic_lists_show_every_article(client, site, name):
    titles = card_titles(get_page(client, site, name, "ar"))

    assert sorted(titles) == sorted(listed(site, name, "ar"))


@pytest.mark.parametrize("name", LIST_PAGES)
def test_english_lists_show_only_articles_in_english(client, site, name):
    page = get_page(client, site, name, "en")

    assert sorted(card_titles(page)) == sorted(listed(site, name, "en"))
    assert "التحالف الدولي في الصحافة العربية" not in page.html


def test_english_home_features_only_an_article_in_english(client, site):
    Article.objects.filter(pk__in=[site.arabic_only.pk, site.older.pk]).update(featured=True)

    page = get(client, "/en/")

    featured = page.find("section", class_="featured")
    assert card_titles(page, within=featured) == ["Local elections"]


def test_arabic_home_features_the_latest_featured_article(client, site):
    Article.objects.filter(pk__in=[site.arabic_only.pk, site.older.pk]).update(featured=True)

    page = get(client, "/")

    featured = page.find("section", class_="featured")
    assert card_titles(page, within=featured) == ["التحالف الدولي في الصحافة العربية"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_english_cards_link_to_english_addresses(client, site, name):
    page = get_page(client, site, name, "en")

    titles = page.find_all(class_="card__title")
    links = [a.get("href") for title in titles for a in page.find_all("a", within=title)]
    assert links and all(link.startswith("/en/articles/") for link in links), links


def test_english_archive_lists_only_months_with_articles_in_english(client, site):
    make_article(title="مقال من أيلول", when=datetime(2025, 9, 15, 12, 0, tzinfo=DAMASCUS))

    page = get(client, url_in("en", "articles:archive"))

    months = [a.text for a in page.find_all("a", within=page.find("ul", class_="archive-list"))]
    assert months == ["November 2025", "October 2025"]


def test_arabic_archive_lists_every_month(client, site):
    september = datetime(2025, 9, 15, 12, 0, tzinfo=DAMASCUS)
    make_article(title="مقال من أيلول", when=september)

    page = get(client, url_in("ar", "articles:archive"))

    months = [a.text for a in page.find_all("a", within=page.find("ul", class_="archive-list"))]
    with translation.override("ar"):
        assert months == [date_format(datetime(2025, month, 1), "F Y") for month in (11, 10, 9)]
    assert months[0] == "نوفمبر 2025"


FEED_KINDS = ["site", "section", "author", "tag"]
FEED_FORMATS = ["rss", "atom"]


def feed_url(site, kind, fmt, language):
    name = "feed" if kind == "site" else f"{kind}_feed"
    if fmt == "atom":
        name += "_atom"
    kwargs = {} if kind == "site" else {"slug": getattr(site, kind).slug}
    return url_in(language, f"articles:{name}", **kwargs)


def read_feed(client, url):
    response = fetch(client, url)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_english_feeds_are_under_en(site, kind, fmt):
    assert feed_url(site, kind, fmt, "en").startswith("/en/")
    assert not feed_url(site, kind, fmt, "ar").startswith("/en/")


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_english_feeds_list_only_articles_in_english(client, site, kind, fmt):
    feed = read_feed(client, feed_url(site, kind, fmt, "en"))

    expected = [site.bilingual] if kind in ("author", "tag") else [site.bilingual, site.older]
    assert [entry.title for entry in feed.entries] == [a.title_en for a in expected]
    assert [entry.link for entry in feed.entries] == [ORIGIN + url_in("en", a) for a in expected]


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_arabic_feeds_list_every_article(client, site, kind, fmt):
    feed = read_feed(client, feed_url(site, kind, fmt, "ar"))

    expected = [site.bilingual, site.arabic_only]
    if kind not in ("author", "tag"):
        expected.append(site.older)
    assert [entry.title for entry in feed.entries] == [a.title_ar for a in expected]
    assert [entry.link for entry in feed.entries] == [ORIGIN + url_in("ar", a) for a in expected]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", FEED_FORMATS)
def test_feed_declares_its_language(client, site, fmt, language):
    feed = read_feed(client, feed_url(site, "site", fmt, language))

    assert feed.feed.language == language


@pytest.fixture
def sitemap(client, site):
    cache.clear()  # the sitemap is cached with the pages
    index = etree.fromstring(fetch(client, "/sitemap.xml").content)  # an index of sitemaps
    urls = {}
    for loc in index.iterfind("sm:sitemap/sm:loc", namespaces=SITEMAP_NS):
        parts = urlsplit(loc.text)
        root = etree.fromstring(fetch(client, f"{parts.path}?{parts.query}").content)
        urls |= {url.findtext("sm:loc", namespaces=SITEMAP_NS): url for url in root}
    cache.clear()
    return urls


def sitemap_alternates(url):
    links = url.findall("xhtml:link[@rel='alternate']", namespaces=SITEMAP_NS)
    return {link.get("hreflang"): link.get("href") for link in links}


def test_sitemap_lists_english_addresses_only_of_articles_in_english(sitemap, site):
    english = {urlsplit(loc).path for loc in sitemap if urlsplit(loc).path.startswith("/en/")}

    assert english == {url_in("en", site.bilingual), url_in("en", site.older)}


def test_sitemap_lists_every_article_in_arabic(sitemap, site):
    for article in (site.bilingual, site.arabic_only, site.older):
        assert ORIGIN + url_in("ar", article) in sitemap


@pytest.mark.parametrize("language", LANGUAGES)
def test_sitemap_alternates_of_an_article_in_both_languages(sitemap, site, language):
    arabic = ORIGIN + url_in("ar", site.bilingual)
    english = ORIGIN + url_in("en", site.bilingual)

    url = sitemap[ORIGIN + url_in(language, site.bilingual)]

    assert sitemap_alternates(url) == {"ar": arabic, "en": english, "x-default": arabic}


def test_sitemap_alternates_of_an_arabic_only_article(sitemap, site):
    arabic = ORIGIN + url_in("ar", site.arabic_only)

    assert sitemap_alternates(sitemap[arabic]) == {"ar": arabic, "x-default": arabic}


# --- «اقرأ أيضاً» / "Read also" ---------------------------------------------------


def read_also_titles(page):
    return card_titles(page, within=page.find("aside", class_="read-also"))


def test_english_read_also_leaves_out_curated_articles_not_in_english(client, site):
    make_read_also(site.bilingual, site.arabic_only, position=0)
    make_read_also(site.bilingual, site.older, position=1)

    page = get(client, url_in("en", site.bilingual))

    assert read_also_titles(page) == ["Local elections"]


def test_arabic_read_also_shows_every_curated_article(client, site):
    make_read_also(site.bilingual, site.arabic_only, position=0)
    make_read_also(site.bilingual, site.older, position=1)

    page = get(client, url_in("ar", site.bilingual))

    assert read_also_titles(page) == ["التحالف الدولي في الصحافة العربية", "الانتخابات المحلية"]


def test_english_read_also_fallback_has_only_articles_in_english(client, site):
    page = get(client, url_in("en", site.bilingual))

    assert read_also_titles(page) == ["Local elections"]


def test_arabic_read_also_fallback_has_every_related_article(client, site):
    page = get(client, url_in("ar", site.bilingual))

    assert read_also_titles(page) == ["التحالف الدولي في الصحافة العربية", "الانتخابات المحلية"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_read_also_cards_link_to_the_pages_language(client, site, language):
    page = get(client, url_in(language, site.bilingual))

    aside = page.find("aside", class_="read-also")
    links = {
        a.get("href") for a in page.find_all("a", within=aside) if "/articles/" in a.get("href")
    }
    assert links == {url_in(language, site.older)} | (
        {url_in("ar", site.arabic_only)} if language == "ar" else set()
    )


# --- Dates and interface words ------------------------------------------------------


def test_english_dateline(client, site):
    page = get(client, url_in("en", site.bilingual))

    dateline = page.find("time", within=page.find("header", class_="article__header"))
    assert dateline.text == "Monday, 3 November 2025 – 04:54 AM"


def test_arabic_dateline(client, site):
    with translation.override("ar"):
        monday = date_format(site.bilingual.published_at.astimezone(DAMASCUS), "l")

    page = get(client, url_in("ar", site.bilingual))

    dateline = page.find("time", within=page.find("header", class_="article__header"))
    assert dateline.text == f"{monday}، 3 نوفمبر 2025 – 04:54 ص"
    assert monday == "الاثنين"


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "3 نوفمبر 2025"), ("en", "3 November 2025")]
)
def test_card_dates_in_the_pages_language(client, site, language, expected):
    page = get(client, url_in(language, site.tag))

    card = page.find_all("article", class_="card")[0]
    assert page.find("time", within=card).text == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "الأرشيف: نوفمبر 2025"), ("en", "Archive: November 2025")]
)
def test_month_archive_heading_in_the_pages_language(client, site, language, expected):
    page = get(client, url_in(language, "articles:archive_month", 2025, 11))

    assert page.find("h1").text == expected


INTERFACE = {
    "ar": {
        "references-title": "المراجع",
        "read-also-title": "اقرأ أيضاً",
        "share-title": "شارك المقال",
        "search": "بحث",
    },
    "en": {
        "references-title": "References",
        "read-also-title": "Read also",
        "share-title": "Share this article",
        "search": "Search",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_interface_words_in_the_pages_language(client, site, language):
    page = get(client, url_in(language, site.bilingual))

    words = INTERFACE[language]
    for heading in ("references-title", "read-also-title", "share-title"):
        assert page.find("h2", id=heading).text == words[heading]
    search = page.find("form", class_="site-search")
    assert page.find("button", within=search).text == words["search"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_words_in_the_pages_language(client, site, language):
    page = get(client, url_in(language, "articles:search"))

    assert page.find("h1").text == INTERFACE[language]["search"]


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "الصفحة غير موجودة"), ("en", "Page not found")]
)
def test_not_found_page_in_the_pages_language(client, site, language, expected):
    page = get_page(client, site, "not_found", language)

    assert page.find("h1").text == expected


# --- Tags in both languages ---------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("ar", "وسم: سورية"), ("en", "Tag: Syria")])
def test_tag_page_names_the_tag_in_the_pages_language(client, site, language, expected):
    page = get(client, url_in(language, site.tag))

    assert page.find("h1").text == expected


@pytest.mark.parametrize(("language", "expected"), [("ar", "سورية"), ("en", "Syria")])
def test_article_tags_in_the_pages_language(client, site, language, expected):
    page = get(client, url_in(language, site.bilingual))

    tag = page.find("a", rel="tag")
    assert (tag.text, tag.get("href")) == (expected, url_in(language, site.tag))


@pytest.mark.parametrize("fmt", FEED_FORMATS)
@pytest.mark.parametrize(("language", "name"), [("ar", "سورية"), ("en", "Syria")])
def test_tag_feed_names_the_tag_in_the_feeds_language(client, site, fmt, language, name):
    feed = read_feed(client, feed_url(site, "tag", fmt, language))

    assert feed.feed.title.startswith(f"{name} – ")
    assert [[tag.term for tag in entry.tags] for entry in feed.entries] == [[name]] * len(
        feed.entries
    )


# --- Arabic text in English pages (no English name yet) -----------------------------


def test_section_without_english_name_is_marked_in_the_english_menu(client, untranslated):
    page = get(client, "/en/")

    nav = page.find("nav", class_="site-nav")
    link = page.find("a", within=nav, href=url_in("en", untranslated.section))
    assert link.text == "أخبار"
    assert has_fallback_marks(link)


def test_translated_section_is_not_marked_in_the_english_menu(client, site):
    page = get(client, "/en/")

    nav = page.find("nav", class_="site-nav")
    link = page.find("a", href=url_in("en", site.section), within=nav)
    assert link.text == "Studies"
    assert has_no_language_marks(link)


def test_section_without_english_name_is_marked_on_english_cards(client, untranslated):
    page = get(client, "/en/")

    card = next(
        card
        for card in page.find_all("article", class_="card")
        if "News about the coalition" in card.text
    )
    kicker = page.find("a", class_="kicker", within=card)
    assert kicker.text == "أخبار"
    assert has_fallback_marks(kicker)


def test_section_without_english_name_is_marked_on_the_english_article(client, untranslated):
    page = get(client, url_in("en", untranslated.article))

    kicker = page.find("a", class_="kicker", within=page.find("header", class_="article__header"))
    assert has_fallback_marks(kicker)


def test_author_without_english_name_is_marked_in_english_bylines(client, untranslated):
    page = get(client, url_in("en", untranslated.article))

    header = page.find("header", class_="article__header")
    author = page.find("a", within=page.find("span", class_="byline", within=header))
    assert author.text == "عمر الخطيب"
    assert has_fallback_marks(author)


def test_translated_author_is_not_marked_in_english_bylines(client, site):
    page = get(client, url_in("en", site.bilingual))

    header = page.find("header", class_="article__header")
    author = page.find("a", within=page.find("span", class_="byline", within=header))
    assert author.text == "Sara Al-Ahmad"
    assert has_no_language_marks(author)


def test_author_without_english_name_is_marked_on_the_english_author_page(client, untranslated):
    page = get(client, url_in("en", untranslated.author))

    heading = page.find("h1")
    assert heading.text == "عمر الخطيب"
    assert has_fallback_marks(heading)
    assert has_fallback_marks(page.find("p", class_="author-card__role"))


def test_section_without_english_name_is_marked_on_the_english_section_page(client, untranslated):
    page = get(client, url_in("en", untranslated.section))

    heading = page.find("h1")
    assert heading.text == "أخبار"
    assert has_fallback_marks(heading)


def test_section_without_english_name_is_marked_in_english_search_results(client, untranslated):
    page = get(client, url_in("en", "articles:search") + "?q=coalition")

    card = next(
        card
        for card in page.find_all("li", class_="card")
        if "News about the coalition" in card.text
    )
    kicker = page.find("a", class_="kicker", within=card)
    assert kicker.text == "أخبار"
    assert has_fallback_marks(kicker)


def test_tag_without_english_name_is_marked_on_the_english_tag_page(client, untranslated):
    page = get(client, url_in("en", untranslated.tag))

    heading = page.find("h1")
    name = [element for element in page.find_all(within=heading) if element.text == "داعش"]
    assert heading.text == "Tag: داعش"
    assert name and has_fallback_marks(name[0]), "the Arabic name is not marked in the heading"


def test_arabic_names_are_not_marked_in_arabic_pages(client, untranslated):
    page = get(client, url_in("ar", untranslated.article))

    header = page.find("header", class_="article__header")
    kicker = page.find("a", class_="kicker", within=header)
    author = page.find("a", within=page.find("span", class_="byline", within=header))
    menu_link = page.find("a", within=page.find("nav", class_="site-nav"), href=kicker.get("href"))
    for element in (kicker, author, menu_link):
        assert has_no_language_marks(element), element


# --- The admin ----------------------------------------------------------------------


# Each translated model's admin change view, the object of ``site`` it edits, its fields.
TRANSLATED = {
    "admin:articles_article_change": ("bilingual", ["title", "slug", "summary", "body"]),
    "admin:articles_section_change": ("section", ["name", "description"]),
    "admin:articles_tag_change": ("tag", ["name"]),
    "admin:authors_author_change": ("author", ["name", "role", "bio"]),
}


@pytest.mark.parametrize("view", TRANSLATED)
def test_admin_change_form_has_both_languages_in_tabs(superuser_client, site, view):
    obj, fields = TRANSLATED[view]

    page = get(superuser_client, reverse(view, args=[getattr(site, obj).pk]))

    for field in fields:
        for language in LANGUAGES:
            assert page.find_all(name=f"{field}_{language}", id=f"id_{field}_{language}"), (
                f"no {field}_{language} input"
            )
    scripts = [s.get("src") for s in page.find_all("script", src=True)]
    assert any(src.endswith("modeltranslation/js/tabbed_translation_fields.js") for src in scripts)


def changelist_pks(client, query):
    page = get(client, reverse("admin:articles_article_changelist") + query)
    return {int(box.get("value")) for box in page.find_all("input", name="_selected_action")}


def test_admin_filter_lists_articles_missing_an_english_translation(superuser_client, site):
    draft = make_article(title="مسودة بلا ترجمة", published=False)
    blank = make_article(title="عنوان إنجليزي فارغ", title_en="")

    found = changelist_pks(superuser_client, "?english=missing")

    assert found == {site.arabic_only.pk, draft.pk, blank.pk}


def test_admin_filter_lists_articles_with_an_english_translation(superuser_client, site):
    draft = make_article(title="مسودة مترجمة", title_en="A translated draft", published=False)

    found = changelist_pks(superuser_client, "?english=present")

    assert found == {site.bilingual.pk, site.older.pk, draft.pk}


def test_admin_filter_is_offered_on_the_changelist(superuser_client, site):
    page = get(superuser_client, reverse("admin:articles_article_changelist"))

    hrefs = {a.get("href") for a in page.find_all("a")}
    assert {"?english=missing", "?english=present"} <= hrefs
