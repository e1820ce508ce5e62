"""The Content-Security-Policy as Chromium enforces it (``CONTENT_SECURITY_POLICY``).

Every public page type in both editions, and the admin driven as an editor drives
it: the rich-text editor typed into and saved, the translation tabs, autocomplete,
inlines, the change list and its filters. Nothing may raise a
``securitypolicyviolation`` event, log an error to the console or throw.
"""

import json
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from articles.models import Article, SeedImport
from tests.helpers.browser import ARTIFACTS, PAGE_TYPES, SEARCH_MISS, WIDE

USERNAME = "csp-editor"
PASSWORD = "a-long-password-for-the-csp-tests"

# Runs in every document before its own scripts; Playwright's init scripts and bindings
# are the browser's, not the page's, so the policy under test does not apply to them.
WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "an inline block"}` +
    ` (${event.sourceFile || document.URL}:${event.lineNumber})`
  );
}, true);
"""

# Violation events and bindings arrive asynchronously: let queued tasks run first.
SETTLE = "new Promise(done => requestAnimationFrame(() => setTimeout(done, 100)))"


class Watched:
    """A page whose CSP violations, console errors and uncaught errors are recorded."""

    def __init__(self, context):
        self.problems = []
        context.expose_binding("reportViolation", self._violation)
        context.add_init_script(WATCH)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        self.expected_404 = None

    def _violation(self, source, text):
        self.problems.append(f"CSP violation: {text}")

    def _console(self, message):
        if message.type not in {"error", "warning"}:
            return
        text = message.text
        if (
            self.expected_404
            and message.location.get("url") == self.expected_404
            and "status of 404" in text
        ):
            return
        self.problems.append(f"console {message.type}: {text} ({message.location.get('url')})")

    def goto(self, url, status=200):
        self.expected_404 = url if status == 404 else None
        response = self.page.goto(url)
        assert response.status == status, f"{url}: status {response.status}, not {status}"
        self.settle()
        return response

    def settle(self):
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate(SETTLE)

    def assert_clean(self, where):
        self.settle()
        assert self.problems == [], f"{where}: " + "\n".join(self.problems)


@pytest.fixture
def watched(browser):
    contexts = []

    def open_watched(**options):
        options.setdefault("locale", "ar")
        options.setdefault("viewport", WIDE)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Watched(context)

    yield open_watched
    for context in contexts:
        context.close()


def english_paths():
    """Every English page type that exists for the seeds (the news has a translation)."""
    news = (
        SeedImport.objects.filter(document__endswith=".en.txt").select_related("article").get()
    ).article
    with translation.override("en"):
        author = news.authorships.order_by("position").first().author
        tag = news.tags.order_by("slug").first()
        search = reverse("articles:search")
        return {
            "home": reverse("articles:home"),
            "news": news.get_absolute_url(),
            "section": news.section.get_absolute_url(),
            "tag": tag.get_absolute_url(),
            "author": author.get_absolute_url(),
            "archive": reverse("articles:archive"),
            "search": f"{search}?q={quote(news.title_en.split()[0])}",
            "search_no_results": f"{search}?q={quote(SEARCH_MISS)}",
            "search_form": search,
            "not_found": "/en/no-such-page/",
        }


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_arabic_pages_raise_no_violation(seeded_live_server, watched, name):
    page = watched()
    page.goto(seeded_live_server.page_url(name), status=404 if name == "not_found" else 200)
    page.assert_clean(name)


def test_english_pages_raise_no_violation(seeded_live_server, watched):
    page = watched(locale="en-US")
    for name, path in english_paths().items():
        assert path.startswith("/en/"), path
        page.goto(seeded_live_server.url + path, status=404 if name == "not_found" else 200)
        page.assert_clean(f"English {name} ({path})")


def test_json_ld_is_read_as_data_and_share_js_runs(seeded_live_server, watched):
    page = watched(permissions=["clipboard-write"])
    page.goto(seeded_live_server.page_url("paper"))

    blocks = page.page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    data = json.loads(blocks.text_content())
    assert data["headline"]
    # share.js, an external script from this site, ran: it reveals the copy button.
    assert page.page.locator("[data-copy-link]").is_visible()
    page.assert_clean("paper with JSON-LD")


def test_the_policy_blocks_an_injected_inline_script(seeded_live_server, watched):
    """The check above would see a violation: one made on purpose is seen and blocked."""
    page = watched()
    page.goto(seeded_live_server.page_url("paper"))

    page.page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          const button = document.createElement("button");
          button.setAttribute("onclick", "window.injected = true");
          document.body.append(button);
          button.click();
        }"""
    )
    page.settle()

    assert page.page.evaluate("window.injected") is None
    violations = [p for p in page.problems if p.startswith("CSP violation")]
    assert any("script-src-elem" in p for p in violations), page.problems
    assert any("script-src-attr" in p for p in violations), page.problems


# --- The admin ---------------------------------------------------------------


@pytest.fixture
def admin_page(seeded_live_server, watched):
    """A superuser logged in through the admin's login form, in a watched page.

    Not ``tests/conftest.py``'s ``editor`` (a user for the test client): the login form
    is typed into for real, so its page is checked for violations too.
    """
    get_user_model().objects.create_superuser(USERNAME, "csp@example.org", PASSWORD)
    page = watched()
    page.goto(seeded_live_server.url + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.assert_clean("login page")
    page.page.fill("#id_username", USERNAME)
    page.page.fill("#id_password", PASSWORD)
    page.page.click("#login-form [type=submit]")
    page.page.wait_for_url("**" + reverse("admin:index"))
    page.assert_clean("admin index")
    return page


def choose_in_autocomplete(page, container, text):
    """Open the select2 box in ``container``, type ``text`` and pick the first match."""
    page.locator(f"{container} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    option = page.locator(".select2-results__option", has_text=text).first
    option.wait_for()
    option.click()


def type_in_editor(page, container, text):
    editor = page.locator(f"{container} .ProseMirror[role=textbox]")
    editor.wait_for()
    assert editor.get_attribute("contenteditable") == "true"
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text)


def switch_tab(page, field, language):
    """Click a translation tab; its panel shows and the other language's hides."""
    other = {"ar": "en", "en": "ar"}[language]
    page.locator(f'a[href="#tab_id_{field}_{language}"]').click()
    assert page.locator(f"#tab_id_{field}_{language}").is_visible()
    assert page.locator(f"#tab_id_{field}_{other}").is_hidden()


def test_admin_change_list_and_its_filters(seeded_live_server, admin_page):
    page = admin_page.page
    changelist = seeded_live_server.url + reverse("admin:articles_article_changelist")
    admin_page.goto(changelist)
    rows = page.locator("#result_list tbody tr")
    total = rows.count()
    assert total >= 2

    # actions.js: ticking "select all" counts the rows.
    page.locator("#action-toggle").check()
    assert page.locator(".action-counter").inner_text().startswith(str(total))

    # A filter in the side bar narrows the list.
    page.locator("#changelist-filter a[href*='status__exact=draft']").click()
    page.wait_for_url("**status__exact=draft**")
    admin_page.settle()
    assert page.locator("#result_list").count() == 0 or rows.count() < total

    page.locator("#changelist-filter a[href*='status__exact=published']").click()
    page.wait_for_url("**status__exact=published**")
    admin_page.settle()
    assert rows.count() == Article.objects.filter(status="published").count()

    # The search box.
    page.fill("#searchbar", "داعش")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=**")
    admin_page.settle()
    assert rows.count() >= 1
    admin_page.assert_clean("change list, filters and search")


def test_admin_add_form_editor_tabs_autocomplete_and_save(seeded_live_server, admin_page):
    page = admin_page.page
    section = Article.objects.order_by("pk").first().section
    author = Article.objects.order_by("pk").first().authors.first()
    admin_page.goto(seeded_live_server.url + reverse("admin:articles_article_add"))
    assert page.locator(".prose-editor .prose-menubar").first.is_visible()

    # prepopulate.js writes the slug from the Arabic title as it is typed.
    page.locator("#id_title_ar").press_sequentially("مقال كتب تحت سياسة أمن المحتوى")
    assert page.locator("#id_slug_ar").input_value().startswith("مقال-كتب")

    switch_tab(page, "title", "en")
    page.fill("#id_title_en", "An article written under the content security policy")
    switch_tab(page, "title", "ar")

    choose_in_autocomplete(page, ".field-section", section.name)
    assert page.locator("#id_section").input_value() == str(section.pk)

    type_in_editor(page, "#tab_id_body_ar", "فقرة كتبت في المحرر.")
    switch_tab(page, "body", "en")
    type_in_editor(page, "#tab_id_body_en", "A paragraph typed in the editor.")

    # An inline row added by inlines.js gets its own autocomplete.
    page.locator("#authorships-group .add-row a").click()
    choose_in_autocomplete(page, "#authorships-0", author.name)

    page.locator("input[name=_save]").first.click()
    page.locator(".messagelist .success").wait_for()
    admin_page.assert_clean("add form")

    article = Article.objects.get(title_ar="مقال كتب تحت سياسة أمن المحتوى")
    assert article.title_en == "An article written under the content security policy"
    assert article.section == section
    assert "فقرة كتبت في المحرر." in article.body_ar
    assert "A paragraph typed in the editor." in article.body_en
    assert list(article.authors.all()) == [author]


def test_admin_change_form_saves_what_the_editor_typed(seeded_live_server, admin_page):
    page = admin_page.page
    article = Article.objects.order_by("pk").first()
    change = seeded_live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    response = admin_page.goto(change)
    # The import map is the page's one inline script, allowed by the header's nonce.
    nonce = page.locator('script[type="importmap"]').evaluate("el => el.nonce")
    assert nonce and f"'nonce-{nonce}'" in response.headers["content-security-policy"]

    switch_tab(page, "summary", "en")
    switch_tab(page, "summary", "ar")
    type_in_editor(page, "#tab_id_body_ar", "إضافة من المحرر.")
    # Bold from the toolbar.
    page.keyboard.type(" ")
    page.keyboard.press("Control+b")
    page.keyboard.type("نص عريض")

    page.locator("input[name=_continue]").first.click()
    page.locator(".messagelist .success").wait_for()
    admin_page.assert_clean("change form")

    # For people to look at: the toolbar, and the English tab of the title open.
    switch_tab(page, "title", "en")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-change-form-csp.png", full_page=True)
    article.refresh_from_db()
    assert "إضافة من المحرر." in article.body_ar
    assert "<strong>نص عريض</strong>" in article.body_ar


def test_admin_history_comparison_and_deleted_articles(seeded_live_server, admin_page):
    """django-reversion's history and deleted articles, reversion-compare's comparison."""
    page = admin_page.page
    article = Article.objects.order_by("pk").first()
    change = seeded_live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    for words in ("المراجعة الأولى.", "المراجعة الثانية."):
        admin_page.goto(change)
        type_in_editor(page, "#tab_id_body_ar", words)
        page.locator("input[name=_continue]").first.click()
        page.locator(".messagelist .success").wait_for()

    history = reverse("admin:articles_article_history", args=[article.pk])
    admin_page.goto(seeded_live_server.url + history)
    assert page.locator("#change-history tbody tr").count() >= 2
    admin_page.assert_clean("history")

    page.locator("#change-history [type=submit]").click()
    page.wait_for_url("**version_id1=**")
    admin_page.settle()
    assert "المراجعة الثانية." in page.locator("#content-main").inner_text()
    admin_page.assert_clean("comparison")

    admin_page.goto(seeded_live_server.url + history)
    page.locator("#change-history tbody tr").last.locator("th a").click()
    page.locator(".prose-editor .ProseMirror[role=textbox]").first.wait_for()
    admin_page.assert_clean("an old revision's form")

    admin_page.goto(seeded_live_server.url + reverse("admin:articles_article_recoverlist"))
    admin_page.assert_clean("deleted articles")
