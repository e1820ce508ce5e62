"""The stored rendering of an article: the same page as rendering it anew, and never stale.

Each change an editor can make to what the stored part of a page shows (the body, a
reference, a tag or its name, an author's name in a paper's cite box, a pick) shows
on the next request; the page served from a stored row is byte for byte the page
rendered with no row at all.
"""

import pytest

from articles import pagecache
from articles.models import RenderedArticle, Section
from tests.helpers.factories import (
    make_article,
    make_author,
    make_read_also,
    make_reference,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db


def page(client, article):
    pagecache.new_stamp()  # past the page cache: the page is rendered from the database
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def paper():
    author = make_author(name="سلمى حداد")
    article = make_article(
        title="ورقة عن التحالف",
        body="<h2>أولا</h2><p>نص[1] آخر[2].</p><h2>ثانيا</h2><p>ب</p><h2>ثالثا</h2><p>ج</p>",
        authors=[author],
        section=make_section(genre=Section.Genre.ANALYSIS),
    )
    make_reference(article, 1, title="المرجع الأول")
    make_reference(article, 2, title="المرجع الثاني")
    article.tags.add(make_tag(name="التحالف الدولي"))
    article.author = author
    assert article.is_paper
    return article


def test_a_stored_page_is_the_page_rendered_anew(client, paper):
    first = page(client, paper)  # no row yet: rendered, shown and stored
    assert RenderedArticle.objects.filter(article=paper, language="ar").exists()
    assert page(client, paper) == first  # from the stored row
    RenderedArticle.objects.all().delete()
    assert page(client, paper) == first


def test_a_stored_page_makes_no_query_for_references_or_tags(
    client, paper, django_assert_num_queries
):
    page(client, paper)
    pagecache.new_stamp()
    # stamp; the article with its rendering; suggestions; authors
    with django_assert_num_queries(4):
        client.get(paper.get_absolute_url())


def test_an_edited_body_shows_on_the_next_request(client, paper):
    page(client, paper)
    paper.body = "<p>نص جديد كليا[1].</p>"
    paper.save()
    assert "نص جديد كليا" in page(client, paper)


@pytest.mark.parametrize("change", ["edit", "add", "delete"])
def test_a_changed_reference_shows_on_the_next_request(client, paper, change):
    page(client, paper)
    if change == "edit":
        reference = paper.references.get(number=1)
        reference.title = "عنوان مصحح"
        reference.save()
        assert "عنوان مصحح" in page(client, paper)
    elif change == "add":
        make_reference(paper, 3, title="مرجع ثالث")
        assert "مرجع ثالث" in page(client, paper)
    else:
        paper.references.get(number=2).delete()
        assert "المرجع الثاني" not in page(client, paper)


def test_tags_added_removed_and_renamed_show_on_the_next_request(client, paper):
    page(client, paper)
    new = make_tag(name="الأمن الإقليمي")
    paper.tags.add(new)
    assert "الأمن الإقليمي" in page(client, paper)
    new.name = "أمن المنطقة"
    new.save()
    html = page(client, paper)
    assert "أمن المنطقة" in html and "الأمن الإقليمي" not in html
    paper.tags.remove(new)
    assert "أمن المنطقة" not in page(client, paper)


def test_a_renamed_author_shows_in_the_cite_box(client, paper):
    assert "سلمى حداد" in page(client, paper)
    paper.author.name = "سلمى الحداد"
    paper.author.save()
    html = page(client, paper)
    cite = html[html.index('class="cite"') :]
    assert "سلمى الحداد" in cite and "سلمى حداد" not in cite


def test_a_new_pick_shows_on_the_next_request(client, paper):
    page(client, paper)
    pick = make_article(title="مقال مختار للقراءة")
    make_read_also(paper, pick)
    assert "مقال مختار للقراءة" in page(client, paper)


def test_the_cite_box_names_the_requests_own_host(client, paper):
    html = page(client, paper)
    assert "origin.invalid" not in html
    assert "http://testserver/" in html[html.index('class="cite"') :]
