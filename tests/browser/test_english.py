"""The English edition in a real browser: direction, the language switcher, small screens.

The content is made here with the factories (not the seed import): an article in
Arabic and English with an Arabic quotation and references, and one in Arabic only.
"""

from datetime import datetime
from types import SimpleNamespace
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from tests.helpers.browser import NARROW, STICKING_OUT
from tests.helpers.factories import (
    make_article,
    make_author,
    make_reference,
    make_section,
    make_tag,
)

ENGLISH_PATH = "/en/articles/syria-and-the-coalition/"
ENGLISH_TITLE = "Syria and the international coalition: what joining changes"
ARABIC_TITLE = "سورية والتحالف الدولي: ما الذي يغيّره الانضمام"
QUOTATION = "إننا نرحب بانضمام سورية إلى التحالف الدولي لهزيمة داعش، ونتطلع إلى تعاون وثيق."
PARAGRAPH = (
    "The decision ends more than a decade in which Damascus stood outside the coalition. "
    "Its consequences for security, reconstruction and diplomacy are examined below[1][2]. "
)


@pytest.fixture
def english_site(live_server, settings):
    """The live server (over the transactional database) with an article in both languages."""
    settings.DEBUG = False
    section = make_section(name="تقدير موقف", name_en="Situation assessment")
    author = make_author(name="سارة الأحمد", name_en="Sara Al-Ahmad")
    tag = make_tag(name_ar="التحالف الدولي", name_en="International coalition")
    article = make_article(
        title=ARABIC_TITLE,
        title_en=ENGLISH_TITLE,
        slug_en="syria-and-the-coalition",
        summary="قراءة في دلالات الانضمام.",
        summary_en="What the decision means for Syria and its neighbours.",
        body="<p>نص عربي عن الانضمام إلى التحالف[1].</p>",
        body_en=(
            f"<h2>Background</h2><p>{PARAGRAPH * 4}</p>"
            f"<blockquote><p>{QUOTATION}</p></blockquote>"
            f"<p>{PARAGRAPH * 3}</p>"
        ),
        section=section,
        authors=[author],
        tags=[tag],
        when=datetime(2025, 11, 3, 4, 54, tzinfo=ZoneInfo("Asia/Damascus")),
    )
    make_reference(
        article,
        1,
        title="تقرير عن انضمام سورية إلى التحالف الدولي",
        publisher="مركز الدراسات",
        url="https://example.org/reports/2025/11/syria-joins-the-global-coalition-to-defeat-isis",
    )
    make_reference(
        article,
        2,
        authors="Global Coalition",
        title="Partners of the Global Coalition to Defeat ISIS",
        publisher="theglobalcoalition.org",
        url="https://theglobalcoalition.org/en/partners/?utm_source=a-very-long-tracking-value",
    )
    arabic_only = make_article(title="مقال بالعربية وحدها", section=section, tags=[tag])
    with translation.override("ar"):
        arabic_path, arabic_only_path = article.get_absolute_url(), arabic_only.get_absolute_url()
    return SimpleNamespace(
        url=live_server.url,
        english=live_server.url + ENGLISH_PATH,
        arabic=live_server.url + arabic_path,
        arabic_only=live_server.url + arabic_only_path,
    )


def open_url(new_page, url, **options):
    options.setdefault("locale", "en-US")
    page = new_page(**options)
    response = page.goto(url)
    assert response.status == 200, f"{url}: status {response.status}"
    page.evaluate("document.fonts.ready")
    return page


def direction(locator):
    return locator.evaluate("el => getComputedStyle(el).direction")


def switch_language(page, to_url):
    page.locator("nav.language-switcher a").click()
    page.wait_for_url(to_url)
    page.evaluate("document.fonts.ready")


def test_english_article_reads_left_to_right(english_site, new_page):
    page = open_url(new_page, english_site.english)

    assert page.evaluate("document.documentElement.lang") == "en"
    assert direction(page.locator("html")) == "ltr"
    assert direction(page.locator("body")) == "ltr"
    assert direction(page.locator("article .body")) == "ltr"
    # Its paragraphs start at the left-hand edge of the column.
    paragraph = page.locator("article .body > p").first.bounding_box()
    column = page.locator("article .body").bounding_box()
    assert abs(paragraph["x"] - column["x"]) < 1


def test_arabic_quotation_in_an_english_article_reads_right_to_left(english_site, new_page):
    page = open_url(new_page, english_site.english)

    quotation = page.locator("article .body blockquote")
    assert quotation.inner_text().strip() == QUOTATION
    assert quotation.evaluate("el => el.lang") == "ar"
    assert direction(quotation) == "rtl"
    assert direction(quotation.locator("p")) == "rtl"


def test_arabic_reference_in_an_english_article_reads_right_to_left(english_site, new_page):
    page = open_url(new_page, english_site.english)

    assert direction(page.locator("#ref-1 .citation")) == "rtl"
    assert direction(page.locator("#ref-2 .citation")) == "ltr"


def test_switcher_goes_from_english_to_arabic_and_back(english_site, new_page):
    page = open_url(new_page, english_site.english)

    switch_language(page, english_site.arabic)
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert direction(page.locator("html")) == "rtl"
    assert page.locator("h1").inner_text() == ARABIC_TITLE

    switch_language(page, english_site.english)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert direction(page.locator("html")) == "ltr"
    assert page.locator("h1").inner_text() == ENGLISH_TITLE


def test_switcher_of_an_arabic_only_article_goes_to_the_english_home(english_site, new_page):
    page = open_url(new_page, english_site.arabic_only, locale="ar")

    switch_language(page, english_site.url + "/en/")
    assert direction(page.locator("html")) == "ltr"
    titles = page.locator(".card__title").all_inner_texts()
    assert titles == [ENGLISH_TITLE]


def test_english_article_has_no_horizontal_scroll_at_360px(english_site, new_page):
    page = open_url(new_page, english_site.english, viewport=NARROW)

    scroll_width, window_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= window_width, (
        f"the English article is {scroll_width} px wide in a {window_width} px window; "
        f"sticking out: {page.evaluate(STICKING_OUT, 8)}"
    )


def test_english_article_path_is_the_translated_slug(english_site, new_page):
    page = open_url(new_page, english_site.english)

    assert page.evaluate("location.pathname") == ENGLISH_PATH
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == english_site.url + quote(ENGLISH_PATH)
