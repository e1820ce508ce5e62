"""In-process measurements: each page type through the whole Django stack, and search.

Pages are requested with the test ``Client``, so every middleware runs, as
under gunicorn (the page cache included). Each page is timed over several
rounds and the fastest round is kept (the least disturbed by the rest of the
machine), then divided by the same measure of a trivial view
(``HttpResponse("ok")``) in the same process: the ratio says what the page
costs beyond Django itself and travels between machines better than
milliseconds do. Queries are counted with ``CaptureQueriesContext``.
"""

import statistics
import time
from urllib.parse import quote

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from articles import search
from articles.models import Article, Section, Tag
from articles.pagecache import new_stamp as new_version
from authors.models import Author

from .urls import TRIVIAL_PATH

# Two seconds at most per page and cache state, but never fewer than three rounds.
BUDGET_SECONDS = 2.0
MIN_ROUNDS = 3

# Arabic as readers type it: with and without ال, hamza forms, ة/ه, two-word queries.
SEARCH_QUERIES = [
    "سورية",
    "سوريا",
    "السورية",
    "التحالف",
    "تحالف",
    "الدولي",
    "داعش",
    "الإرهاب",
    "الارهاب",
    "إرهاب",
    "الأمن",
    "امن",
    "أمنية",
    "مكافحة الإرهاب",
    "وزارة الداخلية",
    "الحكومة الانتقالية",
    "الولايات المتحدة",
    "اتفاق آذار",
    "إعادة الاعمار",
    "اللامركزية الإدارية",
]


def pages():
    """(label, path) of one page of each type, picked the same way on every run."""
    now = timezone.now()
    public = Article.objects.published()
    recent = list(
        public.annotate(refs=Count("references", distinct=True)).order_by("-published_at")[:50]
    )
    article = max(recent, key=lambda a: (a.refs, a.published_at))
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    author = Author.objects.annotate(n=Count("authorships")).order_by("-n").first()
    month = timezone.localtime(public.first().published_at if public.exists() else now)
    return [
        ("home", "/"),
        ("article", article.get_absolute_url()),
        ("section", section.get_absolute_url()),
        ("tag", tag.get_absolute_url()),
        ("author", author.get_absolute_url()),
        ("search", "/search/?q=" + quote("التحالف الدولي")),
        ("archive month", f"/archive/{month.year}/{month.month}/"),
        ("RSS feed", "/feed/"),
        ("Atom feed", "/feed/atom/"),
        ("sitemap", "/sitemap.xml"),
    ]


class Timer:
    """Requests through the full stack, as an anonymous reader over HTTPS."""

    def __init__(self):
        self.client = Client(HTTP_HOST="127.0.0.1")

    def get(self, path):
        self.client.cookies.clear()
        return self.client.get(path, secure=True)

    def fastest(self, path, *, clear_cache):
        """Milliseconds of the fastest round, and the number of rounds.

        A miss is what readers meet after an editor's change: a new version of the
        site (made, with its one query, by the editor's save request), every page anew.
        """
        times = []
        started = time.perf_counter()
        while len(times) < MIN_ROUNDS or time.perf_counter() - started < BUDGET_SECONDS:
            if clear_cache:
                new_version()
            t0 = time.perf_counter()
            response = self.get(path)
            times.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            if len(times) >= 200:
                break
        return min(times) * 1000, len(times)

    def queries(self, path, *, clear_cache):
        if clear_cache:
            new_version()
        with CaptureQueriesContext(connection) as captured:
            response = self.get(path)
        return len(captured), response


def measure_pages(progress=print):
    """Render time, ratio to the trivial view and queries of each page, on a miss and a hit."""
    results = []
    with override_settings(ROOT_URLCONF="benchmark.urls"):
        timer = Timer()
        timer.get(TRIVIAL_PATH)
        trivial_ms, _rounds = timer.fastest(TRIVIAL_PATH, clear_cache=False)
        page_cache = False
        for label, path in pages():
            miss_queries, response = timer.queries(path, clear_cache=True)
            size = len(response.content)
            miss_ms, miss_rounds = timer.fastest(path, clear_cache=True)
            timer.get(path)
            hit_queries, response = timer.queries(path, clear_cache=False)
            page_cache = page_cache or response.get("X-Cache") == "hit"
            hit_ms, hit_rounds = timer.fastest(path, clear_cache=False)
            results.append(
                {
                    "label": label,
                    "path": path,
                    "bytes": size,
                    "miss_ms": miss_ms,
                    "miss_ratio": miss_ms / trivial_ms,
                    "miss_queries": miss_queries,
                    "hit_ms": hit_ms,
                    "hit_ratio": hit_ms / trivial_ms,
                    "hit_queries": hit_queries,
                    "rounds": min(miss_rounds, hit_rounds),
                }
            )
            progress(
                f"  {label:14} miss {miss_ms:7.2f} ms ({miss_ms / trivial_ms:5.1f}×, "
                f"{miss_queries} queries)  hit {hit_ms:6.2f} ms ({hit_queries} queries)"
            )
    return {"trivial_ms": trivial_ms, "page_cache": page_cache, "pages": results}


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def search_latency(repeats=5):
    """p50 and p95 of the search itself (``query_terms`` then ``ranked_ids``, as SearchView
    calls them) over a fixed set of Arabic queries, each run ``repeats`` times after a
    warm-up."""
    samples, found = [], {}
    for query in SEARCH_QUERIES:
        terms = search.query_terms(query)
        found[query] = len(search.ranked_ids(terms, "ar"))
        for _ in range(repeats):
            t0 = time.perf_counter()
            search.ranked_ids(search.query_terms(query), "ar")
            samples.append((time.perf_counter() - t0) * 1000)
    return {
        "p50_ms": percentile(samples, 0.50),
        "p95_ms": percentile(samples, 0.95),
        "max_ms": max(samples),
        "mean_ms": statistics.fmean(samples),
        "queries": len(SEARCH_QUERIES),
        "samples": len(samples),
        "results": found,
    }
