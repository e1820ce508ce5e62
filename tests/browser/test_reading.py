"""What a reader notices in a real browser: direction, footnotes, sharing, small screens."""

import re
import struct
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from tests.helpers.browser import ARTIFACTS, NARROW, PAGE_TYPES, STICKING_OUT, WIDE

# How much of an element the window shows: "all", "some" or "none".
ON_SCREEN = """el => {
  const r = el.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth) return 'all';
  return r.bottom <= 0 || r.top >= innerHeight ? 'none' : 'some';
}"""


def open_page(new_page, site, name="paper", **options):
    page = new_page(**options)
    response = page.goto(site.page_url(name))
    expected = 404 if name == "not_found" else 200
    assert response.status == expected, f"{name}: status {response.status}, not {expected}"
    page.evaluate("document.fonts.ready")
    return page


# The Arabic edition is at / whatever language the reader's browser asks for.
@pytest.mark.parametrize("locale", ["ar", "en-US"])
def test_pages_read_right_to_left_in_arabic(seeded_live_server, new_page, locale):
    page = open_page(new_page, seeded_live_server, locale=locale)
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    body = page.locator("article .body")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # Its paragraphs start at the right-hand edge.
    paragraph, column = (
        body.locator("p").first.bounding_box(),
        body.bounding_box(),
    )
    assert abs(paragraph["x"] + paragraph["width"] - (column["x"] + column["width"])) < 1


def test_stylesheet_script_and_arabic_font_load(seeded_live_server, new_page):
    failed = []
    page = new_page()
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}"))
    page.goto(seeded_live_server.page_url("paper"))
    page.evaluate("document.fonts.ready")
    # (Every response is recorded: keep the failures, bar the browser's own favicon request.)
    failed = [f for f in failed if not f.startswith(("2", "3")) and "/favicon.ico" not in f]
    assert failed == []
    assert page.evaluate("[...document.styleSheets].some(s => s.cssRules.length > 50)")
    # share.js ran: it reveals the copy button, which is hidden without it.
    assert page.locator("[data-copy-link]").is_visible()
    assert page.evaluate("document.fonts.check(\"1rem 'Noto Naskh Arabic'\", 'سورية')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert {"Noto Naskh Arabic", '"Noto Naskh Arabic"'} & set(loaded), loaded


def test_first_tab_shows_the_skip_link(seeded_live_server, new_page):
    page = open_page(new_page, seeded_live_server, "home", viewport=NARROW)
    skip = page.locator(".skip-link")
    assert skip.evaluate(ON_SCREEN) == "none"
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.evaluate(ON_SCREEN) == "all"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["360px", "1280px"])
def test_footnote_marker_leads_to_its_reference_and_back(seeded_live_server, new_page, viewport):
    page = open_page(new_page, seeded_live_server, viewport=viewport)
    marker = page.locator("#cite-1-1")
    reference = page.locator("#ref-1")
    assert marker.inner_text() == "[1]"
    assert reference.evaluate(ON_SCREEN) == "none", "reference 1 is on screen before any click"

    marker.click()
    assert page.evaluate("location.hash") == "#ref-1"
    assert page.evaluate("document.querySelector(':target').id") == "ref-1"
    assert reference.evaluate(ON_SCREEN) == "all"

    reference.get_by_role("link", name="العودة إلى موضع الإشارة إلى المرجع 1 في النص").click()
    assert page.evaluate("location.hash") == "#cite-1-1"
    assert marker.evaluate(ON_SCREEN) == "all"
    assert reference.evaluate(ON_SCREEN) == "none"


def short_address(server, href):
    """The article's short permanent address (``/a/<id>/``) that ``href`` carries."""
    match = re.search(re.escape(server.url) + r"/a/\d+/", unquote(href))
    assert match, href
    return match[0]


def test_copy_link_puts_the_short_address_on_the_clipboard(seeded_live_server, new_page):
    permissions = ["clipboard-read", "clipboard-write"]
    page = open_page(new_page, seeded_live_server, permissions=permissions)
    canonical = seeded_live_server.page_url("paper")
    assert page.locator("link[rel=canonical]").get_attribute("href") == canonical
    status = page.locator(".share__status")
    assert status.inner_text() == ""

    page.get_by_role("button", name="انسخ الرابط").click()

    page.get_by_role("status").filter(has_text="نُسخ الرابط.").wait_for()
    assert status.is_visible()
    # Short and permanent: pasted into a chat, it leads to the article's full address.
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == short_address(seeded_live_server, copied)
    assert len(copied) < len(canonical)
    page.goto(copied)
    assert page.url == canonical


# Where each share link leads, and the query parameter that carries the article's address.
SHARE_TARGETS = {
    "https://wa.me/?": "text",
    "https://t.me/share/url?": "url",
    "https://x.com/intent/post?": "url",
    "https://www.facebook.com/sharer/sharer.php?": "u",
    "https://www.linkedin.com/sharing/share-offsite/?": "url",
    "mailto:?": "body",
}


def test_share_links_are_plain_links_that_work_without_javascript(seeded_live_server, new_page):
    page = open_page(new_page, seeded_live_server, java_script_enabled=False)
    canonical = seeded_live_server.page_url("paper")
    share = page.locator(".share")
    for prefix, parameter in SHARE_TARGETS.items():
        link = share.locator(f'[href^="{prefix}"]')
        assert link.count() == 1, f"not one share link to {prefix}"
        assert link.evaluate("el => el.tagName") == "A"
        assert link.is_visible()
        href = link.get_attribute("href")
        short = short_address(seeded_live_server, href)
        assert quote(short, safe="") in href, href
        value = parse_qs(urlsplit(href).query)[parameter][0]
        assert value == short or value.endswith(" " + short), (prefix, value)
    assert canonical not in page.locator(".share").inner_html()
    # share.js did not run (it would reveal the copy button): no button is left that
    # needs JavaScript to do anything.
    assert share.locator("button:visible").count() == 0


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scroll_at_360px(seeded_live_server, new_page, name):
    page = open_page(new_page, seeded_live_server, name, viewport=NARROW)
    if name.startswith("search"):  # the search page with results, without, and empty
        found = page.locator("main .card").count()
        assert (found >= 2) if name == "search" else (found == 0), f"{name}: {found} results"
    scroll_width, window_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= window_width, (
        f"{name}: the page is {scroll_width} px wide in a {window_width} px window; "
        f"sticking out: {page.evaluate(STICKING_OUT, 8)}"
    )


def test_article_screenshots(seeded_live_server, new_page):
    """Pictures of the article for a person to look at, in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {
        "article-360.png": {"viewport": NARROW},
        "article-1280.png": {"viewport": WIDE},
        "article-360-dark.png": {"viewport": NARROW, "color_scheme": "dark"},
    }
    for file_name, options in shots.items():
        target = ARTIFACTS / file_name
        target.unlink(missing_ok=True)
        page = open_page(new_page, seeded_live_server, **options)
        page.screenshot(path=target, full_page=True)

        data = target.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{file_name} is not a PNG"
        width, height = struct.unpack(">II", data[16:24])
        assert width == options["viewport"]["width"], file_name
        assert height > 2 * options["viewport"]["height"], f"{file_name}: only {height} px tall"
        assert len(data) > 50_000, f"{file_name}: {len(data)} bytes, suspiciously plain"
