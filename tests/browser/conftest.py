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

import pytest

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, WIDE, Site, import_seeds, seeded_paths
from tests.helpers.ci import require


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
