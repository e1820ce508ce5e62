"""Fixtures for checks that look at the site as a reader's browser shows it.

* ``seeded_live_server``: pytest-django's live server (which also serves the static
  files, through ``django.contrib.staticfiles``) over a database holding the two real
  seed documents, imported by ``import_seeds`` as ``make run`` does.
* ``browser``: one headless Debian Chromium for the whole ``tests/browser`` package,
  driven by Playwright; ``page`` and ``new_page`` give each test fresh, isolated
  browser contexts.
* ``require``: a missing tool (Chromium, Java) skips these tests on a developer's
  machine, but fails them when ``CI=true``: nothing may be skipped in CI.
"""

from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import require

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no internet: these keep Chromium from waiting on the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots for people to look at, in the repository root (git ignores it).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}

# Every kind of public page, by the name tests use for it (see ``Site.path``).
PAGE_TYPES = [
    "home",
    "paper",
    "news",
    "section",
    "tag",
    "author",
    "archive",
    "archive_month",
    "search",
    "search_no_results",
    "search_form",
    "not_found",
]
# A query that finds the seeds, and one that finds nothing.
SEARCH_HIT = "داعش"
SEARCH_MISS = "بطريق"


@dataclass
class Site:
    """The seeded site as a reader reaches it: the live server's address and its pages."""

    url: str
    paths: dict

    def path(self, name):
        return self.paths[name]

    def page_url(self, name):
        return self.url + self.paths[name]


def seeded_paths():
    """The path of every page type in ``PAGE_TYPES``, for content made by ``import_seeds``."""
    from articles.models import SeedImport

    # One record per source document (translations, *.en.txt, have their own).
    records = (
        SeedImport.objects.select_related("article")
        .exclude(document__endswith=".en.txt")
        .order_by("document")
    )
    paper, news = (record.article for record in records)
    author = paper.authorships.order_by("position").first().author
    month = timezone.localtime(paper.published_at)
    search = reverse("articles:search")
    return {
        "home": reverse("articles:home"),
        "paper": paper.get_absolute_url(),
        "news": news.get_absolute_url(),
        "section": paper.section.get_absolute_url(),
        "tag": paper.tags.order_by("slug").first().get_absolute_url(),
        "author": author.get_absolute_url(),
        "archive": reverse("articles:archive"),
        "archive_month": reverse("articles:archive_month", args=[month.year, month.month]),
        "search": f"{search}?q={quote(SEARCH_HIT)}",
        "search_no_results": f"{search}?q={quote(SEARCH_MISS)}",
        "search_form": search,
        "not_found": "/no-such-page/",
    }


def import_seeds():
    call_command("import_seeds", stdout=StringIO())


@pytest.fixture
def seeded_live_server(live_server, settings):
    """The live server over the two seed documents (the database is emptied after the test)."""
    settings.DEBUG = False  # the reader's 404 page, not Django's technical one
    import_seeds()
    return Site(url=live_server.url, paths=seeded_paths())


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for every test in this package."""
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing (Debian package: chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extras install it
        require(False, "playwright is not installed (pip install -e '.[dev]')")
    # Playwright's synchronous API keeps an asyncio loop running in this thread, which
    # Django's ORM takes for async code: allow it while the browser lives, and only then.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context: ``new_page(viewport=NARROW, ...)``.

    Keyword arguments go to ``browser.new_context``; contexts close after the test.
    """
    contexts = []

    def open_page(viewport=WIDE, **options):
        options.setdefault("locale", "ar")
        context = browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page 1280 px wide, JavaScript on."""
    return new_page()
