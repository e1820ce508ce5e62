"""An author's page: who they are, then their published articles."""

import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from authors.models import Author
from core.site import site_name
from tests.helpers.factories import jpeg_file, make_article, make_author
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db


def get(client, url, data=None, status=200):
    response = client.get(url, data)
    assert response.status_code == status, (url, data, response.status_code)
    return HtmlPage(response)


def card_titles(page):
    return [h.text for h in page.find_all(class_="card__title")]


class TestWhoTheyAre:
    def test_name_role_bio_and_contacts(self, client):
        author = make_author(
            name="ريم الحسن",
            role="باحثة في الشؤون الأمنية",
            bio="تعمل على ملفات الأمن.\nلها دراسات عن الحدود.",
            website="https://example.org/reem",
            x_handle="reem_h",
            email="reem@example.org",
        )

        page = get(client, author.get_absolute_url())

        card = page.find("header", class_="author-page")
        assert page.find("h1", within=card).text == "ريم الحسن"
        assert page.find("p", class_="author-card__role", within=card).text == (
            "باحثة في الشؤون الأمنية"
        )
        assert "تعمل على ملفات الأمن.<br>لها دراسات عن الحدود." in page.html
        links = {a.get("href"): a.text for a in page.find_all("a", within=card)}
        assert links == {
            "https://example.org/reem": "الموقع الإلكتروني",
            "https://x.com/reem_h": "@reem_h",
            "mailto:reem@example.org": "reem@example.org",
        }
        assert page.find("title").text == f"ريم الحسن – {site_name()}"
        assert page.meta("description") == ["باحثة في الشؤون الأمنية"]

    def test_bio_is_text_not_markup(self, client):
        author = make_author(bio='<script>alert(1)</script> <a href="https://evil.example">x</a>')

        page = get(client, author.get_absolute_url())

        assert "<script>alert(1)" not in page.html
        assert not page.find_all("a", href="https://evil.example")

    def test_photo_when_set(self, client):
        author = make_author()
        author.photo.save("portrait.jpg", jpeg_file(300, 300, "portrait.jpg"), save=True)

        page = get(client, author.get_absolute_url())

        image = page.find("img", within=page.find("header", class_="author-page"))
        assert image.get("src") == author.photo.url
        assert image.get("src").startswith("/media/authors/")

    def test_no_photo_no_image(self, client):
        author = make_author(role="محرر")

        page = get(client, author.get_absolute_url())

        assert not page.find_all("img", within=page.find("header", class_="author-page"))
        assert page.meta("description") == ["محرر"]

    def test_without_role_the_description_is_the_name(self, client):
        author = make_author(name="سامر النجار")

        page = get(client, author.get_absolute_url())

        assert page.meta("description") == ["سامر النجار"]
        assert not page.find_all(class_="author-card__role")

    def test_arabic_slug_raw_and_percent_encoded(self, client):
        author = make_author(name="أنس قاسم المرفوع")
        assert author.slug == "أنس-قاسم-المرفوع"

        raw = get(client, f"/authors/{author.slug}/")
        encoded = get(client, f"/authors/{quote(author.slug)}/")

        assert raw.find("h1").text == encoded.find("h1").text == "أنس قاسم المرفوع"


class TestTheirArticles:
    def test_only_their_published_articles_newest_first(self, client):
        author, colleague = make_author(name="هبة سالم"), make_author(name="علي زيدان")
        now = timezone.now()
        older = make_article(title="مقال قديم", authors=[author], when=now - timedelta(days=9))
        shared = make_article(
            title="مقال مشترك", authors=[colleague, author], when=now - timedelta(days=1)
        )
        make_article(title="مسودة", authors=[author], published=False)
        make_article(title="قيد المراجعة", authors=[author], status=Article.Status.REVIEW)
        make_article(title="مجدول", authors=[author], when=now + timedelta(days=1))
        make_article(title="مقال الزميل وحده", authors=[colleague])

        page = get(client, author.get_absolute_url())

        assert card_titles(page) == [shared.title, older.title]
        for hidden in ("مسودة", "قيد المراجعة", "مجدول", "مقال الزميل وحده"):
            assert hidden not in page.html
        # A shared article names every author, in the article's order.
        bylines = page.find_all("span", class_="byline")
        assert bylines[0].text == "علي زيدان، هبة سالم"

    def test_no_articles_yet(self, client):
        author = make_author()
        make_article(authors=[author], published=False)

        page = get(client, author.get_absolute_url())

        assert card_titles(page) == []
        assert "لا مقالات منشورة بعد." in page.html

    def test_desk_author_from_the_seeds(self, client):
        call_command("import_seeds", stdout=io.StringIO())
        desk = Author.objects.get(name_ar="إدارة الموقع")
        person = Author.objects.get(name_ar="أنس قاسم المرفوع")
        assert desk.is_desk and not person.is_desk

        desk_page = get(client, desk.get_absolute_url())
        person_page = get(client, person.get_absolute_url())

        assert desk_page.find("h1").text == "إدارة الموقع"
        # The seeds' read-also entries are summaries only: on no author's list.
        assert card_titles(desk_page) == [
            "انضمام سورية إلى التحالف الدولي ضد داعش",
            "تحول تاريخي: سوريا تنضم إلى التحالف الدولي ضد داعش.. ما الدلالات؟",
        ]
        assert card_titles(person_page) == []
        assert person_page.find("h1").text == "أنس قاسم المرفوع"

    def test_pagination(self, client):
        author = make_author()
        start = timezone.now() - timedelta(hours=1)
        for i in range(12):
            make_article(title=f"مقال {i}", authors=[author], when=start - timedelta(hours=i))

        first = get(client, author.get_absolute_url())
        second = get(client, author.get_absolute_url(), {"page": 2})

        assert card_titles(first) == [f"مقال {i}" for i in range(10)]
        assert first.find("a", rel="next").get("href") == "?page=2"
        assert first.find("span", aria_current="page").text == "صفحة 1 من 2"
        assert card_titles(second) == ["مقال 10", "مقال 11"]
        assert second.find("a", rel="prev").get("href") == "?page=1"
        assert not second.find_all("a", rel="next")

    @pytest.mark.parametrize("number", ["3", "0", "-1", "abc", "99999"])
    def test_a_page_that_does_not_exist_is_not_found(self, client, number):
        author = make_author()
        make_article(authors=[author])

        page = get(client, author.get_absolute_url(), {"page": number}, status=404)

        assert page.find("h1").text == "الصفحة غير موجودة"


def test_unknown_author_is_not_found(client):
    make_author(name="كاتب موجود")

    page = get(client, "/authors/كاتب-غير-موجود/", status=404)

    assert page.find("h1").text == "الصفحة غير موجودة"
    assert '<html lang="ar" dir="rtl">' in page.html
