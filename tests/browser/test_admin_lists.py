"""The admin's lists in Chromium, where editors check their articles: a phone and a laptop."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import SlugRedirect
from tests.helpers.browser import NARROW, WIDE
from tests.helpers.factories import make_article, make_author

pytestmark = pytest.mark.django_db(transaction=True)

USERNAME, PASSWORD = "lists", "lists-password-for-the-test"
LONG_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش وما يعنيه ذلك لعلاقة دمشق بالعواصم الغربية"

# Where each cell of each row lies, and whether the list is wider than its box.
LAYOUT = """() => ({
    viewport: document.documentElement.clientWidth,
    overflow: (() => { const r = document.querySelector('#changelist .results');
                       return r.scrollWidth - r.clientWidth; })(),
    rows: [...document.querySelectorAll('#result_list tbody tr')].map(row =>
        Object.fromEntries([...row.children].map(cell => {
            const box = cell.getBoundingClientRect();
            const name = [...cell.classList].find(c => c.startsWith('field-')) || cell.className;
            const line = parseFloat(getComputedStyle(cell).lineHeight);
            return [name, {left: box.left, right: box.right, width: box.width,
                           lines: Math.round(box.height / line)}];
        }))),
})"""


def logged_in(new_page, live_server, viewport):
    get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    user = get_user_model().objects.get(username=USERNAME)
    user.set_password(PASSWORD)
    user.save()
    page = new_page(viewport=viewport)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url("**" + reverse("admin:index"))
    return page


def test_the_article_list_on_a_phone_shows_every_column_and_whole_titles(live_server, new_page):
    author = make_author(name="أنس قاسم المرفوع")
    for n in range(3):
        make_article(title=f"{LONG_TITLE} {n}", authors=[author])
    page = logged_in(new_page, live_server, NARROW)

    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    layout = page.evaluate(LAYOUT)

    assert layout["overflow"] <= 0
    assert len(layout["rows"]) == 3
    for row in layout["rows"]:
        # The title gets the row's width (a few lines, not a word a line) ...
        assert row["field-title"]["width"] > layout["viewport"] * 0.6
        assert row["field-title"]["lines"] <= 4
        # ... and the section, status, date and authors are on the screen, not cut off.
        for name in ("field-section", "field-status_label", "field-published_at"):
            assert row[name]["left"] >= 0 and row[name]["right"] <= layout["viewport"], name
        assert row["field-author_names"]["right"] <= layout["viewport"]


def test_the_old_addresses_list_fits_a_laptop_screen(live_server, new_page):
    article = make_article(title=LONG_TITLE)
    for language in ("ar", "en"):
        SlugRedirect.objects.create(
            article=article,
            language=language,
            old_slug=(
                "انضمام-سورية-إلى-التحالف-الدولي-ضد-داعش-نسخة-قديمة-من-العنوان-قبل-التعديل"
                if language == "ar"
                else "syria-joins-the-global-coalition-against-isis-an-old-version-of-the-title"
            ),
        )
    page = logged_in(new_page, live_server, WIDE)

    page.goto(live_server.url + reverse("admin:articles_slugredirect_changelist"))
    layout = page.evaluate(LAYOUT)

    assert layout["overflow"] <= 0
    results = page.evaluate(
        "() => document.querySelector('#changelist .results').getBoundingClientRect().left"
    )
    for row in layout["rows"]:
        assert row["field-created_at"]["left"] >= results
