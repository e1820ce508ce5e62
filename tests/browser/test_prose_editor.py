"""The article body's rich-text editor in Chromium: its toolbar in the admin's language.

django-prose-editor 0.28 writes its toolbar's words in English, draws the block menu's
arrow with a character no font of the admin has, and opens that menu from the
button's left edge, over the label column in a right-to-left admin.
static/editorial/prose-editor-i18n.js and prose-editor.css put that right; these
checks fail when an upgrade of the library changes what they rely on.

The admin is outside the language prefixes, so LocaleMiddleware serves it in
LANGUAGE_CODE whatever the browser asks (Django does so for unprefixed paths under
``i18n_patterns(prefix_default_language=False)``): an English admin session is one
where English is the default language, as ``open_add_form`` makes it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

USERNAME, PASSWORD = "writer", "writer-password-for-the-test"
LATIN = re.compile(r"[A-Za-z]")
ARABIC = re.compile(r"[\u0600-\u06ff]")

# Every button's tooltip and screen-reader label, and the block menu's entries.
WORDS = """editor => ({
  buttons: [...editor.querySelectorAll('.prose-menubar__button')].map(b => ({
    name: b.dataset.name || b.closest('.prose-menubar__selected') && 'selected' || '',
    title: b.getAttribute('title'),
    label: b.getAttribute('aria-label'),
  })),
  entries: [...editor.querySelectorAll('.prose-menubar__option')].map(o => o.textContent.trim()),
})"""

# The block button's arrow (its ::after) drawn in its own font, beside nothing at all and
# beside a character no font has: a missing glyph draws exactly like the latter (a box).
GLYPH = """async button => {
  await document.fonts.ready;
  const style = getComputedStyle(button, '::after');
  const text = JSON.parse(style.content.match(/^"(?:[^"\\\\]|\\\\.)*"/)[0]);
  const draw = s => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const context = canvas.getContext('2d');
    context.font = `${style.fontWeight} 40px ${style.fontFamily}`;
    context.fillText(s, 8, 48);
    return context.getImageData(0, 0, 64, 64).data.join();
  };
  const glyph = draw(text);
  return {text, blank: glyph === draw(''), missing: glyph === draw('\\u{F0000}')};
}"""

BOX = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"


def open_add_form(live_server, new_page, settings, language="ar", body="ar"):
    """The article add form in the admin of ``language``, on the ``body`` field's tab.

    Returns the page and the selector of that field's editor.
    """
    settings.LANGUAGE_CODE = language
    get_user_model().objects.create_superuser(USERNAME, "writer@example.org", PASSWORD)
    page = new_page(locale={"ar": "ar", "en": "en-US"}[language])
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url("**" + reverse("admin:index"))
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    editor = f".prose-editor:has(> #id_body_{body})"
    page.locator(f"{editor} .ProseMirror[role=textbox]").wait_for(state="attached")
    if page.locator(editor).is_hidden():
        page.locator(f".ui-tabs-nav a[href='#tab_id_body_{body}']").click()
    return page, editor


def words(page, editor):
    return page.locator(editor).evaluate(WORDS)


def test_the_toolbar_and_block_menu_speak_arabic(live_server, new_page, settings):
    page, editor = open_add_form(live_server, new_page, settings)
    found = words(page, editor)

    labels = {b["name"]: (b["title"], b["label"]) for b in found["buttons"]}
    assert labels["bold"] == ("غامق", "غامق")
    assert labels["link"] == ("إدراج رابط", "إدراج رابط")
    assert labels["selected"] == ("فقرة", "فقرة")  # the block menu's button: the cursor's block
    for button in found["buttons"]:
        for word in (button["title"], button["label"]):
            assert word and ARABIC.search(word) and not LATIN.search(word), button
    assert found["entries"] == ["عنوان 2", "عنوان 3", "فقرة"]


def test_the_toolbar_speaks_english_in_an_english_session(live_server, new_page, settings):
    page, editor = open_add_form(live_server, new_page, settings, "en", "en")
    assert page.evaluate("document.documentElement.lang") == "en"
    found = words(page, editor)

    labels = {b["name"]: (b["title"], b["label"]) for b in found["buttons"]}
    assert labels["bold"] == ("bold", "bold")
    assert labels["selected"] == ("paragraph", "paragraph")
    for button in found["buttons"]:
        assert button["title"] and not ARABIC.search(button["title"] + button["label"]), button
    assert found["entries"] == ["Heading 2", "Heading 3", "Paragraph"]


def test_the_toolbar_follows_the_block_under_the_cursor(live_server, new_page, settings):
    """The block button shows a fresh copy of the current block's button: in Arabic too."""
    page, editor = open_add_form(live_server, new_page, settings)
    page.locator(f"{editor} .ProseMirror[role=textbox]").click()
    page.keyboard.type("عنوان")
    page.locator(f"{editor} .prose-menubar__selected").click()
    page.locator(f"{editor} .prose-menubar__option[data-name=heading2]").click()

    selected = page.locator(f"{editor} .prose-menubar__selected > button")
    assert selected.get_attribute("title") == "عنوان من المستوى الثاني"

    # A selection over two kinds of block shows the library's "unknown" button.
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("فقرة")
    page.keyboard.press("Control+A")
    assert selected.get_attribute("aria-label") == "نوع الفقرة"


# The admin's language, and the body edited in it (the Arabic admin's English tab too).
ADMINS = pytest.mark.parametrize(
    "language, body",
    [("ar", "ar"), ("ar", "en"), ("en", "en")],
    ids=["arabic-admin", "arabic-admin-english-body", "english-admin"],
)


@ADMINS
def test_the_block_buttons_arrow_is_drawn(live_server, new_page, settings, language, body):
    page, editor = open_add_form(live_server, new_page, settings, language, body)

    arrow = page.locator(f"{editor} .prose-menubar__selected").evaluate(GLYPH)
    assert not arrow["blank"] and not arrow["missing"], arrow


@ADMINS
def test_the_block_menu_opens_inside_the_editor(live_server, new_page, settings, language, body):
    page, editor = open_add_form(live_server, new_page, settings, language, body)

    page.locator(f"{editor} .prose-menubar__selected").click()
    picker = page.locator(f"{editor} .prose-menubar__picker:popover-open")
    left, top, right, bottom = picker.evaluate(BOX)
    e_left, e_top, e_right, e_bottom = page.locator(editor).evaluate(BOX)
    assert e_left <= left and right <= e_right, (left, right, e_left, e_right)
    assert e_top <= top and bottom <= e_bottom, (top, bottom, e_top, e_bottom)
