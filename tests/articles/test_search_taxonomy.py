"""The names an article's search text holds follow its tags and authors: a tag or an author
renamed or deleted in the admin is found under what it is now, never under what it was,
in one bulk step however many articles show it. Through the admin and the site's search,
on SQLite and PostgreSQL alike."""

import pytest
from django.urls import reverse

from articles import search
from articles.models import Article, Tag
from authors.models import Author
from tests.helpers.admin import browser_form
from tests.helpers.factories import make_article, make_author, make_section, make_tag
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db

MANY = 30
# However many articles show the tag or the author: the admin's own queries, and a few
# for the whole reindex (tests/articles/test_search_index.py counts those exactly).
QUERY_BUDGET = 25


def found_on_the_site(client, query, language="ar"):
    """The titles the search page lists for ``query``, best first."""
    response = client.get("/en/search/" if language == "en" else "/search/", {"q": query})
    assert response.status_code == 200
    return [h.text for h in HtmlPage(response).find_all("h2", class_="card__title")]


def found(query, language="ar"):
    """Every article the search finds for ``query``, not only its first page."""
    return set(search.ranked_ids(search.query_terms(query), language))


@pytest.fixture
def tagged():
    """Many articles with the tag «زيتون» (Olives), none of which names it otherwise."""
    tag = make_tag(name_ar="زيتون", name_en="Olives")
    section = make_section()
    articles = [
        make_article(title_ar=f"تقرير رقم {n}", title_en=f"Report {n}", section=section, tags=[tag])
        for n in range(MANY)
    ]
    assert found("زيتون") == {article.pk for article in articles}
    return tag, articles


@pytest.fixture
def written():
    """Many articles by «سعاد الحلبي» (Souad Halabi), none of which names her otherwise."""
    author = make_author(name_ar="سعاد الحلبي", name_en="Souad Halabi")
    section = make_section()
    articles = [
        make_article(title_ar=f"دراسة رقم {n}", section=section, authors=[author])
        for n in range(MANY)
    ]
    assert found("الحلبي") == {article.pk for article in articles}
    return author, articles


def test_a_tag_deleted_in_the_admin_no_longer_finds_its_articles(
    client, superuser_client, tagged, django_assert_max_num_queries
):
    tag, articles = tagged
    assert found_on_the_site(client, "زيتون")
    url = reverse("admin:articles_tag_delete", args=[tag.pk])
    assert superuser_client.get(url).status_code == 200

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = superuser_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Tag.objects.filter(pk=tag.pk).exists()
    assert found("زيتون") == set()
    assert found("Olives", "en") == set()
    assert found_on_the_site(client, "زيتون") == []
    # The rest of their text is as it was.
    assert found("تقرير") == {article.pk for article in articles}


def test_tags_deleted_together_from_the_admins_list_no_longer_find_their_articles(
    client, superuser_client, tagged, django_assert_max_num_queries
):
    olives, articles = tagged
    grapes = make_tag(name_ar="عنب")
    for article in articles[:10]:
        article.tags.add(grapes)
    changelist = reverse("admin:articles_tag_changelist")
    action = {"action": "delete_selected", "_selected_action": [olives.pk, grapes.pk]}
    assert superuser_client.post(changelist, action).status_code == 200  # "are you sure?"

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = superuser_client.post(changelist, action | {"post": "yes"})

    assert response.status_code == 302
    assert found("زيتون") == found("عنب") == set()
    assert found_on_the_site(client, "عنب") == []
    assert found("تقرير") == {article.pk for article in articles}


def test_a_tag_renamed_in_the_admin_finds_its_articles_by_the_new_name_only(
    client, superuser_client, tagged, django_assert_max_num_queries
):
    tag, articles = tagged
    url = reverse("admin:articles_tag_change", args=[tag.pk])
    data = browser_form(superuser_client.get(url)) | {"name_ar": "الحمضيات"}

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = superuser_client.post(url, data)

    assert response.status_code == 302
    assert found("زيتون") == set()
    assert found("الحمضيات") == {article.pk for article in articles}
    assert found_on_the_site(client, "زيتون") == []
    assert found_on_the_site(client, "حمضيات")
    assert found("Olives", "en") == {article.pk for article in articles}


def test_a_tags_english_name_renamed_is_found_in_the_english_edition(
    client, superuser_client, tagged
):
    tag, articles = tagged
    url = reverse("admin:articles_tag_change", args=[tag.pk])
    data = browser_form(superuser_client.get(url)) | {"name_en": "Olive groves"}

    assert superuser_client.post(url, data).status_code == 302

    assert found("Olives", "en") == set()
    assert found("groves", "en") == {article.pk for article in articles}
    assert found_on_the_site(client, "groves", "en")
    assert found("زيتون") == {article.pk for article in articles}


def test_an_author_renamed_in_the_admin_finds_their_articles_by_the_new_name_only(
    client, superuser_client, written, django_assert_max_num_queries
):
    author, articles = written
    url = reverse("admin:authors_author_change", args=[author.pk])
    data = browser_form(superuser_client.get(url)) | {"name_ar": "سعاد القاسم"}

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = superuser_client.post(url, data)

    assert response.status_code == 302
    assert found("الحلبي") == set()
    assert found("القاسم") == {article.pk for article in articles}
    assert found_on_the_site(client, "القاسم")


def test_an_author_who_wrote_articles_is_not_deleted_so_their_name_stays_true(
    superuser_client, written
):
    # Authorships protect their author: there is no deleted name left in any text.
    author, articles = written
    response = superuser_client.post(
        reverse("admin:authors_author_delete", args=[author.pk]), {"post": "yes"}
    )

    assert response.status_code == 200
    assert Author.objects.filter(pk=author.pk).exists()
    assert found("الحلبي") == {article.pk for article in articles}


def test_a_tag_taken_off_one_article_leaves_the_others_found(superuser_client, tagged):
    tag, articles = tagged
    articles[0].tags.remove(tag)

    assert found("زيتون") == {article.pk for article in articles[1:]}


def test_deleting_an_article_with_tags_leaves_the_others_found(tagged):
    _tag, articles = tagged
    Article.objects.filter(pk=articles[0].pk).delete()

    assert found("زيتون") == {article.pk for article in articles[1:]}
