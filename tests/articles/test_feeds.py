"""RSS 2.0 and Atom 1.0 feeds: the site, a section, an author, a tag.

Feeds are fetched over HTTPS from the test client and read three ways: with
feedparser (as a feed reader would), as XML with lxml, and for Atom against
the RELAX NG grammar of RFC 4287 (``tests/feed_schemas/atom.rng``). The
checks of the W3C Feed Validation Service that need no network are here too.
"""

import io
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from unittest import mock
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from lxml import etree, html
from PIL import Image

from articles.models import Article, Tag
from authors.models import Author
from tests.helpers.factories import make_article, make_author, make_reference, make_section
from tests.helpers.seeds import READ_ALSO_TITLES

pytestmark = pytest.mark.django_db

ORIGIN = "https://testserver"
DAMASCUS = ZoneInfo("Asia/Damascus")
ATOM = "http://www.w3.org/2005/Atom"
NS = {
    "atom": ATOM,
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
ATOM_SCHEMA = etree.RelaxNG(etree.parse(Path(__file__).parent.parent / "feed_schemas" / "atom.rng"))
CONTENT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
KINDS = ("site", "section", "author", "tag")
FORMATS = ("rss", "atom")

PAPER_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش"
NEWS_TITLE = "تحول تاريخي: سوريا تنضم إلى التحالف الدولي ضد داعش.. ما الدلالات؟"
PAPER_TAGS = {"سورية", "داعش", "التحالف الدولي", "فرنسا"}
DESK = "إدارة الموقع"
# RFC 822 (as updated by RFC 1123/2822): English names, whatever the site's language.
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


# --- Helpers ------------------------------------------------------------------


def absolute(path):
    return ORIGIN + path


def feed_url(fmt, kind="site", slug=None):
    """The path of a feed: ``fmt`` is rss or atom, ``kind`` site, section, author or tag."""
    name = "feed" if kind == "site" else f"{kind}_feed"
    if fmt == "atom":
        name += "_atom"
    kwargs = {} if kind == "site" else {"slug": slug}
    return reverse(f"articles:{name}", kwargs=kwargs)


def get(client, path, **headers):
    return client.get(path, secure=True, **headers)


def fetch(client, path):
    response = get(client, path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def read(client, path):
    """The feed as a feed reader sees it."""
    response = fetch(client, path)
    return feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )


def tree(client, path):
    return etree.fromstring(fetch(client, path).content)


def entry_titled(parsed, title):
    return next(entry for entry in parsed.entries if entry.title == title)


def item_element(root, title):
    """The RSS <item> or Atom <entry> with this title."""
    path = "//item[title=$title]" if root.tag == "rss" else "//atom:entry[atom:title=$title]"
    (element,) = root.xpath(path, namespaces=NS, title=title)
    return element


def content_html(element):
    """The HTML carried by an item's content:encoded or an entry's <content>."""
    text = element.findtext("content:encoded", namespaces=NS)
    if text is None:
        text = element.findtext("atom:content", namespaces=NS)
    return html.fragment_fromstring(text, create_parent="div")


def is_absolute(url):
    parts = urlsplit(url)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in {"urn", "tag", "mailto"})


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (180, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


# --- Fixtures -----------------------------------------------------------------


@pytest.fixture
def seeds():
    call_command("import_seeds", stdout=io.StringIO())
    return (
        Article.objects.get(title_ar=PAPER_TITLE),
        Article.objects.get(title_ar=NEWS_TITLE),
    )


@pytest.fixture
def paper(seeds):
    return seeds[0]


@pytest.fixture
def news(seeds):
    return seeds[1]


@pytest.fixture
def cover():
    return jpeg_bytes()


@pytest.fixture
def rich(paper, cover):
    """An article with three authors and a cover image, in every feed the paper is in."""
    desk = Author.objects.get(name_ar=DESK)
    authors = [desk, make_author(name="ريم الأحمد"), make_author(name="Sami Haddad")]
    article = make_article(
        title="مقال بثلاثة كتّاب",
        summary="ملخص المقال ذي الكتّاب الثلاثة.",
        body="<p>نص يستشهد بمرجع[1].</p>",
        section=paper.section,
        authors=authors,
        tags=["سورية", "اقتصاد"],
    )
    make_reference(article, 1, title="مرجع الاختبار", url="https://example.org/source")
    article.cover_image.save("cover.jpg", ContentFile(cover))
    return article


@pytest.fixture
def slugs(paper):
    """The slug of the section, author and tag whose feeds hold the seed paper."""
    return {
        "site": None,
        "section": paper.section.slug,
        "author": Author.objects.get(name_ar=DESK).slug,
        "tag": Tag.objects.get(name_ar="سورية").slug,
    }


@pytest.fixture
def every_feed(slugs, rich):
    """Paths of all eight feeds, each holding the seeds' paper and the rich article."""
    return {(fmt, kind): feed_url(fmt, kind, slugs[kind]) for fmt in FORMATS for kind in KINDS}


# --- Served as feeds ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_is_served_with_its_media_type(client, every_feed, fmt, kind):
    response = fetch(client, every_feed[fmt, kind])
    assert response["Content-Type"] == f"{CONTENT_TYPES[fmt]}; charset=utf-8"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_is_well_formed_xml(client, every_feed, fmt, kind):
    root = tree(client, every_feed[fmt, kind])
    assert root.tag == ("rss" if fmt == "rss" else f"{{{ATOM}}}feed")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_feedparser_reads_feed_without_complaint(client, every_feed, fmt, kind):
    parsed = read(client, every_feed[fmt, kind])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
    assert {PAPER_TITLE, "مقال بثلاثة كتّاب"} <= {entry.title for entry in parsed.entries}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("encoded", [False, True], ids=["raw", "percent-encoded"])
def test_tag_feed_answers_an_arabic_slug_raw_or_percent_encoded(client, seeds, fmt, encoded):
    path = f"/tag/{quote('سورية') if encoded else 'سورية'}/feed/" + (
        "atom/" if fmt == "atom" else ""
    )
    parsed = read(client, path)
    assert {entry.title for entry in parsed.entries} >= {PAPER_TITLE, NEWS_TITLE}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ("section", "author", "tag"))
def test_unknown_section_author_or_tag_is_404_not_an_empty_feed(client, fmt, kind):
    make_article()
    assert get(client, feed_url(fmt, kind, "لا-يوجد")).status_code == 404


# --- What each feed lists ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_feed_lists_only_its_section(client, news, fmt):
    parsed = read(client, feed_url(fmt, "section", news.section.slug))
    assert [entry.title for entry in parsed.entries] == [NEWS_TITLE]


@pytest.mark.parametrize("fmt", FORMATS)
def test_author_feed_lists_only_the_authors_articles(client, seeds, fmt):
    author = make_author()
    theirs = make_article(title="مقال الكاتب", authors=[author])
    make_article(title="مقال غيره")
    parsed = read(client, feed_url(fmt, "author", author.slug))
    assert [entry.title for entry in parsed.entries] == [theirs.title]


@pytest.mark.parametrize("fmt", FORMATS)
def test_summary_only_entries_are_in_no_feed(client, seeds, fmt):
    desk = Author.objects.get(name_ar="إدارة الموقع")
    for url in (feed_url(fmt), feed_url(fmt, "author", desk.slug)):
        titles = [entry.title for entry in read(client, url).entries]
        assert titles and not set(titles) & set(READ_ALSO_TITLES)


@pytest.mark.parametrize("fmt", FORMATS)
def test_tag_feed_lists_only_tagged_articles(client, seeds, fmt):
    tag = Tag.objects.get(name_ar="الولايات المتحدة")
    parsed = read(client, feed_url(fmt, "tag", tag.slug))
    assert [entry.title for entry in parsed.entries] == [NEWS_TITLE]


@pytest.fixture
def timeline():
    """Articles in one section, by one author, under one tag, at every stage of publication."""
    section, author = make_section(), make_author()
    now = timezone.now()

    def article(title, **kwargs):
        return make_article(
            title=title, section=section, authors=[author], tags=["وسم الجدول"], **kwargs
        )

    article("منشور أمس", when=now - timedelta(days=1))
    article("منشور الآن", when=now)
    article("مسودة", published=False, published_at=now - timedelta(days=1))
    article("قيد المراجعة", status=Article.Status.REVIEW, published_at=now - timedelta(days=1))
    article("مجدول للغد", when=now + timedelta(days=1))
    tag = Tag.objects.get(name_ar="وسم الجدول")
    return {"site": None, "section": section.slug, "author": author.slug, "tag": tag.slug}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_drafts_and_articles_in_review_are_never_in_a_feed(client, timeline, fmt, kind):
    titles = {entry.title for entry in read(client, feed_url(fmt, kind, timeline[kind])).entries}
    assert not titles & {"مسودة", "قيد المراجعة"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_lists_what_is_published_up_to_now_and_not_what_is_scheduled(
    client, timeline, fmt, kind
):
    parsed = read(client, feed_url(fmt, kind, timeline[kind]))
    assert [entry.title for entry in parsed.entries] == ["منشور الآن", "منشور أمس"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_scheduled_article_enters_the_feed_when_its_time_comes(client, timeline, fmt):
    later = timezone.now() + timedelta(days=1, hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        parsed = read(client, feed_url(fmt))
    assert [entry.title for entry in parsed.entries] == ["مجدول للغد", "منشور الآن", "منشور أمس"]


# --- Channel -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_channel_title_link_and_description(client, seeds, fmt):
    feed = read(client, feed_url(fmt)).feed
    assert feed.title == "مركز الدراسات"
    assert feed.link == absolute("/")
    assert feed.get("subtitle") == "أوراق تحليلية وأخبار عن سورية والمنطقة."


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_channel_is_named_after_the_section(client, paper, fmt):
    feed = read(client, feed_url(fmt, "section", paper.section.slug)).feed
    assert feed.title == "تقدير موقف – مركز الدراسات"
    assert feed.link == absolute(paper.section.get_absolute_url())


@pytest.mark.parametrize("fmt", FORMATS)
def test_channel_language_is_arabic(client, seeds, fmt):
    assert read(client, feed_url(fmt)).feed.language == "ar"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_links_to_itself(client, every_feed, fmt, kind):
    path = every_feed[fmt, kind]
    root = tree(client, path)
    link = "atom:link" if fmt == "atom" else "channel/atom:link"
    (self_link,) = root.xpath(f"{link}[@rel='self']/@href", namespaces=NS)
    assert self_link == absolute(path)


def test_rss_channel_has_an_image(client, seeds):
    channel = tree(client, feed_url("rss")).find("channel")
    image = channel.find("image")
    assert image.findtext("url") == absolute("/static/img/logo.png")
    # RSS 2.0: the image's title and link are the channel's.
    assert image.findtext("title") == channel.findtext("title")
    assert image.findtext("link") == channel.findtext("link")


def test_atom_feed_has_an_icon_and_a_logo(client, seeds):
    feed = read(client, feed_url("atom")).feed
    assert feed.icon == absolute("/static/img/logo.png")
    assert feed.logo == absolute("/static/img/logo.png")


# --- Items ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_item_title_and_link(client, paper, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), PAPER_TITLE)
    assert entry.link == absolute(paper.get_absolute_url())


@pytest.mark.parametrize("fmt", FORMATS)
def test_item_id_is_the_articles_permalink(client, paper, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), PAPER_TITLE)
    assert entry.id == absolute(f"/a/{paper.pk}/")


def test_rss_guid_is_marked_as_a_permalink(client, paper):
    item = item_element(tree(client, feed_url("rss")), PAPER_TITLE)
    assert item.find("guid").get("isPermaLink") == "true"


def test_permalink_redirects_permanently_to_the_article(client, paper):
    response = get(client, f"/a/{paper.pk}/")
    assert response.status_code == 301
    assert response["Location"] == paper.get_absolute_url()


def test_permalink_of_a_draft_is_404(client):
    draft = make_article(published=False)
    assert get(client, f"/a/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_item_id_survives_an_edit_of_title_and_slug(client, paper, fmt):
    before = entry_titled(read(client, feed_url(fmt)), PAPER_TITLE)
    paper.title_ar = "عنوان جديد للورقة"
    paper.slug_ar = "عنوان-جديد"
    paper.save()

    after = entry_titled(read(client, feed_url(fmt)), "عنوان جديد للورقة")
    assert after.id == before.id
    assert after.link == absolute("/articles/" + quote("عنوان-جديد") + "/")
    assert get(client, urlsplit(after.id).path)["Location"] == paper.get_absolute_url()


def test_rss_pub_date_is_rfc822_in_english(client, news):
    item = item_element(tree(client, feed_url("rss")), NEWS_TITLE)
    # 2025-11-03 04:54 in Damascus (UTC+3) is 01:54 UTC, a Monday.
    assert item.findtext("pubDate") == "Mon, 03 Nov 2025 01:54:00 +0000"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_rss_dates_parse_as_rfc822_whatever_the_language(client, rich, language):
    path = feed_url("rss") if language == "ar" else "/en" + feed_url("rss")
    channel = tree(client, path).find("channel")
    dates = [channel.findtext("lastBuildDate")] + [
        item.findtext("pubDate") for item in channel.iter("item")
    ]
    for date in dates:
        assert RFC822.match(date), date
        assert parsedate_to_datetime(date).tzinfo is not None


def test_rss_last_build_date_is_the_latest_update(client, seeds):
    latest = datetime(2025, 12, 20, 8, 30, tzinfo=UTC)
    Article.objects.update(updated_at=latest - timedelta(days=3))
    Article.objects.filter(title_ar=NEWS_TITLE).update(updated_at=latest)
    channel = tree(client, feed_url("rss")).find("channel")
    assert channel.findtext("lastBuildDate") == "Sat, 20 Dec 2025 08:30:00 +0000"


def test_atom_published_is_rfc3339(client, news):
    entry = item_element(tree(client, feed_url("atom")), NEWS_TITLE)
    published = entry.findtext("atom:published", namespaces=NS)
    assert RFC3339.match(published), published
    assert datetime.fromisoformat(published) == datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS)


def test_atom_updated_is_the_update_time_in_rfc3339(client, news):
    edited = datetime(2025, 11, 5, 9, 15, tzinfo=UTC)
    Article.objects.filter(pk=news.pk).update(updated_at=edited)
    entry = item_element(tree(client, feed_url("atom")), NEWS_TITLE)
    updated = entry.findtext("atom:updated", namespaces=NS)
    assert RFC3339.match(updated), updated
    assert datetime.fromisoformat(updated) == edited


@pytest.mark.parametrize("fmt", FORMATS)
def test_feedparser_reads_the_publication_time(client, news, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), NEWS_TITLE)
    assert entry.published_parsed[:6] == (2025, 11, 3, 1, 54, 0)


def test_rss_credits_every_author_with_dc_creator(client, rich):
    item = item_element(tree(client, feed_url("rss")), rich.title)
    creators = [creator.text for creator in item.findall("dc:creator", namespaces=NS)]
    assert creators == [DESK, "ريم الأحمد", "Sami Haddad"]


def test_atom_credits_every_author_with_an_author_element(client, rich):
    entry = item_element(tree(client, feed_url("atom")), rich.title)
    authors = [
        (author.findtext("atom:name", namespaces=NS), author.findtext("atom:uri", namespaces=NS))
        for author in entry.findall("atom:author", namespaces=NS)
    ]
    assert authors == [
        (a.name, absolute(a.get_absolute_url()))
        for a in (authorship.author for authorship in rich.authorships.order_by("position"))
    ]
    assert [name for name, _uri in authors] == [DESK, "ريم الأحمد", "Sami Haddad"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_feedparser_sees_every_author(client, rich, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), rich.title)
    assert [author.name for author in entry.authors] == [DESK, "ريم الأحمد", "Sami Haddad"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_tags_are_categories(client, paper, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), PAPER_TITLE)
    assert {tag.term for tag in entry.tags} == PAPER_TAGS


@pytest.mark.parametrize("fmt", FORMATS)
def test_summary_is_the_description(client, paper, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), PAPER_TITLE)
    assert entry.summary == paper.summary


@pytest.mark.parametrize("fmt", FORMATS)
def test_content_is_the_full_body(client, paper, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), PAPER_TITLE)
    (content,) = entry.content
    assert content.type == "text/html"
    for heading in ("مقدمة", "خلفية الحدث", "السيناريوهات المستقبلية", "الخاتمة"):
        assert f"<h2>{heading}</h2>" in content.value


@pytest.mark.parametrize("fmt", FORMATS)
def test_footnote_markers_link_to_the_references_on_the_article_page(client, paper, fmt):
    item = item_element(tree(client, feed_url(fmt)), PAPER_TITLE)
    links = [a.get("href") for a in content_html(item).iter("a") if a.text in {"[1]", "[2]"}]
    page = absolute(paper.get_absolute_url())
    assert links == [f"{page}#ref-1", f"{page}#ref-2"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_content_ends_with_the_references(client, paper, fmt):
    item = item_element(tree(client, feed_url(fmt)), PAPER_TITLE)
    references = content_html(item).xpath("//ol/li[starts-with(@id, 'ref-')]")
    assert [li.get("id") for li in references] == [f"ref-{n}" for n in range(1, 8)]
    assert "بيان حول تفكيك خلايا داعش" in references[0].text_content()
    assert "Global Coalition to Defeat ISIS" in references[1].text_content()
    assert "Report No. 237" in references[6].text_content()


def test_rss_cover_image_is_an_enclosure_with_its_size_and_type(client, rich, cover):
    item = item_element(tree(client, feed_url("rss")), rich.title)
    (enclosure,) = item.findall("enclosure")
    assert enclosure.attrib == {
        "url": absolute(rich.cover_image.url),
        "length": str(len(cover)),
        "type": "image/jpeg",
    }


def test_atom_cover_image_is_an_enclosure_link_with_its_size_and_type(client, rich, cover):
    entry = item_element(tree(client, feed_url("atom")), rich.title)
    # The cover, then the PDF edition (issue 14).
    enclosure, pdf = entry.xpath("atom:link[@rel='enclosure']", namespaces=NS)
    assert pdf.get("type") == "application/pdf" and pdf.get("href").endswith("/pdf/")
    assert enclosure.get("href") == absolute(rich.cover_image.url)
    assert enclosure.get("length") == str(len(cover))
    assert enclosure.get("type") == "image/jpeg"


@pytest.mark.parametrize("fmt", FORMATS)
def test_feedparser_sees_the_enclosure(client, rich, cover, fmt):
    entry = entry_titled(read(client, feed_url(fmt)), rich.title)
    # Atom also links the PDF edition; RSS allows one enclosure, the cover (issue 14).
    enclosure, *pdf = entry.enclosures
    assert [e.type for e in pdf] == (["application/pdf"] if fmt == "atom" else [])
    assert (enclosure.href, enclosure.length, enclosure.type) == (
        absolute(rich.cover_image.url),
        str(len(cover)),
        "image/jpeg",
    )


def test_enclosure_length_is_the_stored_files_size(client, rich, media_root):
    item = item_element(tree(client, feed_url("rss")), rich.title)
    stored = Path(media_root) / rich.cover_image.name
    assert int(item.find("enclosure").get("length")) == stored.stat().st_size


@pytest.mark.parametrize("fmt", FORMATS)
def test_cover_image_and_footnote_links_in_content_are_absolute(client, rich, fmt):
    item = item_element(tree(client, feed_url(fmt)), rich.title)
    content = content_html(item)
    (img,) = content.iter("img")
    assert img.get("src") == absolute(rich.cover_image.url)
    urls = content.xpath("//@href | //@src")
    assert urls and all(is_absolute(url) for url in urls), urls


@pytest.mark.parametrize("fmt", FORMATS)
def test_relative_links_written_by_editors_are_absolute_in_content(client, fmt):
    # The sanitizer keeps relative links: to another page, or to a reference of this one.
    article = make_article(
        body='<p><a href="/articles/other/">ورقة سابقة</a> و<a href="#ref-1">المرجع الأول</a>.</p>'
    )
    make_reference(article, 1)
    item = item_element(tree(client, feed_url(fmt)), article.title)
    urls = [a.get("href") for a in content_html(item).iter("a")]
    page = absolute(article.get_absolute_url())
    assert urls == [absolute("/articles/other/"), f"{page}#ref-1"]


# --- Offline checks of the W3C Feed Validation Service: RSS 2.0 -------------------


@pytest.mark.parametrize("kind", KINDS)
def test_rss_channel_has_the_required_elements(client, every_feed, kind):
    channel = tree(client, every_feed["rss", kind]).find("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name
    assert is_absolute(channel.findtext("link"))


@pytest.mark.parametrize("kind", KINDS)
def test_rss_items_have_a_title_or_description_and_a_unique_guid(client, every_feed, kind):
    items = tree(client, every_feed["rss", kind]).findall("channel/item")
    assert items
    for item in items:
        assert (item.findtext("title") or item.findtext("description") or "").strip()
    guids = [item.findtext("guid") for item in items]
    assert all(guids) and len(set(guids)) == len(guids)
    assert all(is_absolute(guid) for guid in guids)


@pytest.mark.parametrize("kind", KINDS)
def test_rss_enclosures_have_url_length_and_type(client, every_feed, kind):
    enclosures = tree(client, every_feed["rss", kind]).findall("channel/item/enclosure")
    assert enclosures
    for enclosure in enclosures:
        assert is_absolute(enclosure.get("url"))
        assert enclosure.get("length", "").isdigit()
        assert re.fullmatch(r"[\w.+-]+/[\w.+-]+", enclosure.get("type", ""))


@pytest.mark.parametrize("kind", KINDS)
def test_rss_content_has_no_relative_urls(client, every_feed, kind):
    for item in tree(client, every_feed["rss", kind]).findall("channel/item"):
        urls = content_html(item).xpath("//@href | //@src")
        assert all(is_absolute(url) for url in urls), urls


# --- Offline checks of the W3C Feed Validation Service: Atom 1.0 ------------------


@pytest.mark.parametrize("kind", KINDS)
def test_atom_feed_is_valid_against_the_rfc4287_grammar(client, every_feed, kind):
    root = tree(client, every_feed["atom", kind])
    assert ATOM_SCHEMA.validate(root), ATOM_SCHEMA.error_log


@pytest.mark.parametrize("kind", KINDS)
def test_atom_every_entry_has_an_author(client, every_feed, kind):
    # RFC 4287, 4.1.1: a feed without an author needs one in each of its entries.
    make_article(title="مقال بلا كاتب", section=Article.objects.get(title_ar=PAPER_TITLE).section)
    root = tree(client, every_feed["atom", kind])
    feed_has_author = root.find("atom:author/atom:name", namespaces=NS) is not None
    for entry in root.findall("atom:entry", namespaces=NS):
        assert feed_has_author or entry.find("atom:author/atom:name", namespaces=NS) is not None


@pytest.mark.parametrize("kind", KINDS)
def test_atom_entries_have_an_alternate_link_or_content(client, every_feed, kind):
    # RFC 4287, 4.1.2.
    for entry in tree(client, every_feed["atom", kind]).findall("atom:entry", namespaces=NS):
        alternate = entry.xpath("atom:link[@rel='alternate' or not(@rel)]", namespaces=NS)
        assert alternate or entry.find("atom:content", namespaces=NS) is not None


@pytest.mark.parametrize("kind", KINDS)
def test_atom_ids_are_absolute_and_unique(client, every_feed, kind):
    root = tree(client, every_feed["atom", kind])
    ids = [element.text for element in root.iterfind(".//atom:id", namespaces=NS)]
    assert len(ids) == 1 + len(root.findall("atom:entry", namespaces=NS))
    assert all(is_absolute(iri) for iri in ids), ids
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("kind", KINDS)
def test_atom_feed_and_entries_have_updated(client, every_feed, kind):
    root = tree(client, every_feed["atom", kind])
    for element in [root, *root.findall("atom:entry", namespaces=NS)]:
        assert RFC3339.match(element.findtext("atom:updated", namespaces=NS) or "")


@pytest.mark.parametrize("kind", KINDS)
def test_atom_content_has_no_relative_urls(client, every_feed, kind):
    for entry in tree(client, every_feed["atom", kind]).findall("atom:entry", namespaces=NS):
        urls = content_html(entry).xpath("//@href | //@src")
        assert all(is_absolute(url) for url in urls), urls


# --- Conditional GET ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_has_last_modified_and_etag(client, every_feed, fmt, kind):
    response = fetch(client, every_feed[fmt, kind])
    assert response.has_header("Last-Modified")
    assert response.has_header("ETag")


@pytest.mark.parametrize("fmt", FORMATS)
def test_last_modified_is_the_latest_update(client, seeds, fmt):
    latest = datetime(2025, 12, 20, 8, 30, tzinfo=UTC)
    Article.objects.update(updated_at=latest - timedelta(days=3))
    Article.objects.filter(title_ar=NEWS_TITLE).update(updated_at=latest)
    assert fetch(client, feed_url(fmt))["Last-Modified"] == http_date(latest.timestamp())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_matching_etag_gets_304(client, every_feed, fmt, kind):
    path = every_feed[fmt, kind]
    etag = fetch(client, path)["ETag"]
    response = get(client, path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_unchanged_since_last_modified_gets_304(client, every_feed, fmt, kind):
    path = every_feed[fmt, kind]
    last_modified = fetch(client, path)["Last-Modified"]
    assert get(client, path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


@pytest.mark.parametrize("fmt", FORMATS)
def test_edited_article_gets_a_new_feed_for_an_old_etag(client, paper, fmt):
    path = feed_url(fmt)
    first = fetch(client, path)
    paper.title_ar = "عنوان بعد التحرير"
    paper.save()
    response = get(client, path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]


def test_empty_feed_answers_a_conditional_request_with_304(client):
    # A section with nothing published yet still has a feed; readers poll it.
    path = feed_url("atom", "section", make_section().slug)
    etag = fetch(client, path)["ETag"]
    assert get(client, path, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --- Autodiscovery -------------------------------------------------------------------


def alternates(response):
    page = html.fromstring(response.content)
    return {
        (link.get("type"), link.get("href"))
        for link in page.xpath("//head/link[@rel='alternate']")
        if link.get("type") in CONTENT_TYPES.values()
    }


@pytest.fixture
def pages(paper):
    tag = Tag.objects.get(name_ar="سورية")
    desk = Author.objects.get(name_ar=DESK)
    return {
        "home": "/",
        "article": paper.get_absolute_url(),
        "section": paper.section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": desk.get_absolute_url(),
        "archive": "/archive/",
        "month": "/archive/2025/11/",
        "search": "/search/?q=" + quote("داعش"),
        "not found": "/articles/لا-يوجد/",
    }


@pytest.mark.parametrize(
    "page", ["home", "article", "section", "tag", "author", "archive", "month", "search"]
)
def test_every_page_announces_the_site_feeds(client, pages, page):
    response = fetch(client, pages[page])
    assert {
        ("application/rss+xml", feed_url("rss")),
        ("application/atom+xml", feed_url("atom")),
    } <= alternates(response)


def test_not_found_page_announces_the_site_feeds(client, pages):
    response = get(client, pages["not found"])
    assert response.status_code == 404
    assert ("application/rss+xml", feed_url("rss")) in alternates(response)


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_section_tag_and_author_pages_announce_their_own_feeds(client, pages, slugs, kind):
    response = fetch(client, pages[kind])
    assert {
        ("application/rss+xml", feed_url("rss", kind, slugs[kind])),
        ("application/atom+xml", feed_url("atom", kind, slugs[kind])),
    } <= alternates(response)


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_announced_feeds_are_served(client, pages, kind):
    for media_type, href in alternates(fetch(client, pages[kind])):
        assert fetch(client, href)["Content-Type"].startswith(media_type)
