from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Authorship, ReadAlso, Reference, Tag
from tests.helpers.factories import (
    make_article,
    make_author,
    make_read_also,
    make_reference,
    make_section,
)

pytestmark = pytest.mark.django_db


def breaks_constraint(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


class TestPublished:
    def test_yesterday_now_and_tomorrow(self):
        now = timezone.now()
        yesterday = make_article(when=now - timedelta(days=1))
        just_now = make_article(when=now - timedelta(seconds=1))
        tomorrow = make_article(when=now + timedelta(days=1))

        public = set(Article.objects.published())

        assert public == {yesterday, just_now}
        assert set(Article.objects.scheduled()) == {tomorrow}
        assert tomorrow.is_scheduled and not tomorrow.is_public

    @pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
    def test_unpublished_statuses_stay_hidden_whatever_their_date(self, status):
        make_article(status=status, published_at=timezone.now() - timedelta(days=3))

        assert not Article.objects.published().exists()

    def test_publishing_without_a_time_publishes_now(self):
        article = make_article(published=False)
        article.status = Article.Status.PUBLISHED
        article.save()

        assert article.published_at <= timezone.now()
        assert article in Article.objects.published()

    def test_database_refuses_published_without_time(self):
        article = make_article(published=False)
        breaks_constraint(
            lambda: Article.objects.filter(pk=article.pk).update(
                status=Article.Status.PUBLISHED, published_at=None
            )
        )


class TestSlugs:
    def test_arabic_title_gives_arabic_slug(self):
        article = make_article(title="انضمام سورية إلى التحالف الدولي")

        assert article.slug == "انضمام-سورية-إلى-التحالف-الدولي"
        assert unquote(article.get_absolute_url()) == f"/articles/{article.slug}/"

    def test_same_title_gets_a_distinct_slug(self):
        first = make_article(title="عنوان واحد")
        second = make_article(title="عنوان واحد")

        assert first.slug != second.slug
        assert second.slug.startswith(first.slug)

    def test_english_slug_only_with_english_title(self):
        arabic_only = make_article(title="مقال عربي فقط")
        both = make_article(title_ar="مقال بلغتين", title_en="A Bilingual Article")

        assert arabic_only.slug_en is None
        assert both.slug_en == "a-bilingual-article"

    def test_slugs_are_unique_in_the_database(self):
        article = make_article()
        breaks_constraint(lambda: make_article(slug_ar=article.slug_ar))


class TestBodySanitizing:
    @pytest.mark.parametrize(
        "dirty",
        [
            "<p>نص<script>alert(1)</script></p>",
            '<p onclick="alert(1)">نص</p>',
            '<p><a href="javascript:alert(1)">نص</a></p>',
            "<p><img src=x onerror=alert(1)>نص</p>",
            '<p><iframe src="https://evil.example"></iframe>نص</p>',
            '<p style="background:url(javascript:alert(1))">نص</p>',
        ],
    )
    def test_orm_saves_are_sanitized_like_admin_saves(self, dirty):
        article = make_article(body=dirty)
        article.refresh_from_db()

        body = article.body.lower()
        for forbidden in ("<script", "onclick", "javascript:", "onerror", "<iframe", "style="):
            assert forbidden not in body
        assert "نص" in article.body

    def test_structure_survives(self):
        html = (
            "<h2>مقدمة</h2><p><strong>مهم</strong> و<em>مائل</em>[1]</p>"
            "<ol><li><p>أول</p></li></ol><ul><li>نقطة</li></ul>"
            '<blockquote><p>اقتباس</p></blockquote><p><a href="https://example.org/">رابط</a></p>'
        )
        article = make_article(body=html)
        article.refresh_from_db()

        for kept in ("<h2>", "<strong>", "<em>", "<ol>", "<ul>", "<blockquote>", "[1]"):
            assert kept in article.body
        assert 'href="https://example.org/"' in article.body
        assert 'rel="noopener noreferrer"' in article.body

    def test_english_body_is_sanitized_too(self):
        article = make_article(body_en="<p>Text<script>x()</script></p>")
        article.refresh_from_db()

        assert article.body_en == "<p>Text</p>"


class TestConstraints:
    def test_reference_numbers_are_unique_per_article(self):
        article = make_article()
        make_reference(article, 1)

        breaks_constraint(lambda: make_reference(article, 1))
        # The same number in another article is fine.
        make_reference(make_article(), 1)

    def test_reference_numbers_start_at_one(self):
        article = make_article()
        breaks_constraint(lambda: Reference.objects.create(article=article, number=0, title="x"))

    def test_an_article_never_reads_also_itself(self):
        article = make_article()
        breaks_constraint(lambda: ReadAlso.objects.create(article=article, target=article))

    def test_read_also_target_once_per_article(self):
        article, other = make_article(), make_article()
        make_read_also(article, other)
        breaks_constraint(lambda: make_read_also(article, other, position=2))

    def test_an_author_once_per_article(self):
        author = make_author()
        article = make_article(authors=[author])
        breaks_constraint(
            lambda: Authorship.objects.create(article=article, author=author, position=2)
        )

    def test_tag_slug_unique(self):
        Tag.objects.create(name="سورية")
        breaks_constraint(lambda: Tag.objects.create(name="سوريه", slug="سورية"))


class TestAuthors:
    def test_authors_keep_their_order(self):
        first, second, third = make_author(), make_author(), make_author()
        article = make_article(authors=[third, first, second])

        names = [a.author for a in article.authorships.order_by("position")]
        assert names == [third, first, second]

    def test_author_with_articles_cannot_be_deleted_by_accident(self):
        from django.db.models import ProtectedError

        author = make_author()
        make_article(authors=[author])
        with pytest.raises(ProtectedError):
            author.delete()

    def test_desk_and_person(self):
        desk = make_author(name="إدارة الموقع", kind="desk")
        assert desk.is_desk
        assert desk.slug == "إدارة-الموقع"
        assert not make_author().is_desk


class TestReferences:
    def test_arabic_and_english_citations(self):
        article = make_article()
        arabic = make_reference(
            article,
            1,
            authors="وزارة الداخلية السورية",
            title="بيان حول تفكيك خلايا داعش",
            publisher="موقع تلفزيون سورية",
            date_text="7 تشرين الثاني/نوفمبر 2025",
        )
        english = make_reference(
            article,
            2,
            authors="Lund, A.",
            date_text="2022",
            title="Local Security Orders in Post-War Syria",
            publisher="Carnegie Middle East Center",
        )

        assert arabic.is_arabic and not english.is_arabic
        assert arabic.citation_parts() == [
            "وزارة الداخلية السورية",
            "بيان حول تفكيك خلايا داعش",
            "موقع تلفزيون سورية",
            "7 تشرين الثاني/نوفمبر 2025",
        ]
        assert english.citation_parts() == [
            "Lund, A. (2022)",
            "Local Security Orders in Post-War Syria",
            "Carnegie Middle East Center",
        ]


class TestSections:
    def test_protected_while_it_has_articles(self):
        from django.db.models import ProtectedError

        section = make_section(name="تقدير موقف")
        make_article(section=section)
        assert section.slug == "تقدير-موقف"
        with pytest.raises(ProtectedError):
            section.delete()


def test_control_characters_pasted_into_text_are_dropped(client):
    author = make_author(name="كاتب\x00 جديد")
    article = make_article(
        title="عنوان\x08 فيه\x1b محارف تحكم", summary="ملخص\x00", authors=[author]
    )
    make_reference(article, 1, title="مرجع\x0c")
    article.refresh_from_db()

    assert article.title == "عنوان فيه محارف تحكم"
    assert article.summary == "ملخص"
    assert article.references.get().title == "مرجع"
    assert author.name == "كاتب جديد"
    # Feeds are XML, where these characters are not allowed at all.
    assert client.get("/feed/").status_code == 200
