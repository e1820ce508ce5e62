"""History of an article: every save kept, compared, restored and recovered, within the workflow."""

from urllib.parse import unquote

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, SlugRedirect, Tag
from authors.models import Author
from tests.helpers.admin import article_form, browser_form, with_rows
from tests.helpers.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_versions(article):
    """The article's versions, oldest first."""
    return list(Version.objects.get_for_object(article).order_by("pk"))


@pytest.fixture
def edited_article(client, editor):
    """Saved twice in the admin: first with one author, reference and two tags, then changed."""
    section = make_section()
    first_author, second_author = make_author(name="أحمد"), make_author(name="سلمى")
    data = article_form(section, title_ar="العنوان الأول", tags="سورية، داعش")
    data = with_rows(data, "authorships", [{"author": first_author.pk, "position": 1}])
    data = with_rows(
        data, "references", [{"number": 1, "title": "المرجع الأول", "url": "https://a.example"}]
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()

    data = browser_form(client.get(change_url(article)))
    data |= {"title_ar": "العنوان الثاني", "tags": "اقتصاد"}
    data["authorships-0-author"] = str(second_author.pk)
    data["references-0-DELETE"] = "on"
    data = with_rows(
        data,
        "references",
        [
            {"id": article.references.get().pk, "article": article.pk, "DELETE": "on"},
            {"number": 2, "title": "مرجع أضيف لاحقاً", "url": "https://b.example"},
        ],
        initial=1,
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


class TestHistory:
    def test_every_save_keeps_a_revision_with_its_relations(self, edited_article):
        first, second = history_versions(edited_article)
        kept = {v.content_type.model for v in first.revision.version_set.all()}

        assert kept == {"article", "authorship", "reference", "taggedarticle"}
        assert first.field_dict["title_ar"] == "العنوان الأول"
        assert second.field_dict["title_ar"] == "العنوان الثاني"

    def test_the_history_page_lists_the_saves_in_arabic(self, client, edited_article):
        response = client.get(reverse("admin:articles_article_history", args=[edited_article.pk]))

        html = response.content.decode()
        assert response.status_code == 200
        assert 'dir="rtl"' in html
        assert html.count('name="version_id2"') == 2
        assert "قارن" in html  # the compare button
        assert "editor" in html  # who saved

    def test_the_comparison_shows_what_changed(self, client, edited_article):
        first, second = history_versions(edited_article)
        url = reverse("admin:articles_article_compare", args=[edited_article.pk])

        response = client.get(url, {"version_id1": first.pk, "version_id2": second.pk})

        html = response.content.decode()
        assert response.status_code == 200
        assert "العنوان الأول" in html and "العنوان الثاني" in html
        assert "المرجع الأول" in html and "مرجع أضيف لاحقاً" in html
        assert "edit_version" not in html and "search_document" not in html


class TestRestore:
    def test_restoring_brings_back_the_article_with_its_relations(self, client, edited_article):
        first, _second = history_versions(edited_article)
        url = reverse("admin:articles_article_revision", args=[edited_article.pk, first.pk])

        page = client.get(url)
        assert page.status_code == 200
        # Only looking at an old revision changes nothing.
        assert Article.objects.get().title_ar == "العنوان الثاني"

        response = client.post(url, browser_form(page))

        assert response.status_code == 302
        article = Article.objects.get()
        assert article.title_ar == "العنوان الأول"
        assert [r.title for r in article.references.all()] == ["المرجع الأول"]
        assert [a.name for a in article.authors.all()] == ["أحمد"]
        assert sorted(t.name for t in article.tags.all()) == ["داعش", "سورية"]
        assert len(history_versions(article)) == 3  # the restore is itself in the history

        public = client.get(article.get_absolute_url())
        assert public.status_code == 200
        assert "العنوان الأول" in public.content.decode()
        assert "المرجع الأول" in public.content.decode()
        # The site search looks in the restored words, authors and tags.
        words = article.search_document_ar.split()
        assert {"اول", "احمد", "سوريه"} <= set(words) and "ثاني" not in words

    def test_the_old_address_of_a_restored_title_keeps_working(self, client, edited_article):
        first, second = history_versions(edited_article)
        assert first.field_dict["slug_ar"] == second.field_dict["slug_ar"]
        # Give the published article a new address, then restore the first revision.
        data = browser_form(client.get(change_url(edited_article)))
        data["slug_ar"] = "عنوان-جديد"
        assert client.post(change_url(edited_article), data).status_code == 302
        url = reverse("admin:articles_article_revision", args=[edited_article.pk, first.pk])

        assert client.post(url, browser_form(client.get(url))).status_code == 302

        article = Article.objects.get()
        assert article.slug_ar == first.field_dict["slug_ar"]
        assert client.get(article.get_absolute_url()).status_code == 200
        moved = client.get("/articles/عنوان-جديد/")
        assert moved.status_code == 301
        assert unquote(moved["Location"]) == unquote(article.get_absolute_url())
        assert not SlugRedirect.objects.filter(old_slug=article.slug_ar).exists()

    def test_a_deleted_article_is_recovered_with_its_relations(self, client, edited_article):
        delete_url = reverse("admin:articles_article_delete", args=[edited_article.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 302
        assert not Article.objects.exists()

        listing = client.get(reverse("admin:articles_article_recoverlist"))
        assert "العنوان الثاني" in listing.content.decode()
        deleted = Version.objects.get_deleted(Article).get()
        url = reverse("admin:articles_article_recover", args=[deleted.pk])
        response = client.post(url, browser_form(client.get(url)))

        assert response.status_code == 302
        article = Article.objects.get()
        assert article.title_ar == "العنوان الثاني"
        assert [r.title for r in article.references.all()] == ["مرجع أضيف لاحقاً"]
        assert [a.name for a in article.authors.all()] == ["سلمى"]
        assert client.get(article.get_absolute_url()).status_code == 200


class TestRestoreFollowsTheWorkflow:
    def writer_draft(self, client, writer, editor):
        """A writer's draft, saved by the writer, then published by an editor."""
        client.force_login(writer)
        data = article_form(make_section(), status="draft", published_at_0="", published_at_1="")
        assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get()
        client.force_login(editor)
        data = browser_form(client.get(change_url(article)))
        data |= {"status": "published", "published_at_0": "2025-11-03", "published_at_1": "04:54"}
        assert client.post(change_url(article), data).status_code == 302
        client.force_login(writer)
        return article

    def test_a_writer_cannot_restore_a_published_revision(self, client, editor, writer):
        article = self.writer_draft(client, writer, editor)
        _draft, published = history_versions(article)
        # Even after an editor takes it back to draft, the published revision stays out of reach.
        client.force_login(editor)
        data = browser_form(client.get(change_url(article)))
        assert client.post(change_url(article), data | {"status": "draft"}).status_code == 302
        client.force_login(writer)
        url = reverse("admin:articles_article_revision", args=[article.pk, published.pk])

        assert client.get(url).status_code == 403
        forged = article_form(article.section, editing=article, title_ar="مزور", status="published")
        assert client.post(url, forged).status_code == 403
        assert Article.objects.get().status == Article.Status.DRAFT
        assert Article.objects.get().title_ar != "مزور"

    def test_a_writer_cannot_unpublish_by_restoring_their_draft(self, client, editor, writer):
        article = self.writer_draft(client, writer, editor)
        draft, _published = history_versions(article)
        url = reverse("admin:articles_article_revision", args=[article.pk, draft.pk])

        assert client.get(url).status_code == 403
        data = article_form(
            article.section,
            editing=article,
            status="draft",
            published_at_0="",
            published_at_1="",
        )
        assert client.post(url, data).status_code == 403
        assert Article.objects.get().is_public

    def test_a_writer_cannot_touch_someone_elses_history(self, client, editor, writer):
        client.force_login(editor)  # both fixtures log ``client`` in: the editor writes this
        section = make_section()
        assert client.post(reverse("admin:articles_article_add"), article_form(section)).status_code
        article = Article.objects.get()
        data = browser_form(client.get(change_url(article)))
        assert client.post(change_url(article), data | {"title_ar": "ثانٍ"}).status_code == 302
        first, second = history_versions(article)
        client = Client()  # the writer's own browser: none of the editor's messages
        client.force_login(writer)

        revision = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
        compare = reverse("admin:articles_article_compare", args=[article.pk])
        history = reverse("admin:articles_article_history", args=[article.pk])
        assert client.get(revision).status_code in {403, 404}
        forged = article_form(section, editing=article)
        assert client.post(revision, forged).status_code in {403, 404}
        ids = {"version_id1": first.pk, "version_id2": second.pk}
        assert client.get(compare, ids).status_code == 404
        hidden = client.get(history)
        assert hidden.status_code == 302 and "ثانٍ" not in hidden.content.decode()

        Article.objects.get().delete()  # by an editor, say
        deleted = Version.objects.get_deleted(Article).get()
        listing = client.get(reverse("admin:articles_article_recoverlist"))
        assert "ثانٍ" not in listing.content.decode()
        recover = reverse("admin:articles_article_recover", args=[deleted.pk])
        assert client.get(recover).status_code == 403
        assert client.post(recover, article_form(section, status="draft")).status_code == 403
        assert not Article.objects.exists()

    def test_a_writer_restores_their_own_draft(self, client, writer):
        client.force_login(writer)
        data = article_form(
            make_section(), title_ar="مسودتي", status="draft", published_at_0="", published_at_1=""
        )
        assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get()
        data = browser_form(client.get(change_url(article)))
        assert client.post(change_url(article), data | {"title_ar": "تعديل"}).status_code == 302
        first, _second = history_versions(article)
        url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])

        page = client.get(url)
        assert 'value="published"' not in page.content.decode()
        forged = browser_form(page) | {"status": "published"}
        assert client.post(url, forged).status_code == 200  # refused: not a choice
        assert Article.objects.get().title_ar == "تعديل"

        assert client.post(url, browser_form(page)).status_code == 302
        assert Article.objects.get().title_ar == "مسودتي"

    def test_a_version_of_another_kind_of_object_is_not_restored(self, client, edited_article):
        section = edited_article.section
        client.post(
            reverse("admin:articles_section_change", args=[section.pk]),
            {"name_ar": "اسم", "name_en": "", "slug": section.slug, "genre": "news", "position": 0}
            | {"description_ar": "", "description_en": ""},
        )
        section_version = Version.objects.get_for_object(section).first()
        url = reverse(
            "admin:articles_article_revision", args=[edited_article.pk, section_version.pk]
        )

        assert client.get(url).status_code == 404


class TestRestoreAfterDeletions:
    """A revision pointing to authors, tags, suggested articles or a section deleted since."""

    @pytest.fixture
    def article_with_links(self, client, editor):
        """Saved first with an author, two tags and a suggestion, then without them."""
        section = make_section()
        suggested = make_article(title="مقال مقترح سيحذف")
        author = make_author(name="أحمد")
        data = article_form(section, title_ar="العنوان الأول", tags="سورية، داعش")
        data = with_rows(data, "authorships", [{"author": author.pk, "position": 1}])
        data = with_rows(data, "references", [{"number": 1, "title": "المرجع الأول"}])
        data = with_rows(data, "read_also_links", [{"target": suggested.pk, "position": 1}])
        assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get(title_ar="العنوان الأول")

        data = browser_form(client.get(change_url(article)))
        data |= {"title_ar": "العنوان الثاني", "tags": "سورية"}
        data["authorships-0-DELETE"] = "on"
        data["read_also_links-0-DELETE"] = "on"
        response = client.post(change_url(article), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        assert not article.authors.exists() and not article.read_also_links.exists()
        return article, suggested, author

    def test_restored_without_what_was_deleted_and_told_so(self, client, article_with_links):
        article, suggested, author = article_with_links
        first, _second = history_versions(article)
        suggested.delete()
        author.delete()
        Tag.objects.get(name="داعش").delete()
        url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])

        page = client.get(url)

        assert page.status_code == 200
        warning = " ".join(str(m) for m in page.context["messages"])
        for name in ("أحمد", "داعش", "مقال مقترح سيحذف"):
            assert name in warning and name in page.content.decode()
        assert "حُذف" in warning
        assert Article.objects.get(pk=article.pk).title_ar == "العنوان الثاني"  # only looked

        response = client.post(url, browser_form(page), follow=True)

        assert response.redirect_chain and response.status_code == 200
        told = " ".join(str(m) for m in response.context["messages"])
        assert "استُعيدت" in told and "أحمد" in told and "داعش" in told
        restored = Article.objects.get(pk=article.pk)
        assert restored.title_ar == "العنوان الأول"
        assert [r.title for r in restored.references.all()] == ["المرجع الأول"]
        assert [t.name for t in restored.tags.all()] == ["سورية"]
        assert not restored.authors.exists() and not restored.read_also_links.exists()
        connection.check_constraints()  # nothing left pointing at a deleted row
        latest = history_versions(restored)[-1]
        assert {v.content_type.model for v in latest.revision.version_set.all()} == {
            "article",
            "reference",
            "taggedarticle",
        }
        assert client.get(restored.get_absolute_url()).status_code == 200

    def test_a_deleted_article_comes_back_without_its_deleted_author(self, client, edited_article):
        edited_article.delete()
        Author.objects.get(name="سلمى").delete()  # no longer on any article
        deleted = Version.objects.get_deleted(Article).get()
        url = reverse("admin:articles_article_recover", args=[deleted.pk])

        page = client.get(url)
        assert page.status_code == 200 and "سلمى" in page.content.decode()
        response = client.post(url, browser_form(page), follow=True)

        assert "سلمى" in " ".join(str(m) for m in response.context["messages"])
        article = Article.objects.get()
        assert article.title_ar == "العنوان الثاني" and not article.authors.exists()
        assert [r.title for r in article.references.all()] == ["مرجع أضيف لاحقاً"]
        connection.check_constraints()

    def test_a_revision_whose_section_was_deleted_is_refused(self, client, edited_article):
        first, _second = history_versions(edited_article)
        old_section = edited_article.section
        data = browser_form(client.get(change_url(edited_article)))
        data["section"] = str(make_section(name="قسم جديد").pk)
        assert client.post(change_url(edited_article), data).status_code == 302
        old_section.delete()
        url = reverse("admin:articles_article_revision", args=[edited_article.pk, first.pk])

        for response in (client.get(url, follow=True), client.post(url, {}, follow=True)):
            assert response.status_code == 200
            assert response.redirect_chain[0][0] == reverse(
                "admin:articles_article_history", args=[edited_article.pk]
            )
            told = " ".join(str(m) for m in response.context["messages"])
            assert "لا يمكن استعادة هذه النسخة" in told and "لم يتغير شيء" in told

        article = Article.objects.get()
        assert article.title_ar == "العنوان الثاني" and article.section.name == "قسم جديد"
        assert len(history_versions(article)) == 3
