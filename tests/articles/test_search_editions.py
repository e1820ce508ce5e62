"""Each edition searches its own language's text; spellings an editor groups find each other.

Through the search pages and the admin, as readers and editors use them; the same on
SQLite and PostgreSQL.
"""

import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from articles import search
from articles.models import Article, SpellingGroup
from articles.models.content import SEARCH_TEXT_FIELDS
from articles.search import variants
from tests.helpers.admin import editor_client
from tests.helpers.factories import make_article, make_author, make_tag
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db

EDITIONS = {"ar": "/search/", "en": "/en/search/"}


def results(client, query, language="ar"):
    """The edition's search page for ``query``, and the titles it lists, best first."""
    response = client.get(EDITIONS[language], {"q": query})
    assert response.status_code == 200
    html = HtmlPage(response)
    return html, [h.text for h in html.find_all("h2", class_="card__title")]


def found(client, query, language="ar"):
    return results(client, query, language)[1]


def marks(html):
    return [m.text for m in html.find_all("mark")]


@pytest.fixture
def translated_news():
    """An Arabic news item whose English translation names a place its Arabic text does not."""
    return make_article(
        title_ar="وفد سوري في البحرين",
        summary_ar="زيارة رسمية تستمر يومين.",
        body_ar="<p>وصل الوفد إلى العاصمة البحرينية صباح اليوم.</p>",
        title_en="Syrian delegation in Bahrain",
        summary_en="An official two-day visit.",
        body_en="<p>The delegation arrived in Manama this morning.</p>",
    )


class TestEachEditionSearchesItsOwnText:
    def test_the_arabic_edition_finds_nothing_by_words_of_the_translation(
        self, client, translated_news
    ):
        html, titles = results(client, "Manama")

        assert titles == []
        assert html.find("p", role="status").text == "لا نتائج لـ«Manama»"

    def test_the_english_edition_finds_it_and_marks_the_word(self, client, translated_news):
        html, titles = results(client, "Manama", "en")

        assert titles == ["Syrian delegation in Bahrain"]
        assert marks(html) == ["Manama"]

    def test_the_english_edition_finds_nothing_by_words_of_the_arabic_text(
        self, client, translated_news
    ):
        assert found(client, "العاصمة", "en") == []
        assert found(client, "العاصمة") == ["وفد سوري في البحرين"]

    def test_authors_and_tags_by_their_names_in_the_edition_language(self, client):
        author = make_author(name_ar="سلمى الخطيب", name_en="Salma Khatib")
        tag = make_tag(name_ar="المياه", name_en="Water")
        make_article(
            title_ar="أزمة المياه", title_en="The water crisis", authors=[author], tags=[tag]
        )

        assert found(client, "الخطيب") == ["أزمة المياه"]
        assert found(client, "Khatib") == []
        assert found(client, "Khatib", "en") == ["The water crisis"]
        assert found(client, "الخطيب", "en") == []

    def test_articles_indexed_before_a_migration_are_found_after_it(self, client):
        """A migration that made the search texts anew leaves them empty; migrate rebuilds them."""
        make_article(title="ندوة عن الزراعة")
        Article.objects.update(**dict.fromkeys(SEARCH_TEXT_FIELDS, ""))
        assert found(client, "الزراعة") == []

        call_command("migrate", verbosity=0)

        assert found(client, "الزراعة") == ["ندوة عن الزراعة"]


# The groups migration 0011 ships, each spelling finding the others.
SHIPPED_PAIRS = [
    ("سورية", "سوريا"),
    ("أمريكا", "أميركا"),
    ("أمريكي", "أميركي"),
    ("أمريكية", "أميركية"),
    ("ترامب", "ترمب"),
    ("كردستان", "كوردستان"),
    ("أوروبا", "أوربا"),
]


class TestSpellingVariants:
    @pytest.mark.parametrize(
        ("written", "typed"), [*SHIPPED_PAIRS, *((b, a) for a, b in SHIPPED_PAIRS)]
    )
    def test_either_spelling_finds_the_other(self, client, written, typed):
        article = make_article(title="مقال الهدف", body=f"<p>كلمة {written} في النص.</p>")
        make_article(title="مقال آخر", body="<p>نص لا علاقة له بالموضوع.</p>")

        assert found(client, typed) == [article.title]

    @pytest.mark.parametrize(
        ("written", "typed"),
        [("وسوريا", "سورية"), ("لسورية", "سوريا"), ("بالسورية", "سوريا"), ("سورية", "لسوريا")],
    )
    def test_a_word_with_a_clitic_is_found_in_either_spelling(self, client, written, typed):
        article = make_article(title="مقال الهدف", body=f"<p>عاد الوفد {written} أمس.</p>")

        assert found(client, typed) == [article.title]

    def test_the_paper_spelling_is_marked_for_the_readers_spelling(self, client):
        make_article(
            title="مستقبل سورية السياسي",
            summary="قراءة في مستقبل سورية.",
            body="<p>يناقش التقرير الوضع في سورية وفي الجوار.</p>",
        )

        html, titles = results(client, "سوريا")

        assert titles == ["مستقبل سورية السياسي"]
        title = html.find("h2", class_="card__title")
        excerpt = html.find("p", class_="card__summary")
        assert [m.text for m in html.find_all("mark", within=title)] == ["سورية"]
        assert [m.text for m in html.find_all("mark", within=excerpt)] == ["سورية", "سورية"]

    def test_other_words_are_not_joined(self, client):
        make_article(title="العلاقات مع روسيا")

        assert found(client, "روسية") == []  # also "Russian": no shipped group joins them


class TestEditorsKeepTheList:
    def test_the_admin_lists_the_shipped_groups(self):
        page = editor_client("هالة").get(reverse("admin:articles_spellinggroup_changelist"))

        assert page.status_code == 200
        assert "سورية، سوريا" in page.content.decode()

    def test_a_group_added_in_the_admin_makes_an_article_findable(self, client):
        # Not «واشنطن، واشنطون»: stemming joins those two without a group.
        make_article(title="زيارة غوتيريس", body="<p>التقى الوفد غوتيريس.</p>")
        assert found(client, "غوتيريش") == []

        response = editor_client("هالة").post(
            reverse("admin:articles_spellinggroup_add"), {"spellings": "غوتيريش، غوتيريس"}
        )

        assert response.status_code == 302
        html, titles = results(client, "غوتيريش")
        assert titles == ["زيارة غوتيريس"]
        assert "غوتيريس" in marks(html)

    def test_a_changed_group_respells_the_articles_it_concerns(self, client):
        make_article(title="حوار في واشنطون")
        group = SpellingGroup.objects.create(spellings="واشنطن، واشنطون")
        assert found(client, "واشنطن") == ["حوار في واشنطون"]
        editor = editor_client("هالة")
        change = reverse("admin:articles_spellinggroup_change", args=[group.pk])

        response = editor.post(change, {"spellings": "واشنطن، وشنطن"})

        assert response.status_code == 302
        assert found(client, "واشنطن") == []
        assert found(client, "واشنطون") == ["حوار في واشنطون"]

    def test_a_deleted_group_no_longer_joins_its_spellings(self, client):
        make_article(title="مستقبل سورية")
        group = SpellingGroup.objects.get(spellings="سورية، سوريا")
        delete = reverse("admin:articles_spellinggroup_delete", args=[group.pk])

        response = editor_client("هالة").post(delete, {"post": "yes"})

        assert response.status_code == 302
        assert found(client, "سوريا") == []
        assert found(client, "سورية") == ["مستقبل سورية"]

    def test_only_the_articles_with_a_spelling_of_the_group_are_indexed_again(self, monkeypatch):
        """Found in the index, whatever the size of the archive: never every article."""
        concerned = [
            make_article(title="واشنطون والشرق الأوسط"),
            make_article(title="عاد من واشنطن", body="<p>وفي واشنطن قال…</p>"),
            make_article(title="مقال", body="<p>لواشنطون دور.</p>"),
        ]
        make_article(title="زيارة إلى موسكو")
        reindexed = []
        monkeypatch.setattr(search.signals, "reindex", lambda ids: reindexed.extend(ids))

        SpellingGroup.objects.create(spellings="واشنطن، واشنطون")

        assert sorted(reindexed) == sorted(article.pk for article in concerned)

    @pytest.mark.parametrize(
        ("spellings", "error"),
        [
            ("إسرائيل، اسرائيل", "البحث يعدّ «إسرائيل» و«اسرائيل» كلمة واحدة من قبل."),
            ("مستشفى، مستشفي", "البحث يعدّ «مستشفى» و«مستشفي» كلمة واحدة من قبل."),
            ("واشنطن", "اكتب تهجئتين للكلمة على الأقل."),
            (
                "الولايات المتحدة، أمريكا",
                "اكتب كلمة واحدة لكل تهجئة: «الولايات المتحدة» ليست كلمة واحدة.",
            ),
            ("أمريكا، امريكة", "«أمريكا» موجودة في مجموعة «أمريكا، أميركا» من قبل."),
        ],
    )
    def test_a_group_the_search_could_not_use_is_refused_with_a_reason(self, spellings, error):
        response = editor_client("هالة").post(
            reverse("admin:articles_spellinggroup_add"), {"spellings": spellings}
        )

        assert response.status_code == 200
        errors = HtmlPage(response).find_all("ul", class_="errorlist")
        assert error in " ".join(ul.text for ul in errors)
        assert not SpellingGroup.objects.filter(spellings=spellings).exists()


def test_a_change_made_by_another_process_is_read_at_the_next_search(
    django_assert_num_queries,
):
    """Each process keeps the table; a new version in the shared cache makes it read it again."""
    search.spelling_variants()
    with django_assert_num_queries(0):
        kept = search.spelling_variants()
    # Another process saved a group: here there is only its row, and (at its commit) the
    # new version it gave the table in the shared cache.
    SpellingGroup.objects.bulk_create([SpellingGroup(spellings="واشنطن، واشنطون")])
    assert search.spelling_variants() is kept

    cache.set(variants.VERSION_KEY, uuid.uuid4().hex)

    assert search.query_terms("واشنطون") == ["واشنطن"]
