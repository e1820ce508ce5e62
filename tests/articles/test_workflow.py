"""The editorial workflow: who may publish, preview of unpublished work, old addresses."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import article_save
from tests.helpers.admin import ADMINISTRATORS, EDITORS, WRITERS, article_form, member_of
from tests.helpers.factories import make_article, make_section

pytestmark = pytest.mark.django_db


class TestRoles:
    def test_the_three_groups_exist_with_the_right_powers(self):
        writer = member_of(WRITERS, "w")
        editor = member_of(EDITORS, "e")
        administrator = member_of(ADMINISTRATORS, "a")

        assert writer.has_perm("articles.add_article")
        assert not writer.has_perm("articles.publish_article")
        assert not writer.has_perm("articles.delete_article")
        assert editor.has_perm("articles.publish_article")
        assert editor.has_perm("articles.delete_article")
        assert not editor.has_perm("auth.change_user")
        assert administrator.has_perm("auth.change_user")
        assert administrator.has_perm("articles.publish_article")

    def test_a_writer_saves_a_draft_and_submits_it_for_review(self, client, writer):
        section = make_section()
        response = client.post(
            reverse("admin:articles_article_add"),
            article_form(section, status="draft", published_at_0="", published_at_1=""),
        )
        assert response.status_code == 302
        article = Article.objects.get()
        assert article.created_by == writer

        data = article_form(
            section,
            editing=article,
            title_ar=article.title_ar,
            slug_ar=article.slug_ar,
            status="review",
            published_at_0="",
            published_at_1="",
        )
        response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
        assert response.status_code == 302
        assert Article.objects.get().status == Article.Status.REVIEW

    def test_a_writer_forging_published_is_refused_by_the_server(self, client, writer):
        response = client.post(
            reverse("admin:articles_article_add"), article_form(make_section(), status="published")
        )

        assert response.status_code == 200
        assert "status" in response.context["adminform"].form.errors
        assert not Article.objects.exists()

    def test_the_writers_form_offers_no_publish_choice(self, client, writer):
        html = client.get(reverse("admin:articles_article_add")).content.decode()

        assert 'value="review"' in html
        assert 'value="published"' not in html

    def test_a_writer_sees_only_their_own_articles(self, client, writer):
        own = make_article(title="مسودتي", published=False, created_by=writer)
        other = make_article(title="مسودة زميل", published=False)

        html = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "مسودتي" in html and "مسودة زميل" not in html
        other_url = reverse("admin:articles_article_change", args=[other.pk])
        assert client.get(other_url).status_code == 302  # the admin's "not found" redirect
        assert (
            client.get(reverse("admin:articles_article_change", args=[own.pk])).status_code == 200
        )

    def test_a_writer_cannot_change_a_published_article(self, client, writer):
        article = make_article(title="منشور", created_by=writer)
        data = article_form(
            article.section,
            editing=article,
            title_ar="عنوان مزور",
            slug_ar=article.slug_ar,
            status="draft",
        )

        response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

        assert response.status_code == 403
        assert Article.objects.get().title_ar == "منشور"

    def test_an_editor_publishes_and_unpublishes(self, client, editor):
        article = make_article(published=False, status=Article.Status.REVIEW)
        url = reverse("admin:articles_article_change", args=[article.pk])
        fields = {"title_ar": article.title_ar, "slug_ar": article.slug_ar}

        data = article_form(article.section, editing=article, **fields)
        assert client.post(url, data).status_code == 302
        assert Article.objects.get().is_public

        data = article_form(article.section, editing=article, status="draft", **fields)
        assert client.post(url, data).status_code == 302
        assert not Article.objects.published().exists()


class TestPreview:
    @pytest.mark.parametrize("status", ["draft", "review"])
    def test_staff_see_an_unpublished_article_under_a_banner(self, client, editor, status):
        article = make_article(title="مسودة قيد الإعداد", published=False, status=status)

        response = client.get(article.get_absolute_url())

        html = response.content.decode()
        assert response.status_code == 200
        assert "معاينة — غير منشور" in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"

    def test_a_scheduled_article_says_when(self, client, editor):
        article = make_article(when=timezone.now() + timedelta(days=2))

        html = client.get(article.get_absolute_url()).content.decode()

        assert "معاينة — غير منشور" in html and "مجدول للنشر في" in html

    def test_anonymous_readers_get_404(self, client):
        draft = make_article(published=False)
        scheduled = make_article(when=timezone.now() + timedelta(days=2))

        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    def test_published_articles_have_no_banner_and_may_be_cached(self, client, editor):
        article = make_article()

        response = client.get(article.get_absolute_url())

        assert "معاينة" not in response.content.decode()
        assert "no-store" not in response.get("Cache-Control", "")


class TestOldAddresses:
    def test_a_published_articles_old_slug_redirects_to_the_new_one(self, client):
        article = make_article(title="عنوان أول")
        old_url = article.get_absolute_url()

        article.slug_ar = "عنوان-جديد"
        article_save(article=article)

        response = client.get(old_url)
        assert response.status_code == 301
        assert unquote(response["Location"]) == "/articles/عنوان-جديد/"

    def test_in_english_too(self, client):
        article = make_article(title_ar="عنوان", title_en="First Title")
        article.slug_en = "better-title"
        article_save(article=article)

        response = client.get("/en/articles/first-title/")
        assert response.status_code == 301
        assert response["Location"] == "/en/articles/better-title/"

    def test_going_back_to_an_old_slug_makes_it_live_again(self, client):
        article = make_article(title="أ")
        first = article.slug_ar
        article.slug_ar = "ب"
        article_save(article=article)
        article.slug_ar = first
        article_save(article=article)

        assert client.get(article.get_absolute_url()).status_code == 200
        assert client.get("/articles/ب/").status_code == 301

    def test_drafts_leave_no_old_addresses(self, client):
        article = make_article(title="مسودة", published=False)
        old_url = article.get_absolute_url()
        article.slug_ar = "مسودة-معدلة"
        article_save(article=article)

        assert not article.old_urls.exists()
        assert client.get(old_url).status_code == 404

    def test_an_unpublished_article_does_not_leak_through_its_old_address(self, client):
        article = make_article(title="كان منشورا")
        old_url = article.get_absolute_url()
        article.slug_ar = "جديد"
        article_save(article=article)
        article.status = Article.Status.DRAFT
        article_save(article=article)

        assert client.get(old_url).status_code == 404
