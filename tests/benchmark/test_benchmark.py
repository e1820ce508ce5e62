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
from benchmark import dataset, pages, report, runner, targets, urls
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


# --- The report's targets, from made-up figures ---------------------------------------


def made_up_run(
    *,
    articles=10_000,
    article_ms=7.0,
    paper_ms=4.0,
    feed_ms=15.0,
    queries=4,
    p95=8.0,
    uncached_rps=150.0,
    relevance=None,
):
    """A run's results as ``run_here`` returns them, the whole-stack trivial at 0.5 ms."""
    trivial = 0.5

    def measured(label, ms, miss_queries=5, references=None):
        return {
            "label": label,
            "path": f"/{label}/",
            "references": references,
            "bytes": 1000,
            "trivial_ms": trivial,
            "miss_ms": ms,
            "miss_ratio": ms / trivial,
            "miss_queries": miss_queries + 1,
            "hit_ms": 0.3,
            "hit_ratio": 0.3 / trivial,
            "hit_queries": 1,
            "rounds": 25,
        }

    run = {
        "database": "SQLite 3.40.1",
        "articles": articles,
        "generation_seconds": 60.0,
        "pages": {
            "trivial_ms": trivial,
            "trivial_hit_ms": 0.2,
            "page_cache": True,
            "pages": [
                measured("home", 10.0),
                measured("article", article_ms, queries, 20),
                measured("seed paper", paper_ms, queries, 7),
                measured("RSS feed", feed_ms, 4),
                measured("Atom feed", feed_ms, 4),
            ],
        },
        "search": {"p50_ms": p95 / 2, "p95_ms": p95, "queries": 20, "results": {}},
        "http": {"healthz": {"rps": 1000.0}, "uncached": {"rps": uncached_rps}},
    }
    if relevance:
        run["relevance"] = {"queries": 40, "failures": [], **relevance}
    return run


def verdicts(runs, scaling=None):
    """Target name's first words → (cells by database, met)."""
    return {
        target.name.split(":")[0]: targets.judge(target, runs)
        for target in targets.targets(scaling or {})
    }


def test_targets_met_from_figures_within_them():
    good = {"recall_at_10": 0.95, "precision_at_10": 0.85}
    runs = {
        "SQLite": made_up_run(relevance=good),
        "PostgreSQL": made_up_run(relevance=good),
    }
    found = verdicts(runs)
    for name, (cells, met) in found.items():
        if name.startswith("article miss at"):
            assert met == "–"
            assert cells["SQLite"] == "run ARTICLES=100000 to compare"
        else:
            assert met == "✓", name
            assert all(cell.endswith("✓") for cell in cells.values()), (name, cells)
    cells, _met = found["article miss ÷ whole-stack trivial, 20-reference article"]
    assert cells["SQLite"] == "14.0× (7.0 ms) ✓"
    assert found["HTTP"][0]["PostgreSQL"].startswith("1/7 ")
    small = verdicts({"SQLite": made_up_run(articles=300)})
    assert small["article miss at 100,000 ÷ at 10,000 articles"][0]["SQLite"] == (
        "run ARTICLES=10000 and ARTICLES=100000 to compare"
    )


def test_targets_missed_from_figures_beyond_them():
    runs = {
        "SQLite": made_up_run(article_ms=8.0, paper_ms=5.5, feed_ms=20.5, queries=6, p95=3.0),
        "PostgreSQL": made_up_run(p95=12.0, uncached_rps=50.0),
    }
    found = verdicts(runs)
    assert found["article miss ÷ whole-stack trivial, 20-reference article"][1] == "✗"
    assert found["article miss ÷ whole-stack trivial, seed paper"][1] == "✗"
    assert found["RSS and Atom miss (20 items) ÷ whole-stack trivial"][1] == "✗"
    assert found["queries"][0]["SQLite"] == "article 6, seed paper 6 ✗"
    # Search p95 is PostgreSQL's target: SQLite's figure is shown, PostgreSQL's decides.
    search_cells, search_met = next(v for k, v in found.items() if k.startswith("search p95"))
    assert search_cells["SQLite"].endswith("✓") and search_met == "✗"
    assert found["HTTP"] == ({"SQLite": "1/7 (150/s) ✓", "PostgreSQL": "1/20 (50/s) ✗"}, "✗")
    for name in (
        "search recall@10 on the relevance set",
        "search precision@10 on the relevance set",
    ):
        assert found[name] == ({"SQLite": "not measured", "PostgreSQL": "not measured"}, "–")


def test_targets_of_one_database_and_missing_measurements():
    run = made_up_run(relevance={"recall_at_10": 0.85, "precision_at_10": 0.9})
    del run["http"]
    run["pages"]["pages"] = [p for p in run["pages"]["pages"] if p["label"] != "seed paper"]
    found = verdicts({"SQLite": run})
    assert found["search recall@10 on the relevance set"] == (
        {"SQLite": "0.85 (40 queries) ✗", "PostgreSQL": "not run"},
        "✗",
    )
    assert found["search precision@10 on the relevance set"][1] == "✓ (SQLite only)"
    assert found["article miss ÷ whole-stack trivial, seed paper"][0]["SQLite"] == (
        "n/a (no seed paper)"
    )
    assert found["HTTP"] == ({"SQLite": "not measured (--skip-http)", "PostgreSQL": "not run"}, "–")
    search_met = next(v for k, v in found.items() if k.startswith("search p95"))[1]
    assert search_met == "–"
    table = targets.targets_table({"SQLite": run})
    assert table.splitlines()[0] == "| target | SQLite | PostgreSQL | met |"


def test_the_article_at_100000_is_compared_with_10000_from_two_stored_runs(tmp_path):
    small = made_up_run(articles=10_000, article_ms=6.0)
    runner.stored_run_path("SQLite", 10_000, tmp_path).write_text(json.dumps(small))
    assert runner.stored_scaling("SQLite", tmp_path) is None
    large = made_up_run(articles=100_000, article_ms=9.0)
    large["pages"]["pages"][1]["miss_ratio"] = 9.0 / 0.6  # that run's yardstick was 0.6 ms
    runner.stored_run_path("SQLite", 100_000, tmp_path).write_text(json.dumps(large))
    scaling = {"SQLite": runner.stored_scaling("SQLite", tmp_path)}
    assert scaling["SQLite"]["ratio"] == pytest.approx(1.25)
    cells, met = verdicts({"SQLite": large}, scaling)[
        "article miss at 100,000 ÷ at 10,000 articles"
    ]
    assert cells["SQLite"] == "1.25× (6.0 → 9.0 ms) ✗"
    assert met == "✗"
    assert runner.stored_run_path("PostgreSQL", 100_000) == (
        runner.workdir() / "postgresql-100000.json"
    )


def test_the_results_table_shows_both_yardsticks_and_relevance_when_measured():
    runs = {
        "SQLite": made_up_run(relevance={"recall_at_10": 0.95, "precision_at_10": 0.85}),
        "PostgreSQL": made_up_run(),
    }
    machine = {
        "date": "2026-01-01", "cpu": "CPU", "cores": 2, "ram_gib": 4, "os": "Linux",
        "python": "3.11", "django": "5.2",
    }  # fmt: skip
    table = report.table(runs, machine)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert "0.500 ms" in rows["trivial view, whole stack (never cached)"]
    assert "0.200 ms" in rows["trivial view, page-cache hit"]
    assert "14.0×, 4 q (+1 stamp), 20 refs ✓" in rows["article: cache miss"]
    relevance = rows["search relevance (relevance set)"]
    assert "recall@10 0.95, precision@10 0.85 (40 queries, 0 failing) ✓" in relevance
    assert relevance.endswith("| not measured |")
