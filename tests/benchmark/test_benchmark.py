"""The benchmark's generated content is what the app would have stored and shows as the app
shows it; the benchmark never writes into a database holding real content. Behaviour
only: timings never decide whether a test passes."""

import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import override_settings
from django.utils import timezone

from articles import search
from articles.models import Article, Reference
from articles.sanitize import sanitize_html
from articles.search.indexing import documents_of
from benchmark import dataset, pages, urls
from core import arabic
from tests.helpers.factories import make_article

pytestmark = pytest.mark.django_db

ARTICLES = 30


@pytest.fixture
def generated():
    assert dataset.check_database() is None
    return dataset.generate(ARTICLES)


def test_generated_articles_are_well_formed(generated):
    assert Article.objects.count() == ARTICLES
    assert dataset.marker()["articles"] == ARTICLES
    assert dataset.full_text_rows() == ARTICLES
    now = timezone.now()
    for article in Article.objects.prefetch_related("authorships__author", "tags", "references"):
        assert 2 <= article.authorships.count() <= 4
        assert 4 <= len(article.tags.all()) <= 8
        numbers = [reference.number for reference in article.references.all()]
        assert numbers == list(range(1, len(numbers) + 1))
        assert 5 <= len(numbers) <= 20
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", article.body)}
        assert cited == set(numbers)
        assert article.read_also_links.count() <= 3
        assert article.body == sanitize_html(article.body)
        assert article.slug == article.slug_ar
        assert (article.slug_en is None) == (not article.title_en)
        # What search.reindex would have written (the order of authors and tags aside).
        authors = [authorship.author for authorship in article.authorships.all()]
        for field, document in documents_of(article, authors, article.tags.all()).items():
            assert sorted(getattr(article, field).split()) == sorted(document.split())
        if article.status == Article.Status.PUBLISHED:
            assert article.published_at is not None
        assert article.published_at is None or article.published_at < now + timezone.timedelta(
            days=31
        )
    expected = sum(1 for a in Article.objects.all() if a.is_public)
    assert Article.objects.published().count() == expected > ARTICLES // 2


def test_generated_article_page_and_search(client, generated):
    article = max(Article.objects.published(), key=lambda a: (a.references.count(), a.pk))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for authorship in article.authorships.select_related("author"):
        assert authorship.author.name in html
    for reference in Reference.objects.filter(article=article):
        assert f'href="#ref-{reference.number}"' in html
        assert f'id="ref-{reference.number}"' in html
    word = max(arabic.WORD.findall(article.title), key=len)
    assert article.pk in search.ranked_ids(search.query_terms(word), "ar")


def test_in_process_measurements_run(monkeypatch, generated):
    monkeypatch.setattr(pages, "BUDGET_SECONDS", 0)
    monkeypatch.setattr(pages, "MIN_ROUNDS", 1)
    measured = pages.measure_pages(progress=lambda text: None)
    assert {page["label"] for page in measured["pages"]} >= {"home", "article", "sitemap"}
    assert all(page["miss_queries"] > 0 for page in measured["pages"])
    latency = pages.search_latency(repeats=1)
    assert latency["samples"] == len(pages.SEARCH_QUERIES)


def test_command_measures_a_database_it_filled(monkeypatch, tmp_path):
    monkeypatch.setattr(pages, "BUDGET_SECONDS", 0)
    monkeypatch.setattr(pages, "MIN_ROUNDS", 1)
    out = tmp_path / "results.json"
    call_command(
        "benchmark", "--here", "--articles", str(ARTICLES), "--skip-http", "--json", str(out)
    )
    results = json.loads(out.read_text())
    assert results["articles"] == ARTICLES
    assert "http" not in results


def test_refuses_a_database_with_real_content():
    make_article(title="مقال حقيقي كتبه محرر")
    with pytest.raises(CommandError, match="Refusing to touch this database"):
        call_command("benchmark", "--here", "--articles", str(ARTICLES), "--skip-http")
    assert Article.objects.count() == 1


def test_refuses_the_projects_own_database():
    """The project's db.sqlite3 is refused, even empty; another file or a server is not."""
    own = dataset.project_database()
    with pytest.raises(CommandError, match="project's own database"):
        dataset.refuse_project_database("sqlite", str(own))
    dataset.refuse_project_database("sqlite", str(own.with_name("elsewhere.sqlite3")))
    dataset.refuse_project_database("postgresql", "db.sqlite3")


def test_the_whole_stack_yardstick_is_never_served_from_the_page_cache():
    """Pages are divided by a trivial view that runs every middleware on every request;
    the other yardstick is the page cache's hit."""
    timer = pages.Timer()
    with override_settings(ROOT_URLCONF="benchmark.urls"):
        for _ in range(3):
            stack = timer.get(urls.STACK_TRIVIAL_PATH)
            cached = timer.get(urls.TRIVIAL_PATH)
    assert stack.status_code == cached.status_code == 200
    assert stack.get("X-Cache") != "hit"
    assert "no-store" in stack["Cache-Control"]
    assert cached["X-Cache"] == "hit"


def test_yardsticks_and_pages_are_measured_interleaved(monkeypatch, generated):
    monkeypatch.setattr(pages, "BUDGET_SECONDS", 0)
    monkeypatch.setattr(pages, "MIN_ROUNDS", 2)
    dataset.import_seeds()
    measured = pages.measure_pages(progress=lambda text: None)
    assert measured["trivial_hit_from_cache"] and not measured["trivial_from_cache"]
    by_label = {page["label"]: page for page in measured["pages"]}
    assert by_label["seed paper"]["path"] == dataset.seed_paper().get_absolute_url()
    article = pages.benchmark_article()
    assert by_label["article"]["path"] == article.get_absolute_url()
    most = max(a.references.count() for a in Article.objects.published())
    assert article.references.count() == min(pages.ARTICLE_REFERENCES, most)
    for page in measured["pages"]:
        assert page["rounds"] == 2
        assert page["miss_ratio"] == page["miss_ms"] / page["trivial_ms"]
    assert measured["page_cache"]
