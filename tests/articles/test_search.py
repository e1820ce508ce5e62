"""Arabic-aware site search, through the database (SQLite FTS5 or PostgreSQL alike).

Nothing here knows which database runs: the same tests pass on both.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import search
from articles.models import Article, Authorship
from core.arabic import normalize
from tests.helpers.factories import make_article, make_author
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db


def results(client, query, page=None, status=200):
    """The search page for ``query`` and the titles it lists, best first."""
    data = {"q": query}
    if page:
        data["page"] = page
    response = client.get("/search/", data)
    assert response.status_code == status, (query, response.status_code)
    html = HtmlPage(response)
    titles = [h.text for h in html.find_all("h2", class_="card__title")]
    return html, titles


def found(client, query):
    return results(client, query)[1]


class TestNormalizer:
    @pytest.mark.parametrize(
        ("text", "normalized"),
        [
            ("أمن إعلان آذار ٱلحق", "امن اعلان اذار الحق"),
            ("مستشفى", "مستشفي"),
            ("المدرسة", "المدرسه"),
            ("سُورِيَّة", "سوريه"),
            ("سوريــة", "سوريه"),
            ("Syria", "syria"),
        ],
    )
    def test_one_normalizer_for_text_and_queries(self, text, normalized):
        assert normalize(text) == normalized
        assert normalize(normalized) == normalized

    def test_query_terms_drop_the_article_and_repeat_nothing(self):
        assert search.query_terms("المدرسة مدرسة والمدرسة") == ["مدرسه"]
        assert search.query_terms("") == []
        assert search.query_terms("!!! ؟؟ ... «»") == []


class TestArabicMatching:
    @pytest.mark.parametrize(
        ("stored", "query"),
        [
            ("زار الوفد مستشفى المدينة", "مستشفى"),
            ("زار الوفد مستشفى المدينة", "مستشفي"),
            ("زار الوفد مستشفي المدينة", "مستشفى"),
            ("افتتحت المدرسة أبوابها", "المدرسة"),
            ("افتتحت المدرسة أبوابها", "المدرسه"),
            ("افتتحت المدرسة أبوابها", "مدرسة"),
            ("افتتحت المدرسة أبوابها", "والمدرسة"),
            ("مستقبل سورية السياسي", "سُورِيَّة"),
            ("مستقبل سورية السياسي", "سوريــة"),
            ("مستقبل سُورِيَّة السياسي", "سورية"),
            ("مستقبل سوريــة السياسي", "سورية"),
            ("تعزيز الأمن الإقليمي", "الامن"),
            ("إعلان وزارة الداخلية", "اعلان"),
            ("اتفاق آذار", "اذار"),
            ("Syria سورية 2025", "syria سورية 2025"),
        ],
    )
    def test_spelling_variants_find_the_article(self, client, stored, query):
        article = make_article(title="مقال الهدف", body=f"<p>{stored}.</p>")
        make_article(title="مقال آخر", body="<p>نص لا علاقة له بالموضوع.</p>")

        assert found(client, query) == [article.title]

    def test_every_word_must_match(self, client):
        make_article(title="الطاقة في سورية", body="<p>الكهرباء والنفط.</p>")
        make_article(title="الطاقة في العراق", body="<p>الكهرباء والغاز.</p>")

        assert found(client, "الطاقة سورية") == ["الطاقة في سورية"]
        assert sorted(found(client, "الكهرباء")) == ["الطاقة في العراق", "الطاقة في سورية"]

    def test_english_text_is_searched_in_the_english_edition_only(self, client):
        """More in test_search_editions.py."""
        make_article(title_ar="النفط السوري", title_en="Syrian oil", body_en="<p>Pipelines.</p>")

        english = HtmlPage(client.get("/en/search/", {"q": "pipelines"}))

        assert found(client, "pipelines") == []
        assert [h.text for h in english.find_all("h2", class_="card__title")] == ["Syrian oil"]


class TestRanking:
    def test_more_relevant_first(self, client):
        now = timezone.now()
        strong = make_article(
            title="الجفاف في سورية",
            summary="الجفاف يضرب الشمال.",
            body="<p>" + "الجفاف يهدد المحاصيل. " * 8 + "</p>",
            when=now - timedelta(days=10),
        )
        weak = make_article(
            title="تقرير زراعي",
            body="<p>تقرير عن المحاصيل يذكر الجفاف مرة واحدة بين مواضيع كثيرة أخرى.</p>",
            when=now - timedelta(hours=1),
        )

        assert found(client, "الجفاف") == [strong.title, weak.title]


class TestResultsPage:
    def test_pagination_keeps_the_query(self, client):
        start = timezone.now() - timedelta(hours=1)
        for i in range(12):
            make_article(title=f"المياه {i}", when=start - timedelta(hours=i))

        first, titles = results(client, "مياه")
        second, more = results(client, "مياه", page=2)

        assert len(titles) == 10
        assert len(more) == 2
        assert set(titles) | set(more) == {f"المياه {i}" for i in range(12)}
        assert first.find("p", role="status").text == "12 نتيجة لـ«مياه»"
        next_link = first.find("a", rel="next").get("href")
        assert next_link.startswith("?q=%D9%85%D9%8A%D8%A7%D9%87&")
        assert next_link.endswith("page=2")
        assert second.find("a", rel="prev").get("href").endswith("page=1")

    def test_counts_in_arabic(self, client):
        make_article(title="الكهرباء أولاً")
        make_article(title="الكهرباء ثانياً")

        assert results(client, "الكهرباء")[0].find("p", role="status").text == (
            "نتيجتان لـ«الكهرباء»"
        )
        assert results(client, "الغاز")[0].find("p", role="status").text == "لا نتائج لـ«الغاز»"

    def test_query_stays_in_the_search_box(self, client):
        html, _titles = results(client, "أمن الحدود")

        assert html.find("input", id="search-q").get("value") == "أمن الحدود"

    def test_empty_query_shows_just_the_form(self, client):
        make_article(title="مقال منشور")

        html, titles = results(client, "")

        assert titles == []
        assert not html.find_all("p", role="status")
        assert html.find("input", id="search-q").get("value") == ""


class TestHighlighting:
    def test_matched_words_are_marked(self, client):
        make_article(
            title="المدرسة الجديدة في حلب",
            summary="افتتاح مدرسة للبنات.",
            body="<p>نص عن التعليم.</p>",
        )

        html, _titles = results(client, "مدرسة")

        title = html.find("h2", class_="card__title")
        assert [m.text for m in html.find_all("mark", within=title)] == ["المدرسة"]
        excerpt = html.find("p", class_="card__summary")
        assert [m.text for m in html.find_all("mark", within=excerpt)] == ["مدرسة"]

    def test_variants_are_marked_as_written(self, client):
        make_article(title="زيارة إلى مستشفى حمص", body="<p>نص.</p>")

        html, _titles = results(client, "مستشفي")

        assert [m.text for m in html.find_all("mark")] == ["مستشفى"]

    def test_vocalised_word_is_marked_whole(self, client):
        make_article(title="مستقبل سُورِيَّة", body="<p>نص.</p>")

        html, titles = results(client, "سورية")

        assert titles == ["مستقبل سُورِيَّة"]
        title = html.find("h2", class_="card__title")
        assert [m.text for m in html.find_all("mark", within=title)] == ["سُورِيَّة"]

    def test_highlighting_escapes_html(self, client):
        make_article(
            title='<b onmouseover="x()">مدرسة</b> & «تعليم»',
            summary="<i>مدرسة</i> ثانية",
            body="<p>نص.</p>",
        )

        html, _titles = results(client, "مدرسة")

        title = html.find("h2", class_="card__title")
        assert title.text == '<b onmouseover="x()">مدرسة</b> & «تعليم»'
        assert [m.text for m in html.find_all("mark", within=title)] == ["مدرسة"]
        assert not html.find_all("b")
        assert not html.find_all("i")
        assert "&lt;b onmouseover=&quot;x()&quot;&gt;<mark>مدرسة</mark>&lt;/b&gt; &amp;" in (
            html.html
        )

    def test_excerpt_shows_the_body_text_as_written(self, client):
        """The body is stored as HTML («&amp;»); the reader must see «&», not «&amp;»."""
        make_article(title="عنوان", summary="", body="<p>الأمن &amp; السلام في المنطقة.</p>")

        html, _titles = results(client, "السلام")

        excerpt = html.find("p", class_="card__summary")
        assert excerpt.text == "الأمن & السلام في المنطقة."
        assert [m.text for m in html.find_all("mark", within=excerpt)] == ["السلام"]


class TestWhatIsSearched:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {"published": False},
            {"status": Article.Status.REVIEW, "published_at": None},
            {"when": timezone.now() + timedelta(days=1)},
        ],
        ids=["draft", "in-review", "scheduled"],
    )
    def test_unpublished_articles_never_appear(self, client, kwargs):
        make_article(title="خطة سرية للري", body="<p>تفاصيل الري.</p>", **kwargs)
        public = make_article(title="الري في الجزيرة", body="<p>مشاريع الري.</p>")

        html, titles = results(client, "الري")

        assert titles == [public.title]
        assert "خطة سرية" not in html.html
        assert html.find("p", role="status").text == "نتيجة واحدة لـ«الري»"

    def test_only_unpublished_matches(self, client):
        make_article(title="مسودة عن الزلزال", published=False)

        html, titles = results(client, "الزلزال")

        assert titles == []
        assert "مسودة" not in html.html

    def test_authors_and_tags_are_found_once_added(self, client):
        author = make_author(name="نور الهدى القاسم", name_en="Nour Al-Qasem")
        article = make_article(title="قراءة في المشهد", body="<p>نص.</p>")
        Authorship.objects.create(article=article, author=author, position=1)
        article.tags.add("الطاقة المتجددة")

        assert found(client, "القاسم") == [article.title]
        assert found(client, "Qasem") == []  # the English edition's (test_search_editions.py)
        assert found(client, "المتجددة") == [article.title]
        assert found(client, "طاقة متجددة") == [article.title]


ODD_QUERIES = [
    "",
    "   ",
    "\t\n",
    "سورية " * 1700,
    "!!!",
    "؟،؛.«»",
    "Syria سورية ١٢٣ 2025",
    "' OR 1=1 --",
    '"unbalanced',
    "NEAR(",
    "NEAR(سورية سلام, 2)",
    "*",
    "سور*",
    "^سورية",
    "-سورية",
    "سورية:*",
    "a & b | !c",
    "<script>alert(1)</script>",
    "AND OR NOT",
    "_",
    "%",
    "\\",
    "'; DROP TABLE articles_article; --",
]


class TestOddQueries:
    @pytest.mark.parametrize("query", ODD_QUERIES)
    def test_a_normal_page(self, client, query):
        make_article(title="سورية والسلام", body="<p>نص عن سورية والسلام 2025.</p>")

        html, _titles = results(client, query)

        assert html.find("form", role="search", action="/search/", within=html.find("main"))
        assert Article.objects.count() == 1

    def test_script_is_shown_as_text(self, client):
        html, _titles = results(client, "<script>alert(1)</script>")

        assert "<script>alert(1)" not in html.html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.html
        assert html.find("input", id="search-q").get("value") == "<script>alert(1)</script>"

    def test_a_very_long_query_is_cut(self, client):
        query = "سورية " * 1700

        html, _titles = results(client, query)

        assert len(query) > 10_000
        assert query.strip() not in html.html
        assert len(html.find("input", id="search-q").get("value")) <= 200

    def test_operators_are_words_not_syntax(self, client):
        make_article(title="سورية والسلام", body="<p>نص.</p>")

        assert found(client, "سورية OR الحرب") == []
        assert found(client, "NOT سورية") == []
        assert found(client, "سورية*") == ["سورية والسلام"]
        assert found(client, '"سورية') == ["سورية والسلام"]

    def test_mixed_scripts(self, client):
        make_article(title="تقرير Carnegie عن سورية", body="<p>صدر عام 2024.</p>")

        assert found(client, "carnegie سورية 2024") == ["تقرير Carnegie عن سورية"]


def test_index_survives_a_migration_that_copies_the_article_table(client):
    """SQLite rebuilds a table to alter it and drops its triggers; post_migrate restores them."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER articles_article_fts_{name}")
    call_command("migrate", verbosity=0)
    make_article(title="مقال عن القمح")

    assert found(client, "القمح") == ["مقال عن القمح"]


def test_a_very_common_word_ranks_its_newest_matches(monkeypatch):
    """Ranking is bounded to the newest MAX_RANKED matches; rarer words rank everything."""
    monkeypatch.setattr(search.backends, "MAX_RANKED", 3)
    articles = [make_article(title=f"زيتون {i}", body="<p>زيتون</p>") for i in range(5)]
    make_article(title="تفاح", body="<p>تفاح وزيتون قليل</p>")

    ids = search.ranked_ids(search.query_terms("تفاح"), "ar")
    common = search.ranked_ids(search.query_terms("زيتون"), "ar")

    assert len(ids) == 1
    assert len(common) == 3
    assert articles[0].pk not in common and articles[1].pk not in common


def test_words_beginning_with_the_query_only_when_whole_words_do_not_fill_the_results(
    monkeypatch,
):
    whole = [make_article(title=f"موقف سوري {i}") for i in range(2)]
    longer = make_article(title="الحكومة السورية الجديدة")

    terms = search.query_terms("سوري")

    assert set(search.ranked_ids(terms, "ar")) == {*(a.pk for a in whole), longer.pk}

    monkeypatch.setattr(search.backends, "MAX_RESULTS", 2)
    assert set(search.ranked_ids(terms, "ar")) == {a.pk for a in whole}
