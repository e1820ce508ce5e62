"""Each page costs a fixed number of queries, however many authors, tags, references
and suggested articles its content has: measured with 2 of each, then with 20."""

import itertools
from types import SimpleNamespace

import pytest

from articles import pagecache
from tests.helpers.factories import (
    jpeg_file,
    make_article,
    make_author,
    make_read_also,
    make_reference,
    make_section,
)

pytestmark = pytest.mark.django_db

_worlds = itertools.count(1)


def world(n, word):
    """A section with n authors, n tags and n+3 articles sharing them all.

    The main article has n references (each cited in the text) and n suggested
    articles; ``fallback`` has no suggestions of its own, so its page looks for
    related articles; ``cover`` has a cover image. ``word`` is in every title,
    for the search page.
    """
    k = next(_worlds)
    section = make_section()
    authors = [make_author() for _ in range(n)]
    tags = [f"وسم {k}-{i}" for i in range(n)]

    def article(title, **kwargs):
        return make_article(
            section=section, authors=authors, tags=tags, title=f"{word} {title}", **kwargs
        )

    others = [article(f"مقترح {i}") for i in range(n)]
    main = article(
        "رئيسي",
        featured=True,
        body="<p>" + " ".join(f"فقرة[{i}]" for i in range(1, n + 1)) + "</p>",
    )
    for number in range(1, n + 1):
        make_reference(main, number)
    for position, other in enumerate(others, start=1):
        make_read_also(main, other, position)
    fallback = article("بلا مقترحات")
    cover = article("بغلاف")
    cover.cover_image.save("cover.jpg", jpeg_file(1600, 900), save=True)
    month = main.published_at
    return SimpleNamespace(
        article=main.get_absolute_url(),
        article_fallback=fallback.get_absolute_url(),
        article_cover=cover.get_absolute_url(),
        home="/",
        section=section.get_absolute_url(),
        tag=main.tags.first().get_absolute_url(),
        author=authors[0].get_absolute_url(),
        search=f"/search/?q={word}",
        archive="/archive/",
        archive_month=f"/archive/{month.year}/{month.month}/",
        feed="/feed/",
        feed_atom="/feed/atom/",
        section_feed=section.get_absolute_url() + "feed/",
        tag_feed=main.tags.first().get_absolute_url() + "feed/atom/",
        author_feed=authors[0].get_absolute_url() + "feed/",
    )


# Every anonymous request asks the database for the site's stamp (the page cache's
# authority on what is current), hit or miss.
STAMP = 1
# page: queries. The comment says what they are. The section menu costs none: it is
# kept in memory under the sections token that comes with the stamp.
QUERIES = {
    # the article with its stored rendering (its references and tags in it), the
    # suggestions, the authors (its own and the suggestions')
    "article": 3,
    # the same, with related articles instead of the editor's suggestions (same query)
    "article_fallback": 3,
    # a cover adds none: its renditions are made when it is saved, and the page only names
    # them from the row (cover_width/cover_height), as the share card's address is
    "article_cover": 3,
    # count, page of cards, their authors, featured card, its authors
    "home": 5,
    # section, count, page of cards, their authors
    "section": 4,
    # tag, count, page of cards, their authors
    "tag": 4,
    # author, count, page of cards, their authors
    "author": 4,
    # whole-word match (and, as here, when that does not fill the results, the match by
    # word beginnings), the public ones among them, page of cards, their authors
    "search": 5,
    # months
    "archive": 1,
    # count, page of cards, their authors
    "archive_month": 3,
    # feeds: items with their stored renderings (content, tags), their authors
    "feed": 2,
    "feed_atom": 2,
    # the section, author or tag first
    "section_feed": 3,
    "tag_feed": 3,
    "author_feed": 3,
}


@pytest.mark.parametrize("page", QUERIES)
def test_queries_do_not_grow_with_content(client, django_assert_num_queries, page):
    """On a cache miss, the budget above; answered from the page cache, the stamp only."""
    for n, word in ((2, "قمح"), (20, "شعير")):
        url = getattr(world(n, word), page)
        # Renders the articles the page shows once, as their first reader after a change
        # does (test_rendering_store counts that), and the section menu.
        client.get(url)
        pagecache.new_stamp()  # as after an editor's change: every page is rendered anew

        with django_assert_num_queries(STAMP + QUERIES[page]):
            response = client.get(url)
        assert response.status_code == 200, (n, url)
        assert response["X-Cache"] == "miss"

        with django_assert_num_queries(STAMP):
            again = client.get(url)
        assert again["X-Cache"] == "hit"
        assert again.content == response.content
