"""Who sees unpublished work: a writer only their own, an editor everything, readers nothing."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ReadAlso
from tests.helpers.admin import EDITORS, WRITERS, article_form, logged_in, member_of, with_rows
from tests.helpers.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """Two writers and an editor, each with an unpublished article of their own."""
    alice, bob = member_of(WRITERS, "alice"), member_of(WRITERS, "bob")
    editor = member_of(EDITORS, "editor")
    drafts = {
        "alice": make_article(title="مسودة أليس", published=False, created_by=alice),
        "bob": make_article(
            title="مقال بوب قيد المراجعة",
            published=False,
            status=Article.Status.REVIEW,
            created_by=bob,
        ),
        "editor": make_article(
            title="مقال المحرر المجدول",
            when=timezone.now() + timedelta(days=2),
            created_by=editor,
        ),
    }
    return {"alice": alice, "bob": bob, "editor": editor, "drafts": drafts}


def view_on_site(article):
    content_type = ContentType.objects.get_for_model(Article)
    return f"/admin/r/{content_type.pk}/{article.pk}/"


def test_a_writer_previews_only_their_own_unpublished_articles(team):
    alice = logged_in(team["alice"])
    drafts = team["drafts"]

    own = alice.get(drafts["alice"].get_absolute_url())
    assert own.status_code == 200 and drafts["alice"].title in own.content.decode()
    for other in (drafts["bob"], drafts["editor"]):
        response = alice.get(other.get_absolute_url())
        assert response.status_code == 404
        assert other.title not in response.content.decode()


def test_an_editor_previews_every_unpublished_article(team):
    editor = logged_in(team["editor"])
    for draft in team["drafts"].values():
        assert editor.get(draft.get_absolute_url()).status_code == 200


def test_view_on_site_gives_a_writer_no_address_of_anothers_draft(team):
    alice = logged_in(team["alice"])
    drafts = team["drafts"]

    assert alice.get(view_on_site(drafts["alice"])).status_code == 302
    for other in (drafts["bob"], drafts["editor"]):
        response = alice.get(view_on_site(other))
        assert response.status_code == 404
        assert other.slug not in response.get("Location", "")
    # An editor is led to any article's address.
    editor = logged_in(team["editor"])
    response = editor.get(view_on_site(drafts["bob"]))
    assert response.status_code == 302 and response["Location"].endswith(
        drafts["bob"].get_absolute_url()
    )


def test_view_on_site_of_a_missing_object_is_not_found(team):
    editor = logged_in(team["editor"])
    content_type = ContentType.objects.get_for_model(Article)
    assert editor.get(f"/admin/r/{content_type.pk}/999999/").status_code == 404
    assert editor.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404
    assert editor.get("/admin/r/999999/1/").status_code == 404


def test_a_forged_read_also_target_is_refused_and_its_title_never_shown(team):
    alice = logged_in(team["alice"])
    section = make_section()
    public = make_article(title="مقال منشور يمكن اقتراحه")
    forged = team["drafts"]["bob"]

    def post(target):
        data = with_rows(
            article_form(section, status="draft"),
            "read_also_links",
            [{"target": str(target.pk), "position": "1"}],
        )
        return alice.post(reverse("admin:articles_article_add"), data)

    response = post(forged)
    assert response.status_code == 200  # the form again, with the error
    assert forged.title not in response.content.decode()
    assert not ReadAlso.objects.filter(target=forged).exists()

    assert post(public).status_code == 302
    assert ReadAlso.objects.filter(target=public).exists()


def test_a_writers_read_also_autocomplete_offers_public_articles_and_their_own(team):
    alice = logged_in(team["alice"])
    public = make_article(title="مقال منشور عن سورية")
    response = alice.get(
        reverse("admin:autocomplete"),
        {
            "term": "",
            "app_label": "articles",
            "model_name": "readalso",
            "field_name": "target",
        },
    )
    offered = {item["text"] for item in response.json()["results"]}
    assert {public.title, team["drafts"]["alice"].title} <= offered
    assert not offered & {team["drafts"]["bob"].title, team["drafts"]["editor"].title}


def test_a_tag_has_a_page_and_feeds_only_while_it_has_a_public_article(client, team):
    tag = make_tag(name="وسم كتبه كاتب", name_en="A writers tag")
    draft = team["drafts"]["alice"]
    draft.tags.add(tag)
    urls = [
        reverse("articles:tag", args=[tag.slug]),
        reverse("articles:tag_feed", args=[tag.slug]),
        reverse("articles:tag_feed_atom", args=[tag.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url

    draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()
    for url in urls:
        assert client.get(url).status_code == 200, url
    # The English edition has no article with that tag yet (no English title): no page.
    english = "/en" + urls[0]
    assert client.get(english).status_code == 404
    draft.title_en = "Alice's paper"
    draft.save()
    assert client.get(english).status_code == 200
