"""What readers mean: the relevance set of ``benchmark.relevance``, and the conflations and
the order the search promises, on SQLite and PostgreSQL alike."""

import pytest

from articles import search
from benchmark import relevance
from tests.helpers.factories import make_article
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db


def ranked(query):
    return search.ranked_ids(search.query_terms(query), "ar")


def test_the_relevance_set_finds_what_readers_mean():
    scores = relevance.evaluate(relevance.install())

    assert scores["queries"] >= 40
    assert scores["recall_at_10"] >= 0.9, scores["failures"]
    assert scores["precision_at_10"] >= 0.8, scores["failures"]


def test_installing_twice_changes_nothing():
    first = relevance.install()

    assert relevance.install() == first


@pytest.mark.parametrize(
    "forms",
    [
        ("التحالفات", "تحالفات", "التحالف"),
        ("الدوليين", "الدولي"),
        ("المفاوضات", "مفاوضات"),
        ("المدرسة", "المدرسه", "مدرسة"),
        ("اللاجئين", "لاجئ", "اللاجئون"),
    ],
)
def test_each_form_finds_the_others(forms):
    articles = {form: make_article(title=f"مقال عن {form}", body="<p>نص.</p>") for form in forms}
    make_article(title="مقال عن الزراعة", body="<p>نص آخر.</p>")

    for form in forms:
        assert sorted(ranked(form)) == sorted(a.pk for a in articles.values()), form


def test_exact_words_rank_above_stemmed_ones():
    # The stemmed one is newer: only exactness puts the other first.
    exact = make_article(title="تقرير أول", body="<p>تتواصل المفاوضات بين الطرفين.</p>")
    stemmed = make_article(title="تقرير ثان", body="<p>قال المفاوض إن الجولة انتهت.</p>")
    assert stemmed.pk > exact.pk

    assert ranked("المفاوضات") == [exact.pk, stemmed.pk]
    assert ranked("المفاوض") == [stemmed.pk, exact.pk]


def test_the_title_ranks_above_the_body_and_exact_above_stemmed_there_too():
    in_body = make_article(title="تقرير", body="<p>عن التحالفات في المنطقة.</p>")
    stemmed_title = make_article(title="التحالف الجديد", body="<p>نص.</p>")
    exact_title = make_article(title="التحالفات الجديدة", body="<p>نص.</p>")
    newer_stemmed_title = make_article(title="تحالف آخر", body="<p>نص.</p>")

    found = ranked("التحالفات")

    assert found[0] == exact_title.pk
    assert set(found[1:3]) == {stemmed_title.pk, newer_stemmed_title.pk}
    assert found[3] == in_body.pk


def test_words_matched_by_stem_are_highlighted_as_written(client):
    make_article(
        title="التحالف الدولي والتحالفات الإقليمية",
        summary="قراءة في تحالفات المنطقة.",
        body="<p>نص.</p>",
    )

    html = HtmlPage(client.get("/search/", {"q": "تحالفات"}))

    title = html.find("h2", class_="card__title")
    assert [m.text for m in html.find_all("mark", within=title)] == ["التحالف", "والتحالفات"]
    excerpt = html.find("p", class_="card__summary")
    assert [m.text for m in html.find_all("mark", within=excerpt)] == ["تحالفات"]


def test_the_excerpt_starts_at_a_word_matched_by_stem():
    body = "<p>" + "كلام عام عن المنطقة. " * 20 + "ثم جاءت مفاوضات طويلة.</p>"

    excerpt = search.excerpt(body, search.query_terms("المفاوضات"))

    assert "مفاوضات" in excerpt
    assert excerpt.startswith("… ")
