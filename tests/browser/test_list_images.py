"""Covers in lists, in Chromium: images that arrive late move nothing (no layout shift)."""

import pytest

from articles.models import Article
from tests.helpers.browser import NARROW, WIDE
from tests.helpers.factories import jpeg_file

pytestmark = pytest.mark.django_db(transaction=True)

# Where every card's title and image sit on the page (not the window).
POSITIONS = """() => [...document.querySelectorAll(".card__title, .card__image")].map(el => {
  const box = el.getBoundingClientRect();
  return [Math.round(box.top + scrollY), Math.round(box.left), Math.round(box.height)];
})"""


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["360", "1280"])
def test_list_images_cause_no_layout_shift(seeded_live_server, new_page, viewport):
    for number, article in enumerate(Article.objects.published(), start=1):
        article.featured = number == 1
        article.cover_image.save(f"cover{number}.jpg", jpeg_file(1600, 900), save=True)
    page = new_page(viewport=viewport)
    # Images held back until the text is laid out in its web font: then they arrive.
    page.route("**/media/**", lambda route: (page.wait_for_timeout(1500), route.continue_()))
    page.goto(seeded_live_server.page_url("home"), wait_until="domcontentloaded")
    page.evaluate("document.fonts.ready.then(() => true)")
    before = page.evaluate(POSITIONS)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    images = page.eval_on_selector_all(
        "img.card__image", "els => els.map(i => [i.complete && i.naturalWidth > 0, i.width])"
    )
    assert images and all(loaded and width > 0 for loaded, width in images), images
    assert page.evaluate(POSITIONS) == before
