"""The page cache: readers get pages without a database query, and never a stale one.

Every test reads pages as an anonymous visitor (``client``), lets an editor change
something, and reads again: the change must show on the very next request.
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles import pagecache
from articles.models import Article, PageStamp
from tests.helpers.admin import browser_form
from tests.helpers.factories import (
    make_article,
    make_author,
    make_read_also,
    make_reference,
    make_section,
)
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    section = make_section(name="قسم التحليلات")
    author = make_author(name="سلمى الحسن")
    article = make_article(
        title="قراءة في اقتصاد الحرب",
        section=section,
        authors=[author],
        tags=["اقتصاد"],
        body="<p>نص[1].</p>",
    )
    make_reference(article, 1, title="تقرير البنك الدولي")
    other = make_article(title="مقال مقترح للقراءة", section=make_section())
    make_read_also(article, other, 1)
    return article


def pages_showing(article):
    """Every public page that shows the article, in the Arabic edition."""
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.tags.first().get_absolute_url(),
        article.authorships.first().author.get_absolute_url(),
        "/feed/",
        "/feed/atom/",
        f"/archive/{timezone.localtime(article.published_at):%Y/%-m}/",
    ]


def cached(client, url):
    """Read ``url`` twice; the second answer must come from the cache."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Cache"] == "hit", url
    return response


def text(response):
    return response.content.decode()


class TestHits:
    def test_a_second_visit_costs_one_query_and_gets_the_same_page(
        self, client, world, django_assert_num_queries
    ):
        for url in pages_showing(world):
            first = client.get(url)
            with django_assert_num_queries(1):  # the site's stamp, the database's word
                second = client.get(url)
            assert second.status_code == 200
            assert second["X-Cache"] == "hit"
            assert second.content == first.content
            assert second["Content-Type"] == first["Content-Type"]

    def test_the_two_editions_are_kept_apart(self, client, world):
        world.title_en = "War economy"
        world.save()
        arabic = cached(client, world.get_absolute_url())
        english = cached(client, "/en/")

        assert 'lang="ar"' in text(arabic)
        assert 'lang="en"' in text(english)
        assert "War economy" in text(english)

    def test_each_search_has_its_own_page(self, client, world):
        economy = cached(client, "/search/?q=اقتصاد")
        nothing = cached(client, "/search/?q=بطريق")

        assert len(HtmlPage(economy).find_all("h2", class_="card__title")) == 1
        assert not HtmlPage(nothing).find_all("h2", class_="card__title")


class TestNeverStale:
    def test_an_edited_title_shows_everywhere_on_the_next_request(self, client, world):
        for url in pages_showing(world):
            cached(client, url)

        world.title = "عنوان جديد بعد التحرير"
        world.save()

        for url in pages_showing(world):
            response = client.get(url)
            assert response["X-Cache"] == "miss", url
            assert "عنوان جديد بعد التحرير" in text(response), url

    def test_an_author_renamed(self, client, world):
        cached(client, world.get_absolute_url())
        author = world.authorships.first().author
        author.name = "سلمى الحسن العلي"
        author.save()

        assert "سلمى الحسن العلي" in text(client.get(world.get_absolute_url()))

    def test_a_section_renamed_shows_in_every_menu(self, client, world):
        cached(client, "/")
        section = world.section
        section.name = "تحليلات معمّقة"
        section.save()

        assert "تحليلات معمّقة" in text(client.get("/"))

    def test_a_reference_added_and_one_removed(self, client, world):
        cached(client, world.get_absolute_url())
        make_reference(world, 2, title="دراسة المعهد الملكي")
        world.references.get(number=1).delete()

        page = text(client.get(world.get_absolute_url()))
        assert "دراسة المعهد الملكي" in page
        assert "تقرير البنك الدولي" not in page

    def test_read_also_changed(self, client, world):
        cached(client, world.get_absolute_url())
        world.read_also_links.all().delete()
        make_read_also(world, make_article(title="اختيار المحرر الجديد"), 1)

        page = text(client.get(world.get_absolute_url()))
        assert "اختيار المحرر الجديد" in page
        assert "مقال مقترح للقراءة" not in page

    def test_tags_changed(self, client, world):
        cached(client, world.get_absolute_url())
        world.tags.set(["زراعة"])

        page = text(client.get(world.get_absolute_url()))
        assert "زراعة" in page
        assert (
            "اقتصاد"
            not in HtmlPage(client.get(world.get_absolute_url())).find("ul", class_="tags").text
        )

    def test_unpublished_is_gone_at_once(self, client, world):
        cached(client, world.get_absolute_url())
        cached(client, "/")
        world.status = Article.Status.DRAFT
        world.save()

        assert client.get(world.get_absolute_url()).status_code == 404
        assert world.title not in text(client.get("/"))

    def test_a_new_article_is_in_the_sitemap_and_feeds_at_once(self, client, world):
        cached(client, "/sitemap-articles.xml")
        cached(client, "/feed/atom/")
        new = make_article(title="مقال نشر للتو", slug="مقال-نشر-للتو")

        assert "%D9%85%D9%82%D8%A7%D9%84-%D9%86%D8%B4%D8%B1" in text(
            client.get("/sitemap-articles.xml")
        )
        assert new.title in text(client.get("/feed/atom/"))

    def test_a_deleted_article(self, client, world):
        url = world.get_absolute_url()
        cached(client, url)
        world.delete()

        assert client.get(url).status_code == 404

    def test_a_change_saved_in_the_admin(self, client, world, superuser_client):
        cached(client, world.get_absolute_url())
        editor = superuser_client
        author = world.authorships.first().author
        change = reverse("admin:authors_author_change", args=[author.pk])
        form = browser_form(editor.get(change))
        form["name_ar"] = "اسم صححه المحرر"
        response = editor.post(change, form)
        assert response.status_code == 302, response.content.decode()[:2000]

        assert "اسم صححه المحرر" in text(client.get(world.get_absolute_url()))


class TestScheduled:
    def test_a_scheduled_article_appears_at_its_time_on_cached_pages(
        self, client, world, time_machine
    ):
        due = timezone.now() + timedelta(seconds=1.5)
        scheduled = make_article(title="مقال مجدول للنشر", when=due)
        assert scheduled.title not in text(cached(client, "/"))
        assert scheduled.title not in text(cached(client, "/feed/"))

        # Past its time, without waiting for it: the clock moves (and ticks on from there).
        time_machine.move_to(due + timedelta(seconds=0.1))

        assert scheduled.title in text(client.get("/"))
        assert scheduled.title in text(client.get("/feed/"))
        assert client.get(scheduled.get_absolute_url()).status_code == 200


class TestWhatIsNeverCached:
    def test_signed_in_editors_are_not_served_from_the_cache(self, client, world):
        cached(client, world.get_absolute_url())
        client.force_login(get_user_model().objects.create_superuser("e", password="x-unused-1"))

        response = client.get(world.get_absolute_url())

        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]

    def test_a_preview_never_reaches_readers(self, world, superuser_client):
        draft = make_article(title="مسودة لم تنشر", published=False)
        editor = superuser_client
        assert editor.get(draft.get_absolute_url()).status_code == 200

        assert Client().get(draft.get_absolute_url()).status_code == 404

    def test_not_found_is_not_kept(self, client, world):
        missing = f"/articles/{'مقال-لم-يكتب'}/"
        assert client.get(missing).status_code == 404
        assert client.get(missing).status_code == 404

        article = make_article(title="مقال لم يكتب", slug="مقال-لم-يكتب")
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_posts_and_cookies_are_not_stored(self, client, world):
        response = client.get("/search/?q=اقتصاد")
        assert response["X-Cache"] == "miss"
        assert not response.cookies
        post = client.post("/search/?q=اقتصاد")
        assert "X-Cache" not in post


class TestConditionalGet:
    def test_etag_gets_304_without_rendering(self, client, world, django_assert_num_queries):
        for url in pages_showing(world):
            first = client.get(url)
            assert first.has_header("ETag") and first.has_header("Last-Modified"), url

            with django_assert_num_queries(1):  # the stamp
                again = client.get(url, headers={"if-none-match": first["ETag"]})

            assert again.status_code == 304, url
            assert again.content == b""
            assert again["ETag"] == first["ETag"]

    def test_if_modified_since(self, client, world):
        url = world.get_absolute_url()
        first = client.get(url)

        later = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert later.status_code == 304
        earlier = http_date(time.time() - 86400 * 365 * 10)
        assert client.get(url, headers={"if-modified-since": earlier}).status_code == 200

    def test_a_changed_page_is_sent_again(self, client, world):
        url = world.get_absolute_url()
        first = client.get(url)
        world.title = "عنوان تغيّر"
        world.save()

        response = client.get(url, headers={"if-none-match": first["ETag"]})

        assert response.status_code == 200
        assert "عنوان تغيّر" in text(response)

    def test_the_first_conditional_request_is_stored_whole(self, client, world):
        """A cache miss that ends in a 304 still keeps the full page for the next reader."""
        url = world.get_absolute_url()
        etag = client.get(url)["ETag"]
        pagecache.new_stamp()

        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        full = client.get(url)
        assert full.status_code == 200
        assert full["X-Cache"] == "hit"
        assert world.title in text(full)

    def test_proxies_may_store_pages_but_must_revalidate(self, client, world):
        response = client.get(world.get_absolute_url())

        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "must-revalidate"} <= directives


def test_a_save_of_many_rows_writes_the_stamp_once():
    # (A new section writes it once more: the section menu's token changes with it.)
    author, section = make_author(), make_section()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        article = make_article(title="مقال بعشرين مرجعاً", authors=[author], section=section)
        for number in range(1, 21):
            make_reference(article, number)

    writes = [q for q in queries if q["sql"].startswith("UPDATE") and "pagestamp" in q["sql"]]
    assert len(writes) == 1
    assert PageStamp.objects.get().token != ""


def test_a_rolled_back_change_leaves_the_stamp_and_the_next_one_writes_it():
    before = pagecache.new_stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(title="مقال لم يُحفظ")
        raise RuntimeError
    assert PageStamp.objects.get().token == before
    with transaction.atomic():
        make_article(title="مقال حُفظ")
    assert PageStamp.objects.get().token != before
